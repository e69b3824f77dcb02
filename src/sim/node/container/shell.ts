/**
 * A small POSIX-sh subset, as busybox/alpine/ubuntu/debian images run it for `sh -c SCRIPT`:
 * `;`, `&&`, `||`, `|` (stages run one after another), newlines, `while ...; do ...; done`, `for X in ...; do ...; done`,
 * `if ...; then ...; else ...; fi`, `$VAR`/`${VAR}` and `$(date)` expansion, `>`/`>>`
 * redirection, and the builtins tutorials use (sleep, exit, echo [-n] [-e], printenv, env,
 * touch, rm, cat, ls, grep, wc, head, tail, sort, printf, curl, mkdir, date, hostname, true,
 * false, test/[/[[). Files are the container's
 * filesystem (filesystem.ts: its layer and its mounted volumes). Output is a byte stream, as a
 * pipe is: `echo -n` and a file without a final newline leave a line open for what comes next.
 * Running is a generator that yields the virtual milliseconds it wants to sleep, so the caller
 * can put the wait on the engine clock. Unknown commands answer as busybox does:
 * `sh: NAME: not found`, status 127.
 */
import { EISDIR, ENOENT, type FileSystem } from './filesystem';

import type { ExternalProgram } from './programs/net-access';

type Segment = { readonly kind: 'lit'; readonly text: string } | { readonly kind: 'var'; readonly name: string } | { readonly kind: 'cmd'; readonly script: string };
interface Word {
  readonly segments: readonly Segment[];
}
type Token = { readonly op: string } | { readonly word: Word };

export type ShellNode =
  | { readonly type: 'simple'; readonly words: readonly Word[]; readonly redirect?: { readonly append: boolean; readonly target: Word } }
  | { readonly type: 'list'; readonly items: readonly { readonly node: ShellNode; readonly op: ';' | '&&' | '||' }[] }
  | { readonly type: 'while'; readonly cond: ShellNode; readonly body: ShellNode; readonly until?: boolean }
  | { readonly type: 'for'; readonly name: string; readonly values: readonly Word[]; readonly body: ShellNode }
  | { readonly type: 'if'; readonly cond: ShellNode; readonly then: ShellNode; readonly otherwise?: ShellNode }
  | { readonly type: 'pipe'; readonly stages: readonly ShellNode[] };

export class ShellSyntaxError extends Error {}

/** The exit builtin: unwinds the interpreter with a status. */
class ExitRequest {
  constructor(readonly code: number) {}
}

function tokenize(script: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i] ?? '';
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && script[i] !== '\n') i++;
      continue;
    }
    if (c === '\n' || c === ';') {
      tokens.push({ op: ';' });
      i++;
      continue;
    }
    const two = script.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '>>') {
      tokens.push({ op: two });
      i += 2;
      continue;
    }
    if (script.startsWith('2>&1', i)) {
      i += 4;
      continue;
    }
    if (c === '>' || c === '|' || c === '&') {
      tokens.push({ op: c });
      i++;
      continue;
    }
    // A word: runs of plain text, quoted text and expansions.
    const segments: Segment[] = [];
    let lit = '';
    const flush = () => {
      if (lit) segments.push({ kind: 'lit', text: lit });
      lit = '';
    };
    const readDollar = (): void => {
      // at script[i] === '$'
      const next = script[i + 1] ?? '';
      if (next === '(') {
        let depth = 1;
        let j = i + 2;
        while (j < n && depth > 0) {
          if (script[j] === '(') depth++;
          else if (script[j] === ')') depth--;
          j++;
        }
        flush();
        segments.push({ kind: 'cmd', script: script.slice(i + 2, j - 1) });
        i = j;
      } else if (next === '{') {
        const end = script.indexOf('}', i);
        if (end < 0) throw new ShellSyntaxError('bad substitution');
        flush();
        segments.push({ kind: 'var', name: script.slice(i + 2, end) });
        i = end + 1;
      } else if (/[A-Za-z_?]/.test(next)) {
        let j = i + 1;
        if (next === '?') j++;
        else while (j < n && /[A-Za-z0-9_]/.test(script[j] ?? '')) j++;
        flush();
        segments.push({ kind: 'var', name: script.slice(i + 1, j) });
        i = j;
      } else {
        lit += '$';
        i++;
      }
    };
    while (i < n) {
      const ch = script[i] ?? '';
      if (' \t\n;&|>'.includes(ch)) break;
      if (ch === "'") {
        const end = script.indexOf("'", i + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
        lit += script.slice(i + 1, end);
        i = end + 1;
      } else if (ch === '"') {
        i++;
        while (i < n && script[i] !== '"') {
          // Inside double quotes a backslash escapes only $ ` " \ and newline; otherwise it stays.
          if (script[i] === '\\' && i + 1 < n && '$`"\\\n'.includes(script[i + 1] ?? '')) {
            lit += script[i + 1];
            i += 2;
          } else if (script[i] === '$') readDollar();
          else lit += script[i++];
        }
        if (i >= n) throw new ShellSyntaxError('unterminated quoted string');
        i++;
      } else if (ch === '\\' && i + 1 < n) {
        lit += script[i + 1];
        i += 2;
      } else if (ch === '$') readDollar();
      else lit += script[i++];
    }
    flush();
    if (segments.length === 0) segments.push({ kind: 'lit', text: '' });
    tokens.push({ word: { segments } });
  }
  return tokens;
}

function wordText(word: Word): string | undefined {
  return word.segments.length === 1 && word.segments[0]?.kind === 'lit' ? word.segments[0].text : undefined;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peekKeyword(): string | undefined {
    const t = this.tokens[this.pos];
    return t && 'word' in t ? wordText(t.word) : undefined;
  }

  private skipSeparators(): void {
    for (let t = this.tokens[this.pos]; t && 'op' in t && t.op === ';'; t = this.tokens[++this.pos]);
  }

  private expectKeyword(keyword: string): void {
    this.skipSeparators();
    if (this.peekKeyword() !== keyword) throw new ShellSyntaxError(`syntax error: expected "${keyword}"`);
    this.pos++;
  }

  parseList(terminators: readonly string[]): ShellNode {
    const items: { node: ShellNode; op: ';' | '&&' | '||' }[] = [];
    let op: ';' | '&&' | '||' = ';';
    for (;;) {
      this.skipSeparators();
      const t = this.tokens[this.pos];
      if (!t) break;
      const kw = this.peekKeyword();
      if (kw !== undefined && terminators.includes(kw)) break;
      items.push({ node: this.parsePipeline(), op });
      const next = this.tokens[this.pos];
      if (next && 'op' in next && (next.op === '&&' || next.op === '||' || next.op === ';' || next.op === '&')) {
        // `&` is read as sequencing: the model has no background jobs.
        op = next.op === '&&' || next.op === '||' ? next.op : ';';
        this.pos++;
      } else op = ';';
    }
    return { type: 'list', items };
  }

  /** `a | b | c`: one node when there is no pipe. */
  private parsePipeline(): ShellNode {
    const stages = [this.parseCommand()];
    for (let t = this.tokens[this.pos]; t && 'op' in t && t.op === '|'; t = this.tokens[this.pos]) {
      this.pos++;
      stages.push(this.parseCommand());
    }
    return stages.length === 1 ? (stages[0] as ShellNode) : { type: 'pipe', stages };
  }

  private parseCommand(): ShellNode {
    const kw = this.peekKeyword();
    if (kw === 'while' || kw === 'until') {
      this.pos++;
      const cond = this.parseList(['do']);
      this.expectKeyword('do');
      const body = this.parseList(['done']);
      this.expectKeyword('done');
      return { type: 'while', cond, body, ...(kw === 'until' ? { until: true } : {}) };
    }
    if (kw === 'for') {
      this.pos++;
      const nameTok = this.tokens[this.pos++];
      const name = nameTok && 'word' in nameTok ? wordText(nameTok.word) : undefined;
      if (!name) throw new ShellSyntaxError('syntax error: bad for loop variable');
      const values: Word[] = [];
      if (this.peekKeyword() === 'in') {
        this.pos++;
        for (let t = this.tokens[this.pos]; t && 'word' in t; t = this.tokens[++this.pos]) values.push(t.word);
      }
      this.expectKeyword('do');
      const body = this.parseList(['done']);
      this.expectKeyword('done');
      return { type: 'for', name, values, body };
    }
    if (kw === 'if') {
      this.pos++;
      const cond = this.parseList(['then']);
      this.expectKeyword('then');
      const then = this.parseList(['else', 'fi']);
      let otherwise: ShellNode | undefined;
      if (this.peekKeyword() === 'else') {
        this.pos++;
        otherwise = this.parseList(['fi']);
      }
      this.expectKeyword('fi');
      return { type: 'if', cond, then, ...(otherwise ? { otherwise } : {}) };
    }
    const words: Word[] = [];
    let redirect: { append: boolean; target: Word } | undefined;
    for (;;) {
      const t = this.tokens[this.pos];
      if (!t) break;
      if ('word' in t) {
        words.push(t.word);
        this.pos++;
        continue;
      }
      if (t.op === '>' || t.op === '>>') {
        const target = this.tokens[this.pos + 1];
        if (!target || !('word' in target)) throw new ShellSyntaxError('syntax error: unexpected redirection');
        redirect = { append: t.op === '>>', target: target.word };
        this.pos += 2;
        continue;
      }
      break;
    }
    if (words.length === 0) throw new ShellSyntaxError('syntax error: unexpected token');
    return { type: 'simple', words, ...(redirect ? { redirect } : {}) };
  }

  done(): boolean {
    this.skipSeparators();
    return this.pos >= this.tokens.length;
  }
}


export function parseShell(script: string): ShellNode {
  const parser = new Parser(tokenize(script));
  const list = parser.parseList([]);
  if (!parser.done()) throw new ShellSyntaxError('syntax error: unexpected word');
  return list;
}

/** What a running script can see and touch. */
export interface ShellContext {
  now(): number;
  readonly env: ReadonlyMap<string, string>;
  readonly files: FileSystem;
  readonly hostname: string;
  /** An HTTP GET from inside the pod's network namespace (curl); undefined: connection refused. */
  readonly httpGet?: (host: string, port: number, path: string) => { readonly status: number; readonly body: string } | undefined;
  /** One whole line of standard output (the interpreter joins partial writes into lines). */
  out(line: string): void;
  err(line: string): void;
  /** The image's other programs (curl, wget, nslookup: programs/image-tools.ts). */
  readonly external?: ExternalProgram;
}

/** A command that ran without yielding this many times is a busy loop: let time pass. */
const BUSY_LOOP_LIMIT = 1000;
const BUSY_LOOP_TICK_MS = 100;

/** busybox `date`: `Wed Jan  1 00:00:05 UTC 2025`. */
export function busyboxDate(epochMs: number): string {
  const d = new Date(epochMs);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (v: number) => String(v).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** sleep's operand: seconds with an optional s/m/h/d suffix, or `infinity`. */
function sleepMs(arg: string | undefined): number | undefined {
  if (arg === undefined) return undefined;
  if (arg === 'infinity' || arg === 'inf') return Number.POSITIVE_INFINITY;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] ?? ''] ?? 1;
  return Number(m[1]) * unit * 1000;
}

export class ShellInterpreter {
  private status = 0;
  private sinceYield = 0;
  private readonly vars = new Map<string, string>();
  /** Standard output written since the last newline. */
  private pending = '';
  /** Inside a pipeline stage: its output is collected for the next stage, not printed. */
  private capture: string[] | undefined;
  /** What the previous pipeline stage wrote: this stage's standard input. */
  private stdin: string | undefined;

  constructor(
    private readonly ctx: ShellContext,
    /** Epoch of virtual time 0, for `date`. */
    private readonly epochMs: number,
  ) {}

  /** Run a script; yields sleeps in virtual ms; returns the exit status. */
  *run(node: ShellNode): Generator<number, number, void> {
    try {
      yield* this.exec(node);
      return this.status;
    } catch (e) {
      if (e instanceof ExitRequest) return e.code;
      throw e;
    } finally {
      // An unterminated last line still reaches the log when the process ends.
      if (this.pending) this.ctx.out(this.pending);
      this.pending = '';
    }
  }

  /** Write to standard output: whole lines go out, the rest waits for its newline. */
  private write(text: string): void {
    if (this.capture) {
      this.capture.push(text);
      return;
    }
    const parts = (this.pending + text).split('\n');
    this.pending = parts.pop() ?? '';
    for (const line of parts) this.ctx.out(line);
  }

  private lookup(name: string): string {
    if (name === '?') return String(this.status);
    return this.vars.get(name) ?? this.ctx.env.get(name) ?? '';
  }

  private expand(word: Word): string {
    let out = '';
    for (const s of word.segments) {
      if (s.kind === 'lit') out += s.text;
      else if (s.kind === 'var') out += this.lookup(s.name);
      else out += this.substitute(s.script);
    }
    return out;
  }

  /** $(...) runs synchronously: only instant commands make sense inside it. */
  private substitute(script: string): string {
    const lines: string[] = [];
    const inner = new ShellInterpreter({ ...this.ctx, env: this.ctx.env, files: this.ctx.files, out: (l) => lines.push(l), err: this.ctx.err, now: this.ctx.now, hostname: this.ctx.hostname }, this.epochMs);
    // A subshell: it sees the shell's variables (a copy).
    for (const [k, v] of this.vars) inner.vars.set(k, v);
    const gen = inner.run(parseShell(script));
    for (let r = gen.next(); !r.done; r = gen.next());
    // Command substitution drops the trailing newlines.
    return lines.join('\n').replace(/\n+$/, '');
  }

  private *exec(node: ShellNode): Generator<number, void, void> {
    switch (node.type) {
      case 'list':
        for (const item of node.items) {
          if (item.op === '&&' && this.status !== 0) continue;
          if (item.op === '||' && this.status === 0) continue;
          yield* this.exec(item.node);
        }
        return;
      case 'while':
        for (;;) {
          yield* this.exec(node.cond);
          // while runs the body as long as the condition succeeds, until as long as it fails.
          if ((this.status === 0) === !!node.until) {
            this.status = 0;
            return;
          }
          yield* this.exec(node.body);
          if (++this.sinceYield > BUSY_LOOP_LIMIT) {
            this.sinceYield = 0;
            yield BUSY_LOOP_TICK_MS;
          }
        }
      case 'for':
        for (const value of node.values.flatMap((w) => this.expand(w).split(/\s+/).filter(Boolean))) {
          this.vars.set(node.name, value);
          yield* this.exec(node.body);
        }
        return;
      case 'if':
        yield* this.exec(node.cond);
        if (this.status === 0) yield* this.exec(node.then);
        else if (node.otherwise) yield* this.exec(node.otherwise);
        else this.status = 0;
        return;
      case 'simple':
        yield* this.simple(node);
        return;
      case 'pipe':
        yield* this.pipe(node.stages);
        return;
    }
  }

  /**
   * A pipeline, stage after stage: each stage's output is the next one's input. Simplified: the
   * stages run one after another, not at once, so a stage that never ends starves the next.
   */
  private *pipe(stages: readonly ShellNode[]): Generator<number, void, void> {
    const outerCapture = this.capture;
    const outerStdin = this.stdin;
    let input: string | undefined = outerStdin;
    try {
      for (let i = 0; i < stages.length; i++) {
        const last = i === stages.length - 1;
        const collected: string[] = [];
        this.capture = last ? outerCapture : collected;
        this.stdin = input;
        yield* this.exec(stages[i] as ShellNode);
        input = collected.join('');
      }
    } finally {
      this.capture = outerCapture;
      this.stdin = outerStdin;
    }
  }

  private *simple(node: Extract<ShellNode, { type: 'simple' }>): Generator<number, void, void> {
    const argv = node.words.map((w) => this.expand(w));
    // VAR=value alone sets a shell variable.
    const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(argv[0] ?? '');
    if (assign && argv.length === 1) {
      this.vars.set(assign[1] ?? '', assign[2] ?? '');
      this.status = 0;
      return;
    }
    let write = (text: string) => this.write(text);
    if (node.redirect) {
      const target = this.expand(node.redirect.target);
      if (target === '/dev/null') write = () => {};
      else {
        // The shell opens (creates or truncates) the file before the command runs.
        const error = this.ctx.files.write(target, '', node.redirect.append);
        if (error) {
          this.ctx.err(`sh: can't create ${target}: ${error}`);
          this.status = 1;
          return;
        }
        write = (text: string) => void this.ctx.files.write(target, text, true);
      }
    }
    const out = (line: string) => write(`${line}\n`);
    const [name = '', ...args] = argv;
    const command = name.replace(/^\/(usr\/)?bin\//, '');
    this.sinceYield++;
    switch (command) {
      case 'sleep': {
        const ms = sleepMs(args[0]);
        if (ms === undefined) {
          this.ctx.err(`sleep: invalid number '${args[0] ?? ''}'`);
          this.status = 1;
          return;
        }
        this.sinceYield = 0;
        yield ms;
        this.status = 0;
        return;
      }
      case 'exit':
        throw new ExitRequest(args[0] === undefined ? this.status : Number(args[0]) & 255);
      case 'echo': {
        let newline = true;
        let escapes = false;
        let i = 0;
        // busybox echo: leading -n, -e, -E (and -ne, -en) are options.
        for (; i < args.length && /^-[neE]+$/.test(args[i] ?? ''); i++) {
          const flags = args[i] ?? '';
          if (flags.includes('n')) newline = false;
          if (flags.includes('e')) escapes = true;
          if (flags.includes('E')) escapes = false;
        }
        let text = args.slice(i).join(' ');
        if (escapes) {
          const stop = text.indexOf('\\c');
          if (stop >= 0) {
            text = text.slice(0, stop);
            newline = false;
          }
          text = text.replace(/\\([\\abfnrtv0])/g, (_, c: string) => ({ '\\': '\\', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' })[c] ?? c);
        }
        write(newline ? `${text}\n` : text);
        this.status = 0;
        return;
      }
      case 'printenv': {
        if (args.length === 0) {
          for (const [k, v] of this.ctx.env) out(`${k}=${v}`);
          this.status = 0;
          return;
        }
        let found = true;
        for (const a of args) {
          const v = this.ctx.env.get(a);
          if (v === undefined) found = false;
          else out(v);
        }
        this.status = found ? 0 : 1;
        return;
      }
      case 'env':
        for (const [k, v] of this.ctx.env) out(`${k}=${v}`);
        this.status = 0;
        return;
      case 'touch':
        this.status = 0;
        for (const f of args) {
          if (this.ctx.files.read(f) !== undefined || this.ctx.files.isDirectory(f)) continue;
          const error = this.ctx.files.write(f, '', true);
          if (error) {
            this.ctx.err(`touch: ${f}: ${error}`);
            this.status = 1;
          }
        }
        return;
      case 'rm': {
        const force = args.some((a) => /^-[a-z]*f/.test(a));
        this.status = 0;
        for (const f of args.filter((a) => !a.startsWith('-'))) {
          const error = this.ctx.files.remove(f);
          if (error && !(force && error === ENOENT)) {
            this.ctx.err(`rm: can't remove '${f}': ${error}`);
            this.status = 1;
          }
        }
        return;
      }
      case 'cat':
        this.status = 0;
        if (args.length === 0) write(this.stdin ?? '');
        for (const f of args) {
          const content = this.ctx.files.read(f);
          if (content !== undefined) write(content);
          else if (this.ctx.files.isDirectory(f)) {
            this.ctx.err(`cat: read error: ${EISDIR}`);
            this.status = 1;
          } else {
            this.ctx.err(`cat: can't open '${f}': ${ENOENT}`);
            this.status = 1;
          }
        }
        return;
      case 'ls':
        this.status = this.ls(args, out);
        return;
      case 'grep':
      case 'wc':
      case 'head':
      case 'tail':
      case 'sort':
        this.status = this.filter(command, args, write);
        return;
      case 'mkdir':
        this.status = 0;
        return;
      case 'date':
        out(busyboxDate(this.epochMs + this.ctx.now()));
        this.status = 0;
        return;
      case 'printf':
        write(printf(args[0] ?? '', args.slice(1)));
        this.status = 0;
        return;
      case 'hostname':
        out(this.ctx.hostname);
        this.status = 0;
        return;
      case 'true':
      case ':':
        this.status = 0;
        return;
      case 'false':
        this.status = 1;
        return;
      case 'test':
      case '[':
      case '[[':
        this.status = this.test(command === 'test' ? args : args.slice(0, -1)) ? 0 : 1;
        return;
      default: {
        const ran = this.ctx.external?.(command, args, { out, err: (l) => this.ctx.err(l), now: () => this.ctx.now(), writeFile: (f, text) => void this.ctx.files.write(f, text, false) });
        if (ran) {
          this.status = ran.status;
          if (ran.waitedMs > 0) yield ran.waitedMs;
          return;
        }
        // A container with no data plane behind it (a runtime tested on its own) still reaches its
        // pod's own servers with the shell's small curl; in a cluster the image decides (above).
        if (command === 'curl' && !this.ctx.external && this.ctx.httpGet) {
          this.status = this.curl(args, write);
          return;
        }
        this.ctx.err(`sh: ${name}: not found`);
        this.status = 127;
      }
    }
  }

  /** The text filters tutorials pipe into: grep [-v] [-i] [-c], wc [-l], head/tail [-n N], sort. Input: files or stdin. */
  private filter(command: string, args: readonly string[], write: (text: string) => void): number {
    const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
    const nIndex = args.indexOf('-n');
    const count = nIndex >= 0 ? Number(args[nIndex + 1]) : Number(/^-(\d+)$/.exec(args.find((a) => /^-\d+$/.test(a)) ?? '')?.[1] ?? 10);
    const operands = args.filter((a, i) => !a.startsWith('-') && !(nIndex >= 0 && i === nIndex + 1));
    const pattern = command === 'grep' ? operands.shift() : undefined;
    if (command === 'grep' && pattern === undefined) {
      this.ctx.err('Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...');
      return 2;
    }
    let text = '';
    if (operands.length === 0) text = this.stdin ?? '';
    for (const f of operands) {
      const content = this.ctx.files.read(f);
      if (content === undefined) {
        this.ctx.err(`${command}: ${f}: ${this.ctx.files.isDirectory(f) ? EISDIR : ENOENT}`);
        return command === 'grep' ? 2 : 1;
      }
      text += content;
    }
    const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
    const emit = (ls: readonly string[]) => write(ls.map((l) => `${l}\n`).join(''));
    switch (command) {
      case 'grep': {
        let re: RegExp;
        try {
          re = new RegExp(pattern ?? '', flags.includes('i') ? 'i' : '');
        } catch {
          re = new RegExp((pattern ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags.includes('i') ? 'i' : '');
        }
        const matched = lines.filter((l) => re.test(l) !== flags.includes('v'));
        if (flags.includes('c')) write(`${matched.length}\n`);
        else emit(matched);
        return matched.length > 0 ? 0 : 1;
      }
      case 'wc':
        write(flags.includes('l') ? `${lines.length}\n` : `${String(lines.length).padStart(7)} ${String(text.split(/\s+/).filter(Boolean).length).padStart(7)} ${String(text.length).padStart(7)}\n`);
        return 0;
      case 'head':
        emit(lines.slice(0, count));
        return 0;
      case 'tail':
        emit(lines.slice(Math.max(0, lines.length - count)));
        return 0;
      default:
        emit([...lines].sort());
        return 0;
    }
  }

  /** curl URL (the debian-based images have it): the body as it comes, or curl's exit 7. */
  private curl(args: readonly string[], write: (text: string) => void): number {
    const url = args.find((a) => !a.startsWith('-'));
    if (!url) {
      this.ctx.err("curl: try 'curl --help' or 'curl --manual' for more information");
      return 2;
    }
    const m = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
    const host = m?.[1] ?? url;
    const port = Number(m?.[2] ?? 80);
    const response = this.ctx.httpGet?.(host, port, m?.[3] ?? '/');
    if (!response) {
      this.ctx.err(`curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`);
      return 7;
    }
    write(response.body);
    return 0;
  }

  /** busybox ls without a terminal: one name per line; `-a` adds the dot entries. */
  private ls(args: readonly string[], out: (line: string) => void): number {
    const all = args.some((a) => /^-[a-zA-Z1]*a/.test(a));
    const paths = args.filter((a) => !a.startsWith('-') || a === '-');
    const targets = paths.length ? paths : ['.'];
    let status = 0;
    const files: string[] = [];
    const dirs: [string, string[]][] = [];
    for (const p of targets) {
      const path = p === '.' ? '/' : p;
      const names = this.ctx.files.list(path);
      if (names) dirs.push([p, all ? ['.', '..', ...names] : names]);
      else if (this.ctx.files.read(path) !== undefined) files.push(p);
      else {
        this.ctx.err(`ls: ${p}: ${ENOENT}`);
        status = 1;
      }
    }
    for (const f of files) out(f);
    const headers = targets.length > 1;
    dirs.forEach(([p, names], i) => {
      if (headers) {
        if (i > 0 || files.length) out('');
        out(`${p}:`);
      }
      for (const n of names) out(n);
    });
    return status;
  }

  private test(args: readonly string[]): boolean {
    if (args[0] === '!') return !this.test(args.slice(1));
    if (args.length === 2) {
      const [op, v = ''] = args;
      const content = this.ctx.files.read(v);
      if (op === '-f' || op === '-s') return content !== undefined && (op !== '-s' || content !== '');
      if (op === '-e' || op === '-r') return content !== undefined || this.ctx.files.isDirectory(v);
      if (op === '-d') return this.ctx.files.isDirectory(v);
      if (op === '-z') return v === '';
      if (op === '-n') return v !== '';
    }
    if (args.length === 3) {
      const [a = '', op, b = ''] = args;
      if (op === '=' || op === '==') return a === b;
      if (op === '!=') return a !== b;
      const x = Number(a);
      const y = Number(b);
      if (op === '-eq') return x === y;
      if (op === '-ne') return x !== y;
      if (op === '-lt') return x < y;
      if (op === '-gt') return x > y;
      if (op === '-le') return x <= y;
      if (op === '-ge') return x >= y;
    }
    return args.length === 1 && args[0] !== '';
  }
}

/** printf FORMAT [ARG...]: %s %d %% and backslash escapes; the format is reused for extra args. */
export function printf(format: string, args: readonly string[]): string {
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };
  let out = '';
  let i = 0;
  do {
    let used = false;
    out += format.replace(/\\([ntr\\abfv])|%([%sdi])/g, (_, esc: string | undefined, conv: string | undefined) => {
      if (esc) return escapes[esc] ?? esc;
      if (conv === '%') return '%';
      used = true;
      const arg = args[i++] ?? '';
      return conv === 's' ? arg : String(Number.parseInt(arg, 10) || 0);
    });
    if (!used) break;
  } while (i < args.length);
  return out;
}

/**
 * Run a command to completion without waiting (exec probes, `kubectl exec`): sleeps add to a
 * virtual elapsed time, which the caller compares with its timeout.
 */
/** What a command run in a container printed: both streams as one (a probe's output), and each apart (`kubectl exec`). */
export interface ExecResult {
  readonly exitCode: number;
  readonly output: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

export function execSync(argv: readonly string[], ctx: ShellContext, epochMs: number): ExecResult {
  const lines: string[] = [];
  const outLines: string[] = [];
  const errLines: string[] = [];
  const capture: ShellContext = {
    ...ctx,
    env: ctx.env,
    files: ctx.files,
    now: ctx.now,
    hostname: ctx.hostname,
    out: (l) => {
      lines.push(l);
      outLines.push(l);
    },
    err: (l) => {
      lines.push(l);
      errLines.push(l);
    },
  };
  let script: string;
  const [first = ''] = argv;
  if (/^(\/bin\/|\/usr\/bin\/)?(sh|bash|ash)$/.test(first) && argv[1] === '-c') script = argv[2] ?? '';
  else script = argv.map((a) => (/^[\w./=:-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ');
  let elapsedMs = 0;
  let exitCode: number;
  try {
    const gen = new ShellInterpreter(capture, epochMs).run(parseShell(script));
    let r = gen.next();
    // A command that sleeps past 10 minutes would never answer a probe; stop counting there.
    while (!r.done && elapsedMs < 600_000) {
      elapsedMs += r.value;
      r = gen.next();
    }
    if (!r.done) gen.return(0); // flushes an open line
    exitCode = r.done ? r.value : 0;
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    lines.push(`sh: ${e.message}`);
    errLines.push(`sh: ${e.message}`);
    exitCode = 2;
  }
  const text = (l: string[]) => (l.length ? l.join('\n') + '\n' : '');
  return { exitCode, output: text(lines), stdout: text(outLines), stderr: text(errLines), elapsedMs };
}
