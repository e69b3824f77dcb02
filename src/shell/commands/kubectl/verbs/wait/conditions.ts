/**
 * What `kubectl wait --for=...` waits for (staging/src/k8s.io/kubectl/pkg/cmd/wait: wait.go
 * conditionFuncFor, condition.go, jsonpath_waiter.go): `delete`, `create`,
 * `condition=NAME[,NAME...][=VALUE]` (status.conditions, case-folded, not met while the condition's
 * or the status's observedGeneration lags metadata.generation) and `jsonpath=EXPR[=VALUE]`.
 */
import type { KubeObject } from '../../../../../sim/api/kube-object';
import { jsonPathValues } from '../../printers/jsonpath';
import { relaxedJsonPath } from '../../printers/sort-by';

export type WaitFor =
  | { readonly kind: 'delete' }
  | { readonly kind: 'create' }
  /** Met or not; an error (a jsonpath reaching a list) ends the wait. */
  | { readonly kind: 'check'; readonly check: (obj: KubeObject) => boolean | { error: string } };

export function parseWaitFor(condition: string): WaitFor | { error: string } {
  const lower = condition.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (condition.startsWith('condition=')) {
    let name = condition.slice('condition='.length);
    let value = 'true';
    const eq = name.indexOf('=');
    if (eq !== -1) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const names = name.split(',');
    return { kind: 'check', check: (obj) => conditionMet(obj, names, value) };
  }
  if (condition.startsWith('jsonpath=')) return jsonPathWait(condition.slice('jsonpath='.length));
  return { error: `error: unrecognized condition: ${JSON.stringify(condition)}` };
}

const fold = (s: string) => s.toLowerCase();

interface Condition {
  type?: string;
  status?: string;
  observedGeneration?: number;
}

function conditionMet(obj: KubeObject, names: readonly string[], value: string): boolean {
  const status = obj['status'] as { conditions?: Condition[]; observedGeneration?: number } | undefined;
  for (const c of status?.conditions ?? []) {
    if (c.type === undefined || !names.some((n) => fold(n) === fold(c.type ?? ''))) continue;
    if (c.status === undefined) continue;
    const generation = obj.metadata.generation as number | undefined;
    const observed = c.observedGeneration ?? status?.observedGeneration;
    if (generation !== undefined && observed !== undefined && observed < generation) return false;
    return fold(c.status) === fold(value);
  }
  return false;
}

/** splitJSONPathInput: split on single `=`, keeping `==` (a filter's comparison) whole. */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let element = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        element += '==';
        i++;
        continue;
      }
      out.push(element);
      element = '';
      continue;
    }
    element += input[i];
  }
  out.push(element);
  return out;
}

function jsonPathWait(input: string): WaitFor | { error: string } {
  const parts = splitJsonPathInput(input);
  if (parts.length < 1 || parts.length > 2) return { error: "error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'" };
  const relaxed = relaxedJsonPath(parts[0] ?? '');
  if ('error' in relaxed) return { error: `error: ${relaxed.error}` };
  const wanted = parts.length === 2 ? (parts[1] ?? '').replace(/^['"]+|['"]+$/g, '') : undefined;
  if (wanted === '') return { error: "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3" };
  return {
    kind: 'check',
    check: (obj) => {
      const values = jsonPathValues(relaxed.path, obj).filter((v) => v !== undefined);
      if (values.length === 0) return false;
      if (values.length > 1) return { error: 'error: given jsonpath expression matches more than one value' };
      if (wanted === undefined) return true;
      const v = values[0];
      if (v !== null && typeof v === 'object') return { error: 'error: jsonpath leads to a nested object or list which is not supported' };
      return String(v) === wanted;
    },
  };
}
