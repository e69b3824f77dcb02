/**
 * Runs admission: every enabled mutating plugin in order, then (after schema validation, which
 * the registry runs between the two) every enabled validating plugin in order. Each plugin's
 * outcome becomes a stage of the request's audit record; a plugin that changed the object says
 * what it changed.
 */
import type { AuditStage } from '../audit/audit-event';
import { StatusError, newInternalError } from '../status';
import type { KubeObject } from '../../api/kube-object';
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from './types';
import { SharedStages } from '../audit/shared-stages';

export class AdmissionChain {
  private readonly disabled = new Set<string>();
  // The stages' names, made once rather than on every request.
  private readonly mutatingNames: ReadonlyMap<AdmissionPlugin, string>;
  private readonly validatingNames: ReadonlyMap<AdmissionPlugin, string>;
  /** The passed and skipped stages, shared by the requests of one virtual ms (read-only). */
  private readonly shared = new SharedStages();

  constructor(
    readonly plugins: readonly AdmissionPlugin[],
    private readonly context: AdmissionContext,
  ) {
    this.mutatingNames = new Map(plugins.map((p) => [p, `admission: ${p.name} (mutating)`]));
    this.validatingNames = new Map(plugins.map((p) => [p, `admission: ${p.name} (validating)`]));
  }

  setEnabled(name: string, enabled: boolean): void {
    if (!this.plugins.some((p) => p.name === name)) throw new Error(`unknown admission plugin ${name}`);
    if (enabled) this.disabled.delete(name);
    else this.disabled.add(name);
  }

  isEnabled(name: string): boolean {
    return !this.disabled.has(name);
  }

  /** Mutating phase: returns the object after every mutating plugin; throws the first rejection. */
  admit(attributes: AdmissionAttributes, stages: AuditStage[]): KubeObject | undefined {
    let object = attributes.object;
    // One attributes object for the whole phase, its object replaced as plugins change it:
    // plugins read attributes only while they run.
    const current: { -readonly [K in keyof AdmissionAttributes]: AdmissionAttributes[K] } = { ...attributes };
    for (const plugin of this.plugins) {
      if (!plugin.admit) continue;
      const name = this.mutatingNames.get(plugin) as string;
      if (this.disabled.has(plugin.name)) {
        stages.push(this.shared.stage(name, 'skipped', this.context.now(), 'turned off'));
        continue;
      }
      // Called here, not through a closure per plugin: every write runs every plugin.
      let changed: KubeObject | undefined;
      try {
        changed = plugin.admit(current, this.context);
      } catch (error) {
        throw this.failed(plugin, name, stages, error);
      }
      if (changed !== undefined && object !== undefined) {
        stages.push(new MutatedStage(name, object, changed, this.context.now()));
        object = changed;
        current.object = changed;
      } else {
        stages.push(this.shared.stage(name, 'passed', this.context.now()));
      }
    }
    return object;
  }

  /** Validating phase: throws the first rejection. */
  validate(attributes: AdmissionAttributes, stages: AuditStage[]): void {
    for (const plugin of this.plugins) {
      if (!plugin.validate) continue;
      const name = this.validatingNames.get(plugin) as string;
      if (this.disabled.has(plugin.name)) {
        stages.push(this.shared.stage(name, 'skipped', this.context.now(), 'turned off'));
        continue;
      }
      try {
        plugin.validate(attributes, this.context);
      } catch (error) {
        throw this.failed(plugin, name, stages, error);
      }
      stages.push(this.shared.stage(name, 'passed', this.context.now()));
    }
  }

  /** A plugin's rejection (or failure) as the StatusError the request fails with, recorded as its stage. */
  private failed(plugin: AdmissionPlugin, name: string, stages: AuditStage[], error: unknown): StatusError {
    const status = error instanceof StatusError ? error : newInternalError(`admission plugin ${plugin.name} failed: ${String(error)}`);
    stages.push({ name, outcome: 'failed', detail: status.message, at: this.context.now() });
    return status;
  }
}

/**
 * The stage of a plugin that changed the object. What it changed is worked out when first read
 * (the page reads it; a benchmark of 10,000 creations never does): comparing the trees is the
 * costliest part of recording a mutation.
 */
class MutatedStage implements AuditStage {
  readonly outcome = 'mutated' as const;
  private described: string | undefined;

  constructor(
    readonly name: string,
    private readonly before: KubeObject,
    private readonly after: KubeObject,
    readonly at: number,
  ) {}

  get detail(): string {
    return (this.described ??= describeChange(this.before, this.after));
  }
}

/** A short account of what a mutating plugin changed: the paths (to four levels) that differ. */
export function describeChange(before: KubeObject, after: KubeObject): string {
  const paths: string[] = [];
  const walk = (a: unknown, b: unknown, path: string, depth: number) => {
    if (a === b) return;
    if (depth >= 4 || !isPlainObject(a) || !isPlainObject(b)) {
      if (!jsonEqual(a, b)) paths.push(path);
      return;
    }
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) walk(a[k], b[k], path ? `${path}.${k}` : k, depth + 1);
  };
  walk(before, after, '', 0);
  return `changed ${paths.slice(0, 6).join(', ')}${paths.length > 6 ? ` and ${paths.length - 6} more` : ''}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
