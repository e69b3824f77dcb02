/**
 * `kubectl get -o yaml` text. kubectl marshals the object to JSON and converts it with
 * sigs.k8s.io/yaml, which decodes into Go maps and re-encodes with go-yaml v2; so the output has
 * go-yaml v2's look, which this module reproduces for JSON-shaped data: keys sorted in go-yaml's
 * natural order, two-space indentation with `- ` items level with their parent key, `{}`/`[]` for
 * empty collections, strings plain when they read back as strings, double-quoted when they would
 * read back as something else (`"80"`, `"true"`, `""`, `"2025-01-01T12:00:00Z"`), single-quoted
 * when YAML syntax forbids them plain (`'*'`, `'a: b'`), `|`/`|-` blocks for multi-line text, and
 * long lines folded at the first space past column 80, as the emitter does.
 *
 * The `yaml` npm package folds and quotes differently, so it is not used for output.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

// --- What a plain scalar would resolve to (go-yaml v2 resolve.go) -------------------------------

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
  '<<',
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMPS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
];

function isTimestamp(s: string): boolean {
  for (const re of TIMESTAMPS) {
    const m = re.exec(s);
    if (!m) continue;
    const [, , month = '0', day = '0', hour = '0', minute = '0', second = '0'] = m;
    if (+month >= 1 && +month <= 12 && +day >= 1 && +day <= 31 && +hour < 24 && +minute < 60 && +second < 60) return true;
  }
  return false;
}

/** Whether go-yaml would read the plain scalar back as something other than a string. */
function resolvesToNonString(s: string): boolean {
  const first = s[0];
  let hint: 'S' | 'D' | 'M' | '.' | 'N' | undefined;
  if (first === undefined) hint = 'N';
  else if (first === '+' || first === '-') hint = 'S';
  else if (first >= '0' && first <= '9') hint = 'D';
  else if ('yYnNtTfFoO~'.includes(first)) hint = 'M';
  else if (first === '.') hint = '.';
  if (hint === undefined) return false;
  if (RESOLVE_MAP.has(s)) return true;
  switch (hint) {
    case '.':
      return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
    case 'D':
    case 'S': {
      if (isTimestamp(s)) return true;
      const plain = s.replaceAll('_', '');
      return GO_INT.test(plain) || YAML_STYLE_FLOAT.test(plain);
    }
    default:
      return false;
  }
}

// --- Scalar analysis (yaml_emitter_analyze_scalar) ----------------------------------------------

function isBreak(c: string | undefined): boolean {
  return c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

interface ScalarAnalysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function analyzeScalar(value: string): ScalarAnalysis {
  if (value.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...value];
  let blockIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) blockIndicators = true;
  let precededByWhitespace = true;
  chars.forEach((c, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || isBlank(next) || isBreak(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) {
      blockIndicators = true;
    } else if (c === '#' && precededByWhitespace) {
      blockIndicators = true;
    }
    if (!isPrintable(c)) specialCharacters = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreak(c);
  });
  const a: ScalarAnalysis = { multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks || blockIndicators) a.blockPlainAllowed = false;
  return a;
}

type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

/** The encoder's choice (encode.go stringv) refined by yaml_emitter_select_scalar_style. */
function selectStringStyle(value: string, simpleKey: boolean): ScalarStyle {
  let style: ScalarStyle;
  if (value.includes('\n')) style = 'literal';
  else if (!resolvesToNonString(value) && !BASE60_FLOAT.test(value)) style = 'plain';
  else style = 'double';
  const a = analyzeScalar(value);
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain' && (!a.blockPlainAllowed || (value.length === 0 && simpleKey))) style = 'single';
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

// --- The emitter ---------------------------------------------------------------------------------

const DOUBLE_QUOTE_ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

class Emitter {
  /** The column past which a long scalar folds at a space (go-yaml v2's best_width); go-yaml v3 does not fold. */
  constructor(private readonly bestWidth = BEST_WIDTH) {}

  private readonly out: string[] = [];
  private column = 0;
  private whitespace = true;
  private indention = true;
  private openEnded = false;
  indent = -1;

  text(): string {
    return this.out.join('');
  }

  private put(s: string): void {
    this.out.push(s);
    for (const _ of s) this.column++;
  }

  private putBreak(): void {
    this.out.push('\n');
    this.column = 0;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  writeScalar(value: string, style: ScalarStyle, allowBreaks: boolean): void {
    switch (style) {
      case 'plain':
        this.writePlain(value, allowBreaks);
        break;
      case 'single':
        this.writeSingleQuoted(value, allowBreaks);
        break;
      case 'double':
        this.writeDoubleQuoted(value, allowBreaks);
        break;
      case 'literal':
        this.writeLiteral(value);
        break;
    }
  }

  private writePlain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const chars = [...value];
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > this.bestWidth && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    });
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const chars = [...value];
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(c);
        spaces = true;
      } else {
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    });
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const chars = [...value];
    let spaces = false;
    chars.forEach((c, i) => {
      const cp = c.codePointAt(0) ?? 0;
      if (!isPrintable(c) || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
        const short = DOUBLE_QUOTE_ESCAPES[cp];
        if (short !== undefined) this.put(`\\${short}`);
        else if (cp <= 0xff) this.put(`\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`);
        else if (cp <= 0xffff) this.put(`\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`);
        else this.put(`\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`);
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else {
          this.put(c);
        }
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    });
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(value: string): void {
    this.writeIndicator('|', true, false, false);
    // Block scalar hints: an indentation indicator when the text starts with a space or break,
    // `-` when it has no final break, `+` when it ends with more than one.
    this.openEnded = false;
    const chars = [...value];
    if (chars[0] === ' ' || isBreak(chars[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const last = chars.at(-1);
    if (!isBreak(last)) {
      this.writeIndicator('-', false, false, false);
    } else if (chars.length === 1 || isBreak(chars.at(-2))) {
      this.writeIndicator('+', false, false, false);
      this.openEnded = true;
    }
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c)) {
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent();
          breaks = false;
        }
        this.put(c);
        this.indention = false;
      }
    }
  }

  /** yaml_emitter_increase_indent. */
  increaseIndent(flow: boolean, indentless: boolean): number {
    const saved = this.indent;
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
    return saved;
  }

  isIndention(): boolean {
    return this.indention;
  }

  endDocument(): void {
    this.writeIndent();
    if (this.openEnded) {
      this.writeIndicator('...', true, false, false);
      this.writeIndent();
    }
  }
}

// --- Key order (go-yaml v2 sorter.go keyList.Less) ----------------------------------------------

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** go-yaml's natural key order: letters after other characters, digit runs compared as numbers. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac < bc;
  }
  return ar.length < br.length;
}

function sortedYamlKeys(obj: { [key: string]: JsonValue }): string[] {
  return Object.keys(obj).sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
}

// --- Numbers as Go prints them ------------------------------------------------------------------

/** strconv.FormatFloat(f, 'g', -1, 64), which go-yaml and fmt's %v use for float64. */
export function goFormatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa = '', expText = '0'] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 21 || (exp >= 6 && !Number.isInteger(f))) {
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(f);
}

/** A JSON number as go-yaml prints it: integers as integers, others as Go's %g. */
function yamlNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  const s = goFormatFloat(n);
  return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
}

// --- Nodes ---------------------------------------------------------------------------------------

function isEmptyCollection(v: JsonValue): boolean {
  return (Array.isArray(v) && v.length === 0) || (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
}

function emitNode(e: Emitter, value: JsonValue, mappingContext: boolean, simpleKey: boolean): void {
  if (value === null || typeof value !== 'object') {
    const saved = e.increaseIndent(true, false);
    if (typeof value === 'string') e.writeScalar(value, selectStringStyle(value, simpleKey), !simpleKey);
    else if (typeof value === 'number') e.writeScalar(yamlNumber(value), 'plain', !simpleKey);
    else e.writeScalar(value === null ? 'null' : String(value), 'plain', !simpleKey);
    e.indent = saved;
    return;
  }
  if (isEmptyCollection(value)) {
    const saved = e.increaseIndent(true, false);
    e.writeIndicator(Array.isArray(value) ? '[' : '{', true, true, false);
    e.writeIndicator(Array.isArray(value) ? ']' : '}', false, false, false);
    e.indent = saved;
    return;
  }
  if (Array.isArray(value)) {
    const saved = e.increaseIndent(false, mappingContext && !e.isIndention());
    for (const item of value) {
      e.writeIndent();
      e.writeIndicator('-', true, false, true);
      emitNode(e, item, false, false);
    }
    e.indent = saved;
    return;
  }
  const saved = e.increaseIndent(false, false);
  for (const key of sortedYamlKeys(value)) {
    e.writeIndent();
    emitNode(e, key, true, true);
    e.writeIndicator(':', false, false, false);
    emitNode(e, value[key] as JsonValue, true, false);
  }
  e.indent = saved;
}

/**
 * A JSON value as kubectl's `-o yaml` prints it, ending with a newline. `fold: false` for go-yaml
 * v3's output (kustomize's), which is the same but for long lines, which it leaves whole.
 */
export function toKubectlYaml(value: JsonValue, { fold = true } = {}): string {
  const e = new Emitter(fold ? BEST_WIDTH : Infinity);
  emitNode(e, value, false, false);
  e.endDocument();
  return e.text();
}
