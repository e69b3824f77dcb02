/**
 * `kubectl get --sort-by=.metadata.name` (kubectl/pkg/cmd/get/sorter.go): the expression is
 * relaxed to `{.metadata.name}`, each object's first value under it is the key, and keys compare
 * as sorter.go's isLess does for unstructured JSON: numbers as numbers, strings naturally (digit
 * runs as numbers) unless both parse as quantities (`500m` < `1`), objects without the field
 * first. Go's sort.Sort is not stable; this sort is, so equal keys keep the server's order.
 */
import { tryParseQuantity, Quantity } from '../../../../sim/api/quantity';
import { jsonPathValues } from './jsonpath';
import type { KubeObject } from '../../../../sim/api/kube-object';

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`. */
export function relaxedJsonPath(expression: string): { path: string } | { error: string } {
  const m = RELAXED.exec(expression);
  if (!m) return { error: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'" };
  return { path: `{.${m[1] ?? m[2] ?? ''}}` };
}

/** The objects ordered by the expression, or kubectl's error when no object has the field. */
export function sortObjects(objects: readonly KubeObject[], expression: string): { objects: KubeObject[] } | { error: string } {
  const relaxed = relaxedJsonPath(expression);
  if ('error' in relaxed) return relaxed;
  const keyed = objects.map((object) => ({ object, key: jsonPathValues(relaxed.path, object)[0] }));
  if (objects.length > 0 && keyed.every((k) => k.key === undefined)) {
    return { error: `couldn't find any field with path ${JSON.stringify(relaxed.path)} in the list of objects` };
  }
  const sorted = [...keyed].sort((a, b) => (isLess(a.key, b.key) ? -1 : isLess(b.key, a.key) ? 1 : 0));
  return { objects: sorted.map((k) => k.object) };
}

function isLess(i: unknown, j: unknown): boolean {
  // A missing (or null) value sorts first.
  if (i === undefined || i === null) return j !== undefined && j !== null;
  if (j === undefined || j === null) return false;
  if (typeof i === 'number' && typeof j === 'number') return i < j;
  if (typeof i === 'string' && typeof j === 'string') {
    const qi = tryParseQuantity(i);
    const qj = tryParseQuantity(j);
    if (qi instanceof Quantity && qj instanceof Quantity) return qi.cmp(qj) < 0;
    return naturalLess(i, j);
  }
  return false;
}

const isDigit = (c: string) => c >= '0' && c <= '9';

/** sortorder.NaturalLess: digit runs compare as numbers (`pod-9` < `pod-10`), the rest byte-wise. */
export function naturalLess(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a[i] as string;
    const cb = b[j] as string;
    const da = isDigit(ca);
    const db = isDigit(cb);
    if (da !== db) return da;
    if (!da) {
      if (ca !== cb) return ca < cb;
      i++;
      j++;
      continue;
    }
    while (i < a.length && a[i] === '0') i++;
    while (j < b.length && b[j] === '0') j++;
    const startA = i;
    const startB = j;
    while (i < a.length && isDigit(a[i] as string)) i++;
    while (j < b.length && isDigit(b[j] as string)) j++;
    if (i - startA !== j - startB) return i - startA < j - startB;
    const na = a.slice(startA, i);
    const nb = b.slice(startB, j);
    if (na !== nb) return na < nb;
    if (startA !== startB) return startA < startB;
  }
  return a.length < b.length;
}
