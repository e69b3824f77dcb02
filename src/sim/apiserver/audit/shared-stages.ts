/**
 * Audit stages shared between requests: a stage is read-only, and the requests of one virtual
 * millisecond record the same `admission: X (validating)`, `validation` or `decode + defaulting`
 * stage with the same time, so they can hold one object instead of one each. Each name keeps the
 * last stage made for it; a stage at another time, outcome or detail replaces it.
 */
import type { AuditStage, StageOutcome } from './audit-event';

/** Names are a fixed few per caller (plugins, registry steps); past this many the memo starts over. */
const NAMES_KEPT = 256;

export class SharedStages {
  private readonly last = new Map<string, AuditStage>();

  /** `{ name, outcome, at }`, or with `detail` when one is given (an empty detail is none). */
  stage(name: string, outcome: StageOutcome, at: number, detail?: string): AuditStage {
    const last = this.last.get(name);
    if (last !== undefined && last.at === at && last.outcome === outcome && last.detail === (detail || undefined)) return last;
    const stage: AuditStage = detail ? { name, outcome, detail, at } : { name, outcome, at };
    if (this.last.size >= NAMES_KEPT) this.last.clear();
    this.last.set(name, stage);
    return stage;
  }
}
