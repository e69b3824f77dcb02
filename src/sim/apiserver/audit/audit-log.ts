/**
 * The apiserver's audit backend: keeps the newest records and tells observers as each request
 * completes (the page's requests panel).
 */
import type { AuditEvent } from './audit-event';

export const AUDIT_RECORDS_KEPT = 2000;

export class AuditLog {
  // A ring of the newest records: dropping the oldest is O(1), not a shift of 2,000 entries.
  private readonly records: (AuditEvent | undefined)[] = new Array<AuditEvent | undefined>(AUDIT_RECORDS_KEPT);
  private next = 0;
  private count = 0;
  private readonly observers = new Set<(event: AuditEvent) => void>();

  add(event: AuditEvent): void {
    this.records[this.next] = event;
    this.next = (this.next + 1) % AUDIT_RECORDS_KEPT;
    if (this.count < AUDIT_RECORDS_KEPT) this.count++;
    for (const observer of this.observers) observer(event);
  }

  observe(observer: (event: AuditEvent) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** The newest `n` records, oldest first. */
  recent(n = 100): AuditEvent[] {
    const take = Math.min(n, this.count);
    const out: AuditEvent[] = [];
    for (let i = take; i > 0; i--) out.push(this.records[(this.next - i + AUDIT_RECORDS_KEPT) % AUDIT_RECORDS_KEPT] as AuditEvent);
    return out;
  }

  find(auditID: string): AuditEvent | undefined {
    return this.recent(this.count).find((r) => r.auditID === auditID);
  }
}
