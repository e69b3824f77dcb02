/**
 * The taint arguments of `kubectl taint` and what they do to a node's list, as kubectl 1.32's
 * staging/src/k8s.io/kubectl/pkg/cmd/taint/utils.go has them: `KEY=VALUE:EFFECT`, `KEY:EFFECT`
 * to add, `KEY:EFFECT-` or `KEY-` to remove, with its validation messages; and reorganizeTaints,
 * which decides between "tainted", "untainted" and "modified". Pure functions, no requests.
 */
import { isQualifiedName, isValidLabelValue } from '../../../../sim/api/validation/name-rules';

/** core/v1 Taint. `timeAdded` is kept on taints the command leaves alone. */
export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect?: string;
  readonly timeAdded?: string;
}

export type TaintOperation = 'tainted' | 'untainted' | 'modified';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Taint.ToString: `key=value:effect`, `key:effect`, `key=value:`, `key`. */
export function taintToString(t: Taint): string {
  const value = t.value ?? '';
  if (!t.effect) return value ? `${t.key}=${value}:` : t.key;
  return value ? `${t.key}=${value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** Taint.MatchTaint: the same key and effect. */
export function matchTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && (a.effect ?? '') === (b.effect ?? '');
}

/** fmt's %v of a Taint struct (the duplicate error prints it): `{key value effect <nil>}`. */
function goStruct(t: Taint): string {
  return `{${t.key} ${t.value ?? ''} ${t.effect ?? ''} <nil>}`;
}

/** parseTaint: `<key>=<value>:<effect>`, `<key>:<effect>` or `<key>`. */
function parseTaint(st: string): Taint | { error: string } {
  const parts = st.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) {
    key = parts[0] as string;
  } else if (parts.length === 2) {
    effect = parts[1] as string;
    if (!EFFECTS.includes(effect)) return { error: `invalid taint effect: ${effect}, unsupported taint effect` };
    const kv = (parts[0] as string).split('=');
    if (kv.length > 2) return { error: `invalid taint spec: ${st}` };
    key = kv[0] as string;
    if (kv.length === 2) {
      value = kv[1] as string;
      const errs = isValidLabelValue(value);
      if (errs.length) return { error: `invalid taint spec: ${st}, ${errs.join('; ')}` };
    }
  } else {
    return { error: `invalid taint spec: ${st}` };
  }
  const errs = isQualifiedName(key);
  if (errs.length) return { error: `invalid taint spec: ${st}, ${errs.join('; ')}` };
  return { key, value, effect };
}

export interface ParsedTaints {
  readonly add: Taint[];
  /** Key and effect only; an empty effect removes every taint with the key. */
  readonly remove: Taint[];
}

/** parseTaints: split the arguments into taints to add and to remove, each validated. */
export function parseTaints(specs: readonly string[]): ParsedTaints | { error: string } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      if ('error' in t) return t;
      remove.push({ key: t.key, effect: t.effect ?? '' });
      continue;
    }
    const t = parseTaint(spec);
    if ('error' in t) return t;
    if (!t.effect) return { error: `invalid taint spec: ${spec}` };
    if (add.some((a) => a.effect === t.effect && a.key === t.key)) return { error: `duplicated taints with the same key and effect: ${goStruct(t)}` };
    add.push(t);
  }
  return { add, remove };
}

/** Validate's check: a taint both added and removed in one command. */
export function conflictingTaints(parsed: ParsedTaints): string | undefined {
  const conflicts: string[] = [];
  for (const a of parsed.add) {
    for (const r of parsed.remove) {
      if (a.key !== r.key) continue;
      if (!r.effect || a.effect === r.effect) conflicts.push(`{"${r.key}":"${r.effect ?? ''}"}`);
    }
  }
  return conflicts.length ? `can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}` : undefined;
}

/** checkIfTaintsAlreadyExists: the keys of taints to add that the node has with the same effect. */
export function taintsAlreadyThere(old: readonly Taint[], add: readonly Taint[]): string {
  const keys: string[] = [];
  for (const t of add) for (const o of old) if (t.key === o.key && (t.effect ?? '') === (o.effect ?? '')) keys.push(t.key);
  return keys.join(',');
}

export type Reorganized = { readonly operation: TaintOperation; readonly taints: Taint[] } | { readonly errors: string[] };

/**
 * reorganizeTaints: the taints to add first, then the node's others; then the removals. As
 * upstream, `deleted` is whether the *last* removal found something, and any removal that found
 * nothing is an error for the node (nothing is sent then).
 */
export function reorganizeTaints(old: readonly Taint[], overwrite: boolean, add: readonly Taint[], remove: readonly Taint[]): Reorganized {
  let next: Taint[] = [...add];
  for (const o of old) if (!next.some((t) => matchTaint(t, o))) next.push(o);
  const added = old.length !== next.length;
  const errors: string[] = [];
  let deleted = false;
  for (const r of remove) {
    const before = next.length;
    next = r.effect ? next.filter((t) => !matchTaint(r, t)) : next.filter((t) => t.key !== r.key);
    deleted = before !== next.length;
    if (!deleted) errors.push(`taint ${JSON.stringify(taintToString(r))} not found`);
  }
  if (errors.length) return { errors };
  if ((added && deleted) || overwrite) return { operation: 'modified', taints: next };
  return { operation: added ? 'tainted' : 'untainted', taints: next };
}
