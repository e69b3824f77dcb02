/**
 * A small POSIX-sh subset, as busybox/alpine/ubuntu/debian images run it for `sh -c SCRIPT`:
 * `;`, `&&`, `||`, newlines, `while ...; do ...; done`, `for X in ...; do ...; done`,
 * `if ...; then ...; else ...; fi`, `$VAR`/`${VAR}` and `$(date)` expansion, `>`/`>>`
 * redirection, and the builtins tutorials use (sleep, exit, echo, printenv, env, touch, rm,
 * cat, mkdir, date, hostname, true, false, test/[). Running is a generator that yields the
 * virtual milliseconds it wants to sleep, so the caller can put the wait on the engine clock.
 * Unknown commands answer as busybox does: `sh: NAME: not found`, status 127.
 */

import type { ExternalProgram } from './programs/net-access';

type Segment = { readonly kind: 'lit'; readonly text: string } | { readonly kind: 'var'; readonly name: string } | { readonly kind: 'cmd'; readonly script: string };
interface Word {
  readonly segments: readonly Segment[];
}
type Token = { readonly op: string } | { readonly word: Word };

export type ShellNode =
  | { readonly type: 'simple'; readonly words: readonly Word[]; readonly redirect?: { readonly append: boolean; readonly target: Word } }
  | { readonly type: 'list'; readonly items: readonly { readonly node: ShellNode; readonly op: ';' | '&&' | '||' }[] }
  | { readonly type: 'while'; readonly cond: ShellNode; readonly body: ShellNode }
  | { readonly type: 'for'; readonly name: string; readonly values: readonly Word[]; readonly body: ShellNode }
  | { readonly type: 'if'; readonly cond: ShellNode; readonly then: ShellNode; readonly otherwise?: ShellNode };

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
          if (script[i] === '\\' && i + 1 < n) {
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
      items.push({ node: this.parseCommand(), op });
      const next = this.tokens[this.pos];
      if (next && 'op' in next && (next.op === '&&' || next.op === '||' || next.op === ';' || next.op === '&' || next.op === '|')) {
        // `&` and `|` are read as sequencing: the model has no background jobs or pipes.
        op = next.op === '&&' || next.op === '||' ? next.op : ';';
        this.pos++;
      } else op = ';';
    }
    return { type: 'list', items };
  }

  private parseCommand(): ShellNode {
    const kw = this.peekKeyword();
    if (kw === 'while' || kw === 'until') {
      this.pos++;
      const cond = this.parseList(['do']);
      this.expectKeyword('do');
      const body = this.parseList(['done']);
      this.expectKeyword('done');
      return { type: 'while', cond: kw === 'until' ? { type: 'list', items: [{ node: cond, op: ';' }, { node: { type: 'simple', words: [lit('false')] }, op: '&&' }] } : cond, body };
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

function lit(text: string): Word {
  return { segments: [{ kind: 'lit', text }] };
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
  readonly files: Map<string, string>;
  readonly hostname: string;
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
    }
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
    const gen = inner.run(parseShell(script));
    for (let r = gen.next(); !r.done; r = gen.next());
    return lines.join('\n');
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
          if (this.status !== 0) {
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
    let out = (line: string) => this.ctx.out(line);
    if (node.redirect) {
      const target = this.expand(node.redirect.target);
      if (target === '/dev/null') out = () => {};
      else {
        if (!node.redirect.append) this.ctx.files.set(target, '');
        out = (line: string) => this.ctx.files.set(target, (this.ctx.files.get(target) ?? '') + line + '\n');
      }
    }
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
        const noNewline = args[0] === '-n';
        out((noNewline ? args.slice(1) : args).join(' '));
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
        for (const f of args) if (!this.ctx.files.has(f)) this.ctx.files.set(f, '');
        this.status = 0;
        return;
      case 'rm': {
        const force = args.some((a) => /^-[a-z]*f/.test(a));
        this.status = 0;
        for (const f of args.filter((a) => !a.startsWith('-'))) {
          if (!this.ctx.files.delete(f) && !force) {
            this.ctx.err(`rm: can't remove '${f}': No such file or directory`);
            this.status = 1;
          }
        }
        return;
      }
      case 'cat':
        this.status = 0;
        for (const f of args) {
          const content = this.ctx.files.get(f);
          if (content === undefined) {
            this.ctx.err(`cat: can't open '${f}': No such file or directory`);
            this.status = 1;
          } else for (const line of content.replace(/\n$/, '').split('\n')) if (content) out(line);
        }
        return;
      case 'mkdir':
        this.status = 0;
        return;
      case 'date':
        out(busyboxDate(this.epochMs + this.ctx.now()));
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
        this.status = this.test(command === '[' ? args.slice(0, -1) : args) ? 0 : 1;
        return;
      default: {
        const ran = this.ctx.external?.(command, args, { out, err: (l) => this.ctx.err(l), now: () => this.ctx.now(), writeFile: (f, text) => this.ctx.files.set(f, text) });
        if (ran) {
          this.status = ran.status;
          if (ran.waitedMs > 0) yield ran.waitedMs;
          return;
        }
        this.ctx.err(`sh: ${name}: not found`);
        this.status = 127;
      }
    }
  }

  private test(args: readonly string[]): boolean {
    if (args[0] === '!') return !this.test(args.slice(1));
    if (args.length === 2) {
      const [op, v = ''] = args;
      if (op === '-e' || op === '-f' || op === '-r' || op === '-s') return this.ctx.files.has(v) && (op !== '-s' || (this.ctx.files.get(v) ?? '') !== '');
      if (op === '-d') return v === '/' || v === '/tmp';
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
