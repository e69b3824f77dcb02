/**
 * kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath), the part learners use:
 * `{.metadata.name}`, `{.items[*].metadata.name}`, `{.items[0].spec.containers[*].image}`,
 * `{.metadata.labels.app}`, `{.metadata.annotations.kubernetes\.io/x}`, `{range .items[*]}...{end}`,
 * quoted text `{"\n"}` and plain text between expressions, the current object `{@}`, recursive
 * descent `{..metadata.name}`, and filters
 * `[?(@.metadata.name=="x")]` (`==`, `!=`, `<`, `<=`, `>`, `>=`, or bare existence). Several results
 * of one expression are joined with a space; maps and lists print as JSON, as the real printer does.
 * A missing key prints nothing unless the caller turns AllowMissingKeys off
 * (`--allow-missing-template-keys=false`), when it is `x is not found`.
 */
import { goSprint } from './go-template';

export class JsonPathError extends Error {}

type FilterOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
type Operand = { kind: 'path'; segments: Segment[] } | { kind: 'literal'; value: string | number | boolean };
type Segment =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  /** `..`: the value and every map or list under it (client-go's RecursiveNode). */
  | { kind: 'recursive' }
  | { kind: 'filter'; left: Operand; op: FilterOp | undefined; right: Operand | undefined };

/** The index of the `)` closing the `(` at `open`, skipping quoted text. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

function parseOperand(text: string): Operand {
  const t = text.trim();
  if (t.startsWith('@') || t.startsWith('$')) return { kind: 'path', segments: parsePath(t) };
  if (/^".*"$|^'.*'$/s.test(t)) return { kind: 'literal', value: t.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { kind: 'literal', value: Number(t) };
  if (t === 'true' || t === 'false') return { kind: 'literal', value: t === 'true' };
  throw new JsonPathError(`unrecognized identifier ${t}`);
}

/** `?(@.a=="x")`'s inside: a path, and optionally an operator and a second operand. */
function parseFilter(inner: string): Segment {
  const m = /^(.*?)\s*(==|!=|<=|>=|<|>)\s*(.*)$/s.exec(inner);
  if (!m) return { kind: 'filter', left: parseOperand(inner), op: undefined, right: undefined };
  return { kind: 'filter', left: parseOperand(m[1] ?? ''), op: m[2] as FilterOp, right: parseOperand(m[3] ?? '') };
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'path'; segments: Segment[] }
  | { kind: 'range'; segments: Segment[]; body: Node[] };

function parsePath(expr: string): Segment[] {
  let text = expr.trim();
  // `$` is the root and `@` the current object; either alone is the object itself.
  if (text.startsWith('$') || text.startsWith('@')) text = text.slice(1);
  if (text === '' || text === '.') return [];
  if (!text.startsWith('.') && !text.startsWith('[')) throw new JsonPathError(`unrecognized identifier ${text}`);
  const segments: Segment[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      i++;
      if (text[i] === '.') {
        segments.push({ kind: 'recursive' });
        continue;
      }
      let name = '';
      while (i < text.length && text[i] !== '.' && text[i] !== '[') {
        if (text[i] === '\\' && i + 1 < text.length) {
          name += text[i + 1];
          i += 2;
        } else name += text[i++];
      }
      if (name === '*') segments.push({ kind: 'all' });
      else if (name) segments.push({ kind: 'field', name });
    } else if (c === '[' && text.startsWith('[?(', i)) {
      const close = closingParen(text, i + 2);
      if (close < 0 || text[close + 1] !== ']') throw new JsonPathError('unterminated filter');
      segments.push(parseFilter(text.slice(i + 3, close)));
      i = close + 2;
    } else if (c === '[') {
      const end = text.indexOf(']', i);
      if (end < 0) throw new JsonPathError('unterminated array');
      const inner = text.slice(i + 1, end).trim();
      if (inner === '*') segments.push({ kind: 'all' });
      else if (/^-?\d+$/.test(inner)) segments.push({ kind: 'index', index: Number(inner) });
      else if (/^'.*'$|^".*"$/.test(inner)) segments.push({ kind: 'field', name: inner.slice(1, -1) });
      else throw new JsonPathError(`unsupported array expression [${inner}]`);
      i = end + 1;
    } else {
      throw new JsonPathError(`unrecognized character in action: ${c}`);
    }
  }
  return segments;
}

/** Split a template into text and `{...}` actions, building range/end blocks. */
function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  let text = '';
  const current = () => stack[stack.length - 1] as Node[];
  while (i < template.length) {
    const c = template[i] as string;
    if (c !== '{') {
      text += c;
      i++;
      continue;
    }
    if (text) current().push({ kind: 'text', text });
    text = '';
    let depth = 0;
    let j = i;
    let quote: string | undefined;
    for (; j < template.length; j++) {
      const d = template[j];
      if (quote) {
        if (d === '\\') j++;
        else if (d === quote) quote = undefined;
      } else if (d === '"' || d === "'") quote = d;
      else if (d === '{') depth++;
      else if (d === '}' && --depth === 0) break;
    }
    if (j >= template.length) throw new JsonPathError('unclosed action');
    const action = template.slice(i + 1, j).trim();
    i = j + 1;
    if (/^".*"$/s.test(action)) {
      current().push({ kind: 'text', text: JSON.parse(action) as string });
    } else if (/^'.*'$/s.test(action)) {
      current().push({ kind: 'text', text: action.slice(1, -1) });
    } else if (action.startsWith('range ')) {
      const node: Node = { kind: 'range', segments: parsePath(action.slice(6)), body: [] };
      current().push(node);
      stack.push(node.body);
    } else if (action === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else {
      current().push({ kind: 'path', segments: parsePath(action) });
    }
  }
  if (text) root.push({ kind: 'text', text });
  if (stack.length !== 1) throw new JsonPathError('unclosed range');
  return root;
}

/** Every value the path reaches from `value`; a missing field is an error, as kubectl reports it. */
function evaluate(value: unknown, segments: readonly Segment[], allowMissing: boolean): unknown[] {
  let current: unknown[] = [value];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const v of current) {
      if (segment.kind === 'field') {
        if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, segment.name)) {
          next.push((v as Record<string, unknown>)[segment.name]);
        } else if (!allowMissing && current.length === 1) {
          throw new JsonPathError(`${segment.name} is not found`);
        }
      } else if (segment.kind === 'recursive') {
        next.push(...descendants(v));
      } else if (segment.kind === 'filter') {
        // evalFilter: the filter runs over a list's items (or a map's values), keeping those that pass.
        const items = Array.isArray(v) ? v : v !== null && typeof v === 'object' ? Object.values(v) : [];
        for (const item of items) if (passes(item, segment)) next.push(item);
      } else if (segment.kind === 'index') {
        if (!Array.isArray(v)) continue;
        const index = segment.index < 0 ? v.length + segment.index : segment.index;
        if (index < 0 || index >= v.length) throw new JsonPathError(`array index out of bounds: index ${segment.index}, length ${v.length}`);
        next.push(v[index]);
      } else if (Array.isArray(v)) next.push(...v);
      else if (v !== null && typeof v === 'object') next.push(...Object.values(v));
    }
    current = next;
  }
  return current;
}

/** evalRecursive: each non-empty map or list, then those under it, depth first (map keys in order). */
function descendants(v: unknown): unknown[] {
  if (v === null || typeof v !== 'object') return [];
  const children = Array.isArray(v) ? v : Object.keys(v).sort().map((k) => (v as Record<string, unknown>)[k]);
  if (children.length === 0) return [];
  return [v, ...children.flatMap(descendants)];
}

function operandValues(item: unknown, operand: Operand): unknown[] {
  return operand.kind === 'literal' ? [operand.value] : evaluate(item, operand.segments, true);
}

function compare(left: unknown, op: FilterOp, right: unknown): boolean {
  if (op === '==') return left === right || (typeof left === 'number' && typeof right === 'number' && left === right);
  if (op === '!=') return left !== right;
  if (typeof left !== typeof right || (typeof left !== 'number' && typeof left !== 'string')) return false;
  const [a, b] = [left as number | string, right as number | string];
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

function passes(item: unknown, filter: Extract<Segment, { kind: 'filter' }>): boolean {
  const lefts = operandValues(item, filter.left);
  if (filter.op === undefined || filter.right === undefined) return lefts.length > 0;
  const rights = operandValues(item, filter.right);
  const op = filter.op;
  return lefts.some((l) => rights.some((r) => compare(l, op, r)));
}

function printValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return goJsonMarshal(v);
  return String(v);
}

/**
 * A map, slice or struct is printed as encoding/json's Marshal writes the unstructured value:
 * map keys sorted, and `<`, `>`, `&` escaped for HTML.
 */
function goJsonMarshal(v: unknown): string {
  const sorted = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (x === null || typeof x !== 'object') return x;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x).sort()) out[k] = sorted((x as Record<string, unknown>)[k]);
    return out;
  };
  return JSON.stringify(sorted(v)).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

function execute(nodes: readonly Node[], data: unknown, allowMissing: boolean): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'path') out += evaluate(data, node.segments, allowMissing).map(printValue).join(' ');
    else {
      for (const item of evaluate(data, node.segments, allowMissing)) {
        const values = Array.isArray(item) ? item : [item];
        for (const v of values) out += execute(node.body, v, allowMissing);
      }
    }
  }
  return out;
}

/** The text `-o jsonpath=TEMPLATE` prints for `data` (no trailing newline added, as kubectl). */
export function jsonPath(template: string, data: unknown, allowMissing = true): string {
  return execute(parseTemplate(template), data, allowMissing);
}

/** One custom-columns cell: every value the (brace-less) path reaches as Go's fmt.Sprint writes it, comma-joined; `<none>` if none. */
export function jsonPathCell(path: string, data: unknown): string {
  const values = jsonPathValues(path, data);
  if (values.length === 0 || values.every((v) => v === undefined || v === null)) return '<none>';
  return values.map(goSprint).join(',');
}

/** The values a `.a.b`, `a.b` or `{.a.b}` expression reaches in `data`, missing keys allowed. */
export function jsonPathValues(expression: string, data: unknown): unknown[] {
  const expr = expression.startsWith('{') ? expression.slice(1, -1) : expression;
  return evaluate(data, parsePath(expr.startsWith('.') || expr.startsWith('$') ? expr : `.${expr}`), true);
}
