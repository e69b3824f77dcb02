/**
 * Go's `fmt.Sprint` of an unstructured JSON value, which is how kubectl's custom-columns printer
 * writes each cell (customcolumn.go: `fmt.Sprint(value.Interface())`): maps as `map[k:v ...]` with
 * their keys sorted, slices as `[a b]`, strings bare, null as `<nil>`. `-o jsonpath` prints maps
 * and slices as JSON instead (JSONPath.PrintResults), so the two must not share a printer.
 */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o)
      .sort()
      .map((k) => `${k}:${goSprint(o[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** Integral JSON numbers decode to int64; others print as %v of a float64 (two-digit exponent). */
function goFloat(n: number): string {
  return String(n).replace(/e([+-])(\d)$/, 'e$10$2');
}
