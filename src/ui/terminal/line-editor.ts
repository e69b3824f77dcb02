/**
 * The terminal's line editing, as bash's readline does it for the keys a learner uses: insert,
 * Backspace/Delete, arrows, Home/End (and Ctrl-A/E), Ctrl-U/K/W, history on Up/Down, Ctrl-C
 * to drop the line, Ctrl-L to clear the screen. Enter ends the input when it is a whole
 * command; inside a quote or a here-document it asks for the next line with "> ". Tab is
 * handed back to the caller, which asks the worker for completions.
 *
 * It replaces xterm-readline, which drops keys that arrive between two reads and has no Tab hook.
 * Simplified: every character is one column wide (a CJK character or an emoji, two columns in
 * xterm, puts the cursor off by one after it).
 *
 * It owns only what it drew: the rows of the line being edited, redrawn in place. The caller
 * feeds it one key at a time (keys.ts) while it is reading, and writes other output only when
 * it is not, or through `printAbove`.
 */
export type KeyResult =
  | { readonly kind: 'none' }
  /** Enter on a whole command: the input, its lines joined with "\n". */
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'tab' };

export interface TerminalOutput {
  write(text: string): void;
  /** The terminal's width in columns now. */
  cols(): number;
}

const HISTORY_KEPT = 200;

/** The width a prompt takes on screen: its text without colour escapes. */
function visibleLength(text: string): number {
  return text.split('\x1b[').reduce((width, part, i) => width + (i === 0 ? part.length : part.replace(/^[0-9;]*m/, '').length), 0);
}

export class LineEditor {
  private prompt = '';
  private basePrompt = '';
  /** Lines of this input already ended with Enter (a here-document's body so far). */
  private done: string[] = [];
  private buf = '';
  private pos = 0;
  /** The row, counted from the prompt's, the cursor is on. */
  private cursorRow = 0;
  private active = false;
  private readonly history: string[] = [];
  private historyIndex = 0;
  private draft = '';

  constructor(
    private readonly out: TerminalOutput,
    private readonly isComplete: (text: string) => boolean,
  ) {}

  /** Show the prompt and read a new input. */
  start(prompt: string): void {
    this.basePrompt = prompt;
    this.prompt = prompt;
    this.done = [];
    this.buf = '';
    this.pos = 0;
    this.cursorRow = 0;
    this.historyIndex = this.history.length;
    this.active = true;
    this.render();
  }

  get reading(): boolean {
    return this.active;
  }

  /** The line being edited, up to the cursor: what Tab completes. */
  lineBeforeCursor(): string {
    return this.buf.slice(0, this.pos);
  }

  /** Replace `line[from, to)` of the line being edited (a completed word) and put the cursor after it. */
  replace(from: number, to: number, text: string): void {
    this.buf = this.buf.slice(0, from) + text + this.buf.slice(to);
    this.pos = from + text.length;
    this.render();
  }

  /** Print text (completion candidates, a notice) above the input, which is drawn again below it. */
  printAbove(text: string): void {
    this.toStart();
    this.out.write(`\x1b[J${text.replace(/\r?\n/g, '\r\n')}${text.endsWith('\n') ? '' : '\r\n'}`);
    this.cursorRow = 0;
    if (this.active) this.render();
  }

  key(key: string): KeyResult {
    if (!this.active) return { kind: 'none' };
    switch (key) {
      case '\r':
        return this.enter();
      case '\t':
        return { kind: 'tab' };
      case '\x03': // Ctrl-C: drop what was typed, a fresh prompt
        this.moveTo(this.buf.length);
        this.out.write('^C\r\n');
        this.start(this.basePrompt);
        break;
      case '\x7f':
      case '\b':
        if (this.pos > 0) this.edit(this.buf.slice(0, this.pos - 1) + this.buf.slice(this.pos), this.pos - 1);
        break;
      case '\x1b[3~':
      case '\x04':
        if (this.pos < this.buf.length) this.edit(this.buf.slice(0, this.pos) + this.buf.slice(this.pos + 1), this.pos);
        break;
      case '\x1b[D':
      case '\x1bOD':
      case '\x02':
        this.moveTo(this.pos - 1);
        break;
      case '\x1b[C':
      case '\x1bOC':
      case '\x06':
        this.moveTo(this.pos + 1);
        break;
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
      case '\x01':
        this.moveTo(0);
        break;
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
      case '\x05':
        this.moveTo(this.buf.length);
        break;
      case '\x15': // Ctrl-U
        this.edit(this.buf.slice(this.pos), 0);
        break;
      case '\x0b': // Ctrl-K
        this.edit(this.buf.slice(0, this.pos), this.pos);
        break;
      case '\x17': {
        // Ctrl-W: the word before the cursor
        const from = this.buf.slice(0, this.pos).replace(/\S+\s*$/, '').length;
        this.edit(this.buf.slice(0, from) + this.buf.slice(this.pos), from);
        break;
      }
      case '\x0c': // Ctrl-L
        this.out.write('\x1b[H\x1b[2J');
        this.cursorRow = 0;
        this.render();
        break;
      case '\x1b[A':
      case '\x1bOA':
        this.recall(-1);
        break;
      case '\x1b[B':
      case '\x1bOB':
        this.recall(1);
        break;
      default:
        // Other escapes and control keys do nothing; text is typed in.
        if (key.startsWith('\x1b') || key.charCodeAt(0) < 0x20) break;
        this.edit(this.buf.slice(0, this.pos) + key + this.buf.slice(this.pos), this.pos + key.length);
    }
    return { kind: 'none' };
  }

  private enter(): KeyResult {
    this.moveTo(this.buf.length);
    this.out.write('\r\n');
    const text = [...this.done, this.buf].join('\n');
    if (!this.isComplete(text)) {
      this.done.push(this.buf);
      this.prompt = '> ';
      this.buf = '';
      this.pos = 0;
      this.cursorRow = 0;
      this.render();
      return { kind: 'none' };
    }
    this.active = false;
    this.cursorRow = 0;
    if (text.trim() && this.history.at(-1) !== text) {
      this.history.push(text);
      if (this.history.length > HISTORY_KEPT) this.history.shift();
    }
    return { kind: 'line', text };
  }

  private recall(step: -1 | 1): void {
    // History holds whole inputs; a here-document's is recalled only on its first line.
    if (this.done.length > 0) return;
    const next = this.historyIndex + step;
    if (next < 0 || next > this.history.length) return;
    if (this.historyIndex === this.history.length) this.draft = this.buf;
    this.historyIndex = next;
    const text = next === this.history.length ? this.draft : (this.history[next] ?? '');
    this.edit(text.split('\n')[0] ?? '', Infinity);
  }

  private edit(buf: string, pos: number): void {
    this.buf = buf;
    this.pos = Math.max(0, Math.min(pos, buf.length));
    this.render();
  }

  private moveTo(pos: number): void {
    this.pos = Math.max(0, Math.min(pos, this.buf.length));
    this.render();
  }

  /** Back to column 0 of the prompt's row. */
  private toStart(): void {
    this.out.write(this.cursorRow > 0 ? `\r\x1b[${this.cursorRow}A` : '\r');
  }

  /** Draw the prompt and the line again and put the cursor where it belongs; wrapped rows included. */
  private render(): void {
    const cols = Math.max(1, this.out.cols());
    const promptWidth = visibleLength(this.prompt);
    const total = promptWidth + this.buf.length;
    this.toStart();
    let text = `\x1b[J${this.prompt}${this.buf}`;
    // A line that exactly fills its last row leaves xterm's cursor pending at the edge: go on.
    if (total > 0 && total % cols === 0) text += '\r\n';
    const endRow = Math.floor(total / cols);
    const at = promptWidth + this.pos;
    const row = Math.floor(at / cols);
    const col = at % cols;
    text += '\r';
    if (endRow > row) text += `\x1b[${endRow - row}A`;
    if (col > 0) text += `\x1b[${col}C`;
    this.out.write(text);
    this.cursorRow = row;
  }
}

/** The longest start the candidates share: what Tab inserts when there is more than one. */
export function commonPrefix(candidates: readonly string[]): string {
  let prefix = candidates[0] ?? '';
  for (const c of candidates) {
    while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** Candidates laid out in columns across the terminal, as bash lists them. */
export function columns(words: readonly string[], cols: number): string {
  const width = Math.max(...words.map((w) => w.length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows: string[] = [];
  for (let i = 0; i < words.length; i += perRow) {
    rows.push(
      words
        .slice(i, i + perRow)
        .map((w) => w.padEnd(width))
        .join('')
        .trimEnd(),
    );
  }
  return rows.join('\n');
}
