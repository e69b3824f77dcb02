/**
 * The shell's parser: turns typed text into commands, the way a POSIX shell splits words.
 * It understands single and double quotes, backslash escapes and line continuations, `#`
 * comments, `;` between commands on one line, and here-documents (`<<EOF`, `<<'EOF'`, `<<-EOF`)
 * whose body becomes the command's standard input. Variables, globs and pipes are not expanded:
 * a pipe is reported as unsupported rather than silently misread.
 *
 * When the text ends inside a quote or a here-document the result says so (`incomplete`), so the
 * page's terminal can ask for the next line instead of failing.
 */

export interface ParsedCommand {
  readonly argv: string[];
  /** The here-document's body, or undefined when the command has none. */
  readonly stdin: string | undefined;
  /** 1-based line of the script where the command starts. */
  readonly line: number;
  /** The command as written (first line only), for the transcript. */
  readonly source: string;
}

export type ParseResult =
  | { readonly kind: 'ok'; readonly commands: ParsedCommand[] }
  | { readonly kind: 'incomplete'; readonly waitingFor: string }
  | { readonly kind: 'error'; readonly line: number; readonly message: string };

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  command: { argv: string[]; stdin: string | undefined; line: number; source: string };
}

export function parseScript(text: string): ParseResult {
  const lines = text.split('\n');
  const commands: ParsedCommand[] = [];
  let i = 0;
  while (i < lines.length) {
    const startLine = i;
    const result = tokenizeLogicalLine(lines, i);
    if (result.kind !== 'ok') {
      return result.kind === 'incomplete' ? result : { kind: 'error', line: startLine + 1, message: result.message };
    }
    i = result.nextLine;
    const source = (lines[startLine] ?? '').trim();
    const heredocs: PendingHeredoc[] = [];
    for (const words of result.commands) {
      if (words.words.length === 0 && words.heredoc === undefined) continue;
      const command = { argv: words.words, stdin: undefined as string | undefined, line: startLine + 1, source };
      commands.push(command);
      if (words.heredoc) heredocs.push({ ...words.heredoc, command });
    }
    for (const heredoc of heredocs) {
      const body: string[] = [];
      let closed = false;
      while (i < lines.length) {
        let content = lines[i] ?? '';
        i++;
        if (heredoc.stripTabs) content = content.replace(/^\t+/, '');
        if (content === heredoc.delimiter) {
          closed = true;
          break;
        }
        body.push(content);
      }
      if (!closed) return { kind: 'incomplete', waitingFor: heredoc.delimiter };
      heredoc.command.stdin = body.length ? `${body.join('\n')}\n` : '';
    }
  }
  return { kind: 'ok', commands };
}

interface WordsOfCommand {
  words: string[];
  heredoc?: { delimiter: string; stripTabs: boolean };
}

type LineResult =
  | { kind: 'ok'; commands: WordsOfCommand[]; nextLine: number }
  | { kind: 'incomplete'; waitingFor: string }
  | { kind: 'error'; message: string };

/** Split one logical line (which quotes or backslashes may extend) into words. */
function tokenizeLogicalLine(lines: string[], first: number): LineResult {
  const commands: WordsOfCommand[] = [{ words: [] }];
  let current = commands[0] as WordsOfCommand;
  let word = '';
  let inWord = false;
  let lineNo = first;
  let text = lines[lineNo] ?? '';
  let pos = 0;
  let pendingHeredocWord: { stripTabs: boolean } | undefined;

  const endWord = () => {
    if (!inWord) return;
    if (pendingHeredocWord) {
      current.heredoc = { delimiter: word, stripTabs: pendingHeredocWord.stripTabs };
      pendingHeredocWord = undefined;
    } else {
      current.words.push(word);
    }
    word = '';
    inWord = false;
  };
  const nextPhysicalLine = (): boolean => {
    lineNo++;
    if (lineNo >= lines.length) return false;
    text = lines[lineNo] ?? '';
    pos = 0;
    return true;
  };

  for (;;) {
    if (pos >= text.length) {
      endWord();
      break;
    }
    const ch = text[pos] as string;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord();
      pos++;
    } else if (ch === '#' && !inWord) {
      endWord();
      break;
    } else if (ch === ';') {
      endWord();
      current = { words: [] };
      commands.push(current);
      pos++;
    } else if (ch === '|' || ch === '&' || ch === '>') {
      if (ch === '&' && text[pos + 1] === '&') return { kind: 'error', message: "'&&' is not supported: put each command on its own line" };
      return { kind: 'error', message: `'${ch}' is not supported by this shell: pipes, redirections and background jobs are left out` };
    } else if (ch === '<' && text[pos + 1] === '<' && !inWord) {
      pos += 2;
      let stripTabs = false;
      if (text[pos] === '-') {
        stripTabs = true;
        pos++;
      }
      while (text[pos] === ' ') pos++;
      pendingHeredocWord = { stripTabs };
    } else if (ch === '<') {
      return { kind: 'error', message: "'<' is not supported: give the file with -f, or use a here-document (<<EOF)" };
    } else if (ch === '\\') {
      if (pos + 1 >= text.length) {
        // A trailing backslash joins the next line.
        endWord();
        if (!nextPhysicalLine()) return { kind: 'incomplete', waitingFor: '\\' };
        continue;
      }
      word += text[pos + 1];
      inWord = true;
      pos += 2;
    } else if (ch === "'" || ch === '"') {
      inWord = true;
      pos++;
      for (;;) {
        if (pos >= text.length) {
          word += '\n';
          if (!nextPhysicalLine()) return { kind: 'incomplete', waitingFor: ch };
          continue;
        }
        const c = text[pos] as string;
        if (c === ch) {
          pos++;
          break;
        }
        if (ch === '"' && c === '\\' && pos + 1 < text.length && '"\\$`'.includes(text[pos + 1] as string)) {
          word += text[pos + 1];
          pos += 2;
          continue;
        }
        word += c;
        pos++;
      }
    } else {
      word += ch;
      inWord = true;
      pos++;
    }
  }
  if (pendingHeredocWord) return { kind: 'error', message: "here-document: expected a delimiter word after '<<'" };
  return { kind: 'ok', commands, nextLine: lineNo + 1 };
}
