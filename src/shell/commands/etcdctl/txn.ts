/**
 * `etcdctl txn` (ctlv3/command/txn_command.go): reads compares, a blank line, the success
 * requests, a blank line, the failure requests from stdin, and prints SUCCESS or FAILURE and each
 * response. Compares are `target("key") op "value"` with target value/version/create/mod/lease
 * (and the short forms val/ver/c/m); requests are put/get/del lines with their usual flags.
 *
 * As in etcdctl, every section ends with a blank line, the failure section too: input that ends
 * before it fails with "Error: EOF" (exit 3) and nothing is sent.
 */
import type { Compare, CompareResult, RequestOp } from '../../../sim/etcd';
import { call, unsupported, type CommandDef } from './ctl';
import { ExitCode, ExitError, exitWithError } from './exit';
import { parseFlags, type FlagSpec } from './flags';
import { goQuote, parseInt64 } from './go';
import { DEL_FLAGS, GET_FLAGS, PUT_FLAGS, getDelOp, getGetOp, getPutOp } from './kv';
import { fields, json, printJson, simple } from './printers';

const TXN_FLAGS: readonly FlagSpec[] = [{ name: 'interactive', short: 'i', type: 'bool', usage: 'Input transaction in interactive mode' }];

/** A Go %q operand: "double-quoted" with escapes, or `raw`. Returns the text and the rest. */
function scanQuoted(s: string): { value: string; rest: string } | undefined {
  const t = s.replace(/^\s+/, '');
  if (t.startsWith('`')) {
    const end = t.indexOf('`', 1);
    return end < 0 ? undefined : { value: t.slice(1, end), rest: t.slice(end + 1) };
  }
  if (!t.startsWith('"')) return undefined;
  let i = 1;
  while (i < t.length && t[i] !== '"') i += t[i] === '\\' ? 2 : 1;
  if (i >= t.length) return undefined;
  const value = unquote(t.slice(0, i + 1));
  return value === undefined ? undefined : { value, rest: t.slice(i + 1) };
}

/** strconv.Unquote for a double-quoted string. */
function unquote(q: string): string | undefined {
  const simpleEscapes: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };
  let out = '';
  for (let i = 1; i < q.length - 1; i++) {
    const c = q[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = q[++i] as string;
    if (e in simpleEscapes) out += simpleEscapes[e];
    else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(q.slice(i + 1, i + 3))) {
      out += String.fromCharCode(parseInt(q.slice(i + 1, i + 3), 16));
      i += 2;
    } else if ((e === 'u' || e === 'U') && /^[0-9a-fA-F]+$/.test(q.slice(i + 1, i + (e === 'u' ? 5 : 9)))) {
      const n = e === 'u' ? 4 : 8;
      out += String.fromCodePoint(parseInt(q.slice(i + 1, i + 1 + n), 16));
      i += n;
    } else return undefined;
  }
  return out;
}

const OPS: Record<string, CompareResult> = { '=': 'EQUAL', '!=': 'NOT_EQUAL', '>': 'GREATER', '<': 'LESS' };

/** ParseCompare: `mod("k") = "0"`. */
export function parseCompare(line: string): Compare {
  const paren = line.indexOf('(');
  if (paren < 0) throw new ExitError(ExitCode.InvalidInput, `malformed comparison: ${line}`);
  const target = line.slice(0, paren);
  // fmt.Sscanf(rest, "%q) %s %q", &key, &op, &val)
  let key = '';
  let op = '';
  let val = '';
  let n = 0;
  const k = scanQuoted(line.slice(paren + 1));
  if (k !== undefined && k.rest.startsWith(')')) {
    key = k.value;
    n = 1;
    const m = /^\s*(\S+)(.*)$/s.exec(k.rest.slice(1));
    if (m) {
      op = m[1] as string;
      n = 2;
      const v = scanQuoted(m[2] as string);
      if (v !== undefined) {
        val = v.value;
        n = 3;
      }
    }
  }
  if (n !== 3) throw new ExitError(ExitCode.InvalidInput, `malformed comparison: ${line}; got ${target}(${goQuote(key)}) ${op} ${goQuote(val)}`);
  const invalid = () => new ExitError(ExitCode.InvalidInput, `invalid txn compare request: ${line}`);
  const number = (base: 10 | 16) => {
    const r = parseInt64(val, base);
    if (!r.ok) throw invalid();
    return r.value;
  };
  const result = OPS[op];
  let cmp: Compare;
  switch (target) {
    case 'ver':
    case 'version':
      cmp = { key, target: 'VERSION', result: result ?? 'EQUAL', value: Number(number(10)) };
      break;
    case 'c':
    case 'create':
      cmp = { key, target: 'CREATE', result: result ?? 'EQUAL', value: Number(number(10)) };
      break;
    case 'm':
    case 'mod':
      cmp = { key, target: 'MOD', result: result ?? 'EQUAL', value: Number(number(10)) };
      break;
    case 'val':
    case 'value':
      cmp = { key, target: 'VALUE', result: result ?? 'EQUAL', value: val };
      break;
    case 'lease':
      cmp = { key, target: 'LEASE', result: result ?? 'EQUAL', value: number(16) };
      break;
    default:
      throw new ExitError(ExitCode.InvalidInput, `malformed comparison: ${line} (unknown target ${target})`);
  }
  // clientv3.Compare panics on any other operator.
  if (result === undefined) throw new ExitError(ExitCode.BadConnection, 'panic: Unknown result op', true);
  return cmp;
}

/** etcdctl's Argify: words, "double-quoted" (Go escapes) or 'single-quoted'. */
export function argify(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (/\s/.test(line[i] as string)) {
      i++;
      continue;
    }
    if (line[i] === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      const word = unquote(line.slice(i, j + 1));
      if (word === undefined) throw new ExitError(ExitCode.InvalidInput, 'invalid syntax');
      out.push(word);
      i = j + 1;
    } else if (line[i] === "'") {
      const j = line.indexOf("'", i + 1);
      const end = j < 0 ? line.length : j;
      out.push(line.slice(i + 1, end));
      i = end + 1;
    } else {
      let j = i;
      while (j < line.length && !/\s/.test(line[j] as string)) j++;
      out.push(line.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** parseRequestUnion: one `put` / `get` / `del` line. */
export function parseRequest(line: string): RequestOp {
  const args = argify(line);
  if (args.length < 2) throw new ExitError(ExitCode.InvalidInput, `invalid txn compare request: ${line}`);
  const [name, ...rest] = args as [string, ...string[]];
  const specs: Record<string, readonly FlagSpec[]> = { put: PUT_FLAGS, get: GET_FLAGS, del: DEL_FLAGS };
  const flagSpecs = specs[name];
  if (flagSpecs === undefined) throw new ExitError(ExitCode.InvalidInput, `invalid txn request: ${line}`);
  let parsed;
  try {
    parsed = parseFlags(rest, flagSpecs);
  } catch {
    throw new ExitError(ExitCode.InvalidInput, `invalid txn request: ${line}`);
  }
  if (name === 'put') return { requestPut: getPutOp(parsed.args, parsed, '') };
  if (name === 'get') return { requestRange: getGetOp(parsed.args, parsed) };
  return { requestDeleteRange: getDelOp(parsed.args, parsed) };
}

/** bufio.Reader.ReadString('\n') over stdin: a line without its newline means EOF. */
class LineReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  /** The next line, trimmed as etcdctl trims it; "Error: EOF" (exit 3) when input runs out. */
  readTrimmed(): string {
    const nl = this.text.indexOf('\n', this.pos);
    if (nl < 0) throw new ExitError(ExitCode.InvalidInput, 'EOF');
    const line = this.text.slice(this.pos, nl);
    this.pos = nl + 1;
    return line.trim();
  }
}

/** readCompares / readOps: lines up to the next blank one, each parsed as it is read. */
function readSection<T>(reader: LineReader, parse: (line: string) => T): T[] {
  const out: T[] = [];
  for (let line = reader.readTrimmed(); line !== ''; line = reader.readTrimmed()) out.push(parse(line));
  return out;
}

export const txn: CommandDef = {
  name: 'txn',
  use: 'txn [options]',
  short: 'Txn processes all the requests in one transaction',
  flags: TXN_FLAGS,
  run(ctl, args, f) {
    if (args.length !== 0) exitWithError(ExitCode.BadArgs, 'txn command does not accept argument');
    const interactive = f.values.get('interactive') === 'true';
    const reader = new LineReader(ctl.stdin);
    if (interactive) ctl.out.println('compares:');
    const compare = readSection(reader, parseCompare);
    if (interactive) ctl.out.println('success requests (get, put, del):');
    const success = readSection(reader, parseRequest);
    if (interactive) ctl.out.println('failure requests (get, put, del):');
    const failure = readSection(reader, parseRequest);
    const resp = call(() => ctl.etcd.txn({ compare, success, failure }));
    if (ctl.writeOut === 'simple') simple.txn(ctl.out, { hex: ctl.hex, valueOnly: false }, resp);
    else if (ctl.writeOut === 'json') printJson(ctl.out, json.txn(resp));
    else if (ctl.writeOut === 'fields') fields.txn(ctl.out, ctl.hex, resp);
    else unsupported(ctl);
  },
};
