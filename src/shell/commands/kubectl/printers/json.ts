/**
 * `kubectl get -o json`: kubectl decodes the answer into unstructured maps and prints them with
 * json.MarshalIndent(obj, "", "    "), so map keys come out sorted, with four-space indentation,
 * a final newline, and Go's HTML-safe escaping of `<`, `>` and `&` (`\u003c`).
 */

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sorted((value as Record<string, unknown>)[key]);
  return out;
}

export function goJsonIndent(value: unknown): string {
  const text = JSON.stringify(sorted(value), null, 4) ?? 'null';
  return `${text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
