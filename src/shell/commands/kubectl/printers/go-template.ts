/**
 * `-o go-template=...` / `--template`: Go's text/template as kubectl's GoTemplatePrinter runs it.
 * The object is first turned into what `json.Unmarshal` into `map[string]interface{}` gives
 * (so every number is a float64 and prints as `%v` prints one: `3`, `1e+06`); a missing key
 * prints `<no value>` (missingkey=default), or is an error when the caller turns
 * --allow-missing-template-keys off (missingkey=error). What is here: text and `{{ }}` actions with
 * `{{-`/`-}}` trimming and comments; fields `.a.b`, `$`, variables (`$x := ...`, `$i, $e := range`),
 * parenthesised pipelines and `|`; if / else if / else, range / else, with / else; the functions
 * kubectl users reach for (and, or, not, len, index, print, printf, println, eq, ne, lt, le, gt,
 * ge) and kubectl's own `base64decode`.
 */
import { base64Decode, utf8Text } from '../../../../sim/base64';

export class GoTemplateError extends Error {}

type Arg =
  | { kind: 'dot' }
  | { kind: 'field'; names: string[]; pos: string }
  | { kind: 'var'; name: string; names: string[] }
  | { kind: 'literal'; value: unknown }
  | { kind: 'ident'; name: string }
  | { kind: 'pipe'; pipe: Pipe; names: string[] };
interface Cmd {
  readonly args: Arg[];
}
interface Pipe {
  readonly decl: string[];
  readonly cmds: Cmd[];
  readonly assign: boolean;
}
type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipe }
  | { kind: 'if' | 'range' | 'with'; pipe: Pipe; list: Node[]; elseList: Node[] | undefined };

/** A value absent from the data (a missing map key): prints `<no value>`. */
const NO_VALUE = Symbol('no value');

// ---- lexing and parsing ----

interface Action {
  readonly text: string;
  readonly line: number;
}
type Piece = { kind: 'text'; text: string } | { kind: 'action'; action: Action };

function split(template: string): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open < 0) {
      pieces.push({ kind: 'text', text: template.slice(i) });
      break;
    }
    let text = template.slice(i, open);
    let start = open + 2;
    if (template[start] === '-' && /\s/.test(template[start + 1] ?? '')) {
      text = text.replace(/\s+$/, '');
      start += 1;
    }
    if (text) pieces.push({ kind: 'text', text });
    const line = template.slice(0, open).split('\n').length;
    // Find the closing braces outside quotes.
    let j = start;
    let quote: string | undefined;
    for (; j < template.length; j++) {
      const c = template[j];
      if (quote) {
        if (c === '\\' && quote !== '`') j++;
        else if (c === quote) quote = undefined;
      } else if (c === '"' || c === '`' || c === "'") quote = c;
      else if (c === '}' && template[j + 1] === '}') break;
    }
    if (j >= template.length) throw new GoTemplateError(`template: output:${line}: unclosed action`);
    let body = template.slice(start, j);
    i = j + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -1);
      const rest = /^\s*/.exec(template.slice(i))?.[0] ?? '';
      i += rest.length;
    }
    pieces.push({ kind: 'action', action: { text: body.trim(), line } });
  }
  return pieces;
}

type Token = { t: 'field' | 'var' | 'ident' | 'string' | 'number' | 'punct'; v: string };

function tokenize(text: string, line: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string) => new GoTemplateError(`template: output:${line}: ${message}`);
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw fail('unterminated quoted string');
      tokens.push({ t: 'string', v: JSON.parse(text.slice(i, j + 1)) as string });
      i = j + 1;
    } else if (c === '`') {
      const j = text.indexOf('`', i + 1);
      if (j < 0) throw fail('unterminated raw quoted string');
      tokens.push({ t: 'string', v: text.slice(i + 1, j) });
      i = j + 1;
    } else if (c === '.' || c === '$') {
      const m = /^(\$[A-Za-z0-9_]*|\.[A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)/.exec(text.slice(i));
      const whole = m?.[0] ?? c;
      tokens.push({ t: c === '$' ? 'var' : 'field', v: whole });
      i += whole.length;
    } else if (/[0-9+-]/.test(c) && /^[+-]?\d/.test(text.slice(i))) {
      const m = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ t: 'number', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ t: 'ident', v: m[0] });
      i += m[0].length;
    } else if (text.startsWith(':=', i)) {
      tokens.push({ t: 'punct', v: ':=' });
      i += 2;
    } else if ('()|,='.includes(c)) {
      tokens.push({ t: 'punct', v: c });
      i++;
    } else {
      throw fail(`unexpected ${JSON.stringify(c)} in command`);
    }
  }
  // A field chain right after `)` is a field of the parenthesised value: `(index .a 0).b`.
  return tokens;
}

class PipeParser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly line: number,
  ) {}

  private fail(message: string): GoTemplateError {
    return new GoTemplateError(`template: output:${this.line}: ${message}`);
  }

  parsePipe(end?: string): Pipe {
    const decl: string[] = [];
    let assign = false;
    // `$x :=` or `$i, $e :=`
    const save = this.i;
    const vars: string[] = [];
    while (this.tokens[this.i]?.t === 'var') {
      vars.push((this.tokens[this.i] as Token).v);
      this.i++;
      if (this.tokens[this.i]?.v === ',') this.i++;
      else break;
    }
    const op = this.tokens[this.i];
    if (vars.length > 0 && op?.t === 'punct' && (op.v === ':=' || op.v === '=')) {
      decl.push(...vars);
      assign = op.v === '=';
      this.i++;
    } else this.i = save;
    const cmds: Cmd[] = [];
    for (;;) {
      const args: Arg[] = [];
      while (this.i < this.tokens.length && this.tokens[this.i]?.v !== '|' && this.tokens[this.i]?.v !== end) args.push(this.parseArg());
      if (args.length === 0) throw this.fail('missing value for command');
      cmds.push({ args });
      if (this.tokens[this.i]?.v === '|') {
        this.i++;
        continue;
      }
      break;
    }
    return { decl, cmds, assign };
  }

  private parseArg(): Arg {
    const tok = this.tokens[this.i++] as Token;
    switch (tok.t) {
      case 'field':
        return tok.v === '.' ? { kind: 'dot' } : { kind: 'field', names: tok.v.slice(1).split('.'), pos: tok.v };
      case 'var': {
        const [name = '$', ...names] = tok.v.split('.');
        return { kind: 'var', name, names };
      }
      case 'string':
        return { kind: 'literal', value: tok.v };
      case 'number':
        return { kind: 'literal', value: /[.eE]/.test(tok.v) ? { float: Number(tok.v) } : { int: Number(tok.v) } };
      case 'ident':
        if (tok.v === 'true' || tok.v === 'false') return { kind: 'literal', value: tok.v === 'true' };
        if (tok.v === 'nil') return { kind: 'literal', value: null };
        if (!Object.hasOwn(FUNCS, tok.v)) throw this.fail(`function ${JSON.stringify(tok.v)} not defined`);
        return { kind: 'ident', name: tok.v };
      case 'punct':
        if (tok.v === '(') {
          const pipe = this.parsePipe(')');
          if (this.tokens[this.i++]?.v !== ')') throw this.fail('unclosed left paren');
          const next = this.tokens[this.i];
          let names: string[] = [];
          if (next?.t === 'field' && next.v !== '.') {
            names = next.v.slice(1).split('.');
            this.i++;
          }
          return { kind: 'pipe', pipe, names };
        }
        throw this.fail(`unexpected ${JSON.stringify(tok.v)} in operand`);
      default:
        throw this.fail(`unexpected ${JSON.stringify(tok.v)} in operand`);
    }
  }

  done(): boolean {
    return this.i >= this.tokens.length;
  }
}

function parsePipeText(text: string, line: number): Pipe {
  const parser = new PipeParser(tokenize(text, line), line);
  const pipe = parser.parsePipe();
  if (!parser.done()) throw new GoTemplateError(`template: output:${line}: unexpected token in command`);
  return pipe;
}

function parse(template: string): Node[] {
  const pieces = split(template);
  let k = 0;
  // Parse a list until one of `stops` (`end`, `else`); hand back which stop ended it.
  const parseList = (stops: readonly string[]): { list: Node[]; stop: Action | undefined } => {
    const list: Node[] = [];
    while (k < pieces.length) {
      const piece = pieces[k++] as Piece;
      if (piece.kind === 'text') {
        list.push({ kind: 'text', text: piece.text });
        continue;
      }
      const { text, line } = piece.action;
      if (text.startsWith('/*')) {
        if (!text.endsWith('*/')) throw new GoTemplateError(`template: output:${line}: unclosed comment`);
        continue;
      }
      const word = /^[a-z]+/.exec(text)?.[0] ?? '';
      if (word === 'end' || word === 'else') {
        if (!stops.includes(word)) throw new GoTemplateError(`template: output:${line}: unexpected {{${word}}}`);
        return { list, stop: piece.action };
      }
      if (word === 'if' || word === 'range' || word === 'with') {
        list.push(parseControl(word, text.slice(word.length), line));
        continue;
      }
      if (word === 'define' || word === 'template' || word === 'block') throw new GoTemplateError(`template: output:${line}: {{${word}}} is not supported by the simulator`);
      list.push({ kind: 'action', pipe: parsePipeText(text, line) });
    }
    if (stops.length > 0) throw new GoTemplateError(`template: output:${pieces.length}: unexpected EOF`);
    return { list, stop: undefined };
  };
  const parseControl = (word: 'if' | 'range' | 'with', rest: string, line: number): Node => {
    const pipe = parsePipeText(rest, line);
    const body = parseList(['end', 'else']);
    let elseList: Node[] | undefined;
    const stop = body.stop as Action;
    if (stop.text.startsWith('else')) {
      const after = stop.text.slice(4).trim();
      const chained = /^(if|with)\b/.exec(after)?.[1] as 'if' | 'with' | undefined;
      if (chained) {
        // `{{else if x}}` is an else holding an if that shares this one's {{end}}.
        elseList = [parseControl(chained, after.slice(chained.length), stop.line)];
        return { kind: word, pipe, list: body.list, elseList };
      }
      const tail = parseList(['end']);
      elseList = tail.list;
    }
    return { kind: word, pipe, list: body.list, elseList };
  };
  return parseList([]).list;
}

// ---- values ----

/** Go's `%v` of a float64: strconv's 'g' with the shortest digits, which switches to an exponent below 1e-4 or from 1e+06 up. */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  // With the shortest digits strconv takes 6 as the precision for this choice: 1e+06, 100000.
  if (exp < -4 || exp >= 6) {
    const [mant = '', e = '0'] = n.toExponential().split('e');
    const ev = Number(e);
    return `${mant}e${ev < 0 ? '-' : '+'}${String(Math.abs(ev)).padStart(2, '0')}`;
  }
  return String(n);
}

type Num = { int: number } | { float: number };
function isNum(v: unknown): v is Num {
  return v !== null && typeof v === 'object' && ('int' in v || 'float' in v) && Object.keys(v).length === 1;
}
function numValue(v: Num): number {
  return 'int' in v ? v.int : v.float;
}

/** The data as json.Unmarshal into interface{} gives it: numbers become float64. */
function fromJson(v: unknown): unknown {
  if (typeof v === 'number') return { float: v };
  if (Array.isArray(v)) return v.map(fromJson);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = fromJson(x);
    return out;
  }
  return v;
}

/**
 * fmt's `%v` (and `fmt.Sprint`) of an unstructured value: maps as `map[k:v ...]` with sorted keys,
 * slices as `[a b]`, strings bare, nil as `<nil>`. The template's own numbers are tagged int or
 * float; a plain number is what an unstructured object holds (an int64 when integral, else a
 * float64), as kubectl's custom-columns printer passes it to `fmt.Sprint`.
 */
export function goSprint(v: unknown): string {
  if (v === NO_VALUE) return '<no value>';
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (isNum(v)) return 'int' in v ? String(v.int) : goFloat(v.float);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (typeof v === 'object') {
    const entries = Object.keys(v).sort().map((k) => `${k}:${goSprint((v as Record<string, unknown>)[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(v);
}

function truth(v: unknown): boolean {
  if (v === NO_VALUE || v === null || v === undefined || v === false || v === '') return false;
  if (isNum(v)) return numValue(v) !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

function goType(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (isNum(v)) return 'int' in v ? 'int' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (v === null || v === NO_VALUE || v === undefined) return '<nil>';
  return 'map[string]interface {}';
}

type Func = (args: unknown[]) => unknown;

function basicCompare(name: string, a: unknown, b: unknown): number {
  if (isNum(a) && isNum(b)) {
    if ('int' in a !== 'int' in b) throw new GoTemplateError(`error calling ${name}: incompatible types for comparison`);
    return numValue(a) - numValue(b);
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean' && (name === 'eq' || name === 'ne')) return a === b ? 0 : 1;
  if (goType(a) !== goType(b)) throw new GoTemplateError(`error calling ${name}: incompatible types for comparison`);
  throw new GoTemplateError(`error calling ${name}: invalid type for comparison`);
}

function sprintf(fmt: string, args: unknown[]): string {
  let n = 0;
  return fmt.replace(/%([-+# 0]*\d*(?:\.\d+)?)([vsdqftxX%])/g, (_m, flags: string, verb: string) => {
    if (verb === '%') return '%';
    if (n >= args.length) return `%!${verb}(MISSING)`;
    const a = args[n++];
    const pad = (s: string) => {
      const width = Number(/\d+/.exec(flags.split('.')[0] ?? '')?.[0] ?? 0);
      return flags.startsWith('-') ? s.padEnd(width) : s.padStart(width);
    };
    switch (verb) {
      case 'd':
        return pad(isNum(a) && 'int' in a ? String(a.int) : `%!d(${goType(a)}=${goSprint(a)})`);
      case 'f': {
        const precision = Number(/\.(\d+)/.exec(flags)?.[1] ?? 6);
        return pad(isNum(a) ? numValue(a).toFixed(precision) : `%!f(${goType(a)}=${goSprint(a)})`);
      }
      case 'q':
        return pad(typeof a === 'string' ? JSON.stringify(a) : `%!q(${goType(a)}=${goSprint(a)})`);
      case 't':
        return pad(typeof a === 'boolean' ? String(a) : `%!t(${goType(a)}=${goSprint(a)})`);
      default:
        return pad(goSprint(a));
    }
  });
}

const FUNCS: Readonly<Record<string, Func>> = {
  and: (args) => args.find((a) => !truth(a)) ?? args[args.length - 1],
  or: (args) => args.find((a) => truth(a)) ?? args[args.length - 1],
  not: (args) => !truth(args[0]),
  len: (args) => {
    const a = args[0];
    if (typeof a === 'string') return { int: new TextEncoder().encode(a).length };
    if (Array.isArray(a)) return { int: a.length };
    if (a !== null && typeof a === 'object' && !isNum(a)) return { int: Object.keys(a).length };
    throw new GoTemplateError(`error calling len: len of ${a === NO_VALUE || a === null ? 'nil pointer' : `type ${goType(a)}`}`);
  },
  index: (args) => {
    let v = args[0];
    for (const key of args.slice(1)) {
      if (Array.isArray(v)) {
        if (!isNum(key) || !('int' in key)) throw new GoTemplateError(`error calling index: cannot index slice/array with type ${goType(key)}`);
        if (key.int < 0 || key.int >= v.length) throw new GoTemplateError(`error calling index: index out of range: ${key.int}`);
        v = v[key.int];
      } else if (v !== null && typeof v === 'object' && !isNum(v)) {
        if (typeof key !== 'string') throw new GoTemplateError(`error calling index: value has type ${goType(key)}; should be string`);
        v = Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : null;
      } else if (v === NO_VALUE || v === null) {
        throw new GoTemplateError('error calling index: index of untyped nil');
      } else throw new GoTemplateError(`error calling index: can't index item of type ${goType(v)}`);
    }
    return v;
  },
  print: (args) => args.map((a, i) => (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string' ? ' ' : '') + goSprint(a)).join(''),
  println: (args) => `${args.map(goSprint).join(' ')}\n`,
  printf: (args) => sprintf(typeof args[0] === 'string' ? args[0] : goSprint(args[0]), args.slice(1)),
  eq: (args) => args.slice(1).some((b) => basicCompare('eq', args[0], b) === 0),
  ne: (args) => basicCompare('ne', args[0], args[1]) !== 0,
  lt: (args) => basicCompare('lt', args[0], args[1]) < 0,
  le: (args) => basicCompare('le', args[0], args[1]) <= 0,
  gt: (args) => basicCompare('gt', args[0], args[1]) > 0,
  ge: (args) => basicCompare('ge', args[0], args[1]) >= 0,
  // kubectl's printers add base64decode (printers/template.go).
  base64decode: (args) => {
    const s = args[0];
    if (typeof s !== 'string') throw new GoTemplateError(`error calling base64decode: expected string, got ${goType(s)}`);
    const bytes = base64Decode(s);
    if (!bytes) throw new GoTemplateError('error calling base64decode: base64 decode failed: illegal base64 data at input byte 0');
    return utf8Text(bytes);
  },
};

// ---- execution ----

interface State {
  readonly root: unknown;
  readonly vars: { name: string; value: unknown }[];
  readonly missingKeyError: boolean;
  out: string;
}

function field(state: State, receiver: unknown, name: string, pos: string): unknown {
  if (receiver === NO_VALUE) return NO_VALUE;
  if (receiver === null || receiver === undefined) throw new GoTemplateError(`template: output:1: executing "output" at <${pos}>: nil pointer evaluating interface {}.${name}`);
  if (typeof receiver === 'object' && !Array.isArray(receiver) && !isNum(receiver)) {
    if (Object.hasOwn(receiver, name)) return (receiver as Record<string, unknown>)[name];
    if (state.missingKeyError) throw new GoTemplateError(`template: output:1:2: executing "output" at <${pos}>: map has no entry for key "${name}"`);
    return NO_VALUE;
  }
  throw new GoTemplateError(`template: output:1: executing "output" at <${pos}>: can't evaluate field ${name} in type ${goType(receiver)}`);
}

function fields(state: State, receiver: unknown, names: readonly string[], pos: string): unknown {
  let v = receiver;
  for (const name of names) v = field(state, v, name, pos);
  return v;
}

function lookupVar(state: State, name: string): unknown {
  for (let i = state.vars.length - 1; i >= 0; i--) if (state.vars[i]?.name === name) return state.vars[i]?.value;
  throw new GoTemplateError(`template: output:1: undefined variable: ${name}`);
}

function evalArg(state: State, dot: unknown, arg: Arg): unknown {
  switch (arg.kind) {
    case 'dot':
      return dot;
    case 'field':
      return fields(state, dot, arg.names, arg.pos);
    case 'var':
      return fields(state, lookupVar(state, arg.name), arg.names, `${arg.name}.${arg.names.join('.')}`);
    case 'literal':
      return arg.value;
    case 'pipe':
      return fields(state, evalPipe(state, dot, arg.pipe, false), arg.names, `.${arg.names.join('.')}`);
    case 'ident': {
      const fn = FUNCS[arg.name] as Func;
      return fn([]);
    }
  }
}

function evalPipe(state: State, dot: unknown, pipe: Pipe, declare: boolean): unknown {
  let value: unknown = undefined;
  let piped = false;
  for (const cmd of pipe.cmds) {
    const [first, ...rest] = cmd.args;
    if (first?.kind === 'ident') {
      const args = rest.map((a) => evalArg(state, dot, a));
      if (piped) args.push(value);
      value = (FUNCS[first.name] as Func)(args);
    } else {
      if (rest.length > 0 || piped) throw new GoTemplateError(`template: output:1: executing "output": can't give argument to non-function ${first ? goSprint(evalArg(state, dot, first)) : ''}`);
      value = evalArg(state, dot, first as Arg);
    }
    piped = true;
  }
  if (declare) {
    for (const name of pipe.decl) {
      if (pipe.assign) {
        const slot = [...state.vars].reverse().find((v) => v.name === name);
        if (!slot) throw new GoTemplateError(`template: output:1: undefined variable: ${name}`);
        slot.value = value;
      } else state.vars.push({ name, value });
    }
  }
  return value;
}

function walk(state: State, dot: unknown, nodes: readonly Node[]): void {
  for (const node of nodes) {
    if (node.kind === 'text') state.out += node.text;
    else if (node.kind === 'action') {
      const v = evalPipe(state, dot, node.pipe, true);
      if (node.pipe.decl.length === 0) state.out += goSprint(v);
    } else {
      const mark = state.vars.length;
      if (node.kind === 'range') {
        const value = evalPipe(state, dot, { ...node.pipe, decl: [] }, false);
        const entries: [unknown, unknown][] = Array.isArray(value)
          ? value.map((v, i) => [{ int: i }, v])
          : value !== null && typeof value === 'object' && !isNum(value)
            ? Object.keys(value).sort().map((k) => [k, (value as Record<string, unknown>)[k]])
            : [];
        if (value !== NO_VALUE && value !== null && (typeof value !== 'object' || isNum(value))) throw new GoTemplateError(`template: output:1: range can't iterate over ${goSprint(value)}`);
        if (entries.length === 0) {
          if (node.elseList) walk(state, dot, node.elseList);
        }
        for (const [key, v] of entries) {
          const [a, b] = node.pipe.decl;
          if (b !== undefined) state.vars.push({ name: a as string, value: key }, { name: b, value: v });
          else if (a !== undefined) state.vars.push({ name: a, value: v });
          walk(state, v, node.list);
          state.vars.length = mark;
        }
      } else {
        const value = evalPipe(state, dot, node.pipe, true);
        if (truth(value)) walk(state, node.kind === 'with' ? value : dot, node.list);
        else if (node.elseList) walk(state, dot, node.elseList);
      }
      state.vars.length = mark;
    }
  }
}

/** Parse a template, or throw GoTemplateError with text/template's parse message. */
export function parseGoTemplate(template: string): void {
  parse(template);
}

/** What GoTemplatePrinter prints for `data` (a JSON value); throws GoTemplateError. */
export function goTemplate(template: string, data: unknown, allowMissingKeys = true): string {
  const nodes = parse(template);
  const root = fromJson(data);
  const state: State = { root, vars: [{ name: '$', value: root }], missingKeyError: !allowMissingKeys, out: '' };
  walk(state, root, nodes);
  return state.out;
}
