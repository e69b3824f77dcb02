/**
 * The shell panel: an xterm terminal running each line through the worker's shell. Every key
 * goes into one input queue (terminal/keys.ts) and the line editor (terminal/line-editor.ts)
 * reads from it only at a prompt, as a tty hands bash its input: a pasted block runs line by
 * line, and keys typed while a command runs (`sleep 5`, `kubectl get pods -w`) wait for the
 * next prompt; Ctrl-C stops a stream and keeps them. Tab asks the worker for completions
 * (src/shell/completion.ts). A reset of the cluster stops the running command and says so.
 * Loaded lazily: xterm is not needed for the first paint.
 */
import { useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { inputIsComplete, outputChunks } from '../../worker/shared';
import { simulation, view } from '../simulation-client';
import { useEditorStore } from '../stores/editor-store';
import { onClusterReset, onTerminalOutput } from '../terminal/feed';
import { splitKeys } from '../terminal/keys';
import { columns, commonPrefix, LineEditor } from '../terminal/line-editor';
import { wrapWords } from '../terminal/wrap-words';

const PROMPT = '\x1b[1;34mkubearch\x1b[0m$ ';
const WELCOME = 'Shell of the simulated cluster. Try: kubearch status · kubectl get leases -n kube-node-lease · help · Tab completes\n';

function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** What the terminal is doing: reading a line, running one, or showing a stream until Ctrl-C. */
type Mode = 'reading' | 'running' | 'stream';

export default function TerminalPanel() {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!host.current) return;
    const term = new Terminal({ fontSize: 13, convertEol: false, cursorBlink: true, theme: { background: '#10151f' } });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host.current);
    fit.fit();
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(host.current);
    const editor = new LineEditor({ write: (text) => term.write(text), cols: () => term.cols }, inputIsComplete);
    const print = (text: string) => term.write(crlf(wrapWords(text, term.cols)));
    const queue: string[] = [];
    let mode: Mode = 'running';
    let completing = false;
    let endStream: (() => void) | undefined;
    let disposed = false;

    const prompt = () => {
      if (disposed) return;
      mode = 'reading';
      editor.start(PROMPT);
      pump();
    };

    // Feed queued keys to the editor while it reads; stop at a whole line or a Tab in flight.
    const pump = () => {
      while (mode === 'reading' && !completing && queue.length > 0) {
        const result = editor.key(queue.shift() as string);
        if (result.kind === 'line') {
          mode = 'running';
          void execute(result.text).then(prompt);
          return;
        }
        if (result.kind === 'tab') {
          completing = true;
          void completeTab().finally(() => {
            completing = false;
            pump();
          });
          return;
        }
      }
    };

    const completeTab = async () => {
      const line = editor.lineBeforeCursor();
      const { start, candidates } = await view('completions', { line });
      if (!editor.reading || editor.lineBeforeCursor() !== line) return;
      const word = line.slice(start);
      const insert = candidates.length === 1 ? (candidates[0] ?? '') : commonPrefix(candidates);
      if (insert.length > word.length) editor.replace(start, line.length, insert);
      else if (candidates.length > 1) editor.printAbove(columns(candidates, term.cols));
      else term.write('\x07');
    };

    const execute = async (line: string) => {
      if (line.trim() === 'clear') {
        term.clear();
        return;
      }
      if (!line.trim()) return;
      const outcome = await simulation().runCommand(line);
      if (outcome.kind === 'incomplete') return;
      const entries = outcome.kind === 'error' ? [outcome.entry] : outcome.entries;
      let lastChar = '\n';
      for (const entry of entries) {
        // Each stream's chunks in the order the command wrote them (kubectl drain interleaves them).
        for (const { stream, text } of outputChunks(entry)) {
          if (stream === 'stderr') term.write(`\x1b[31m${crlf(wrapWords(text, term.cols))}\x1b[0m`);
          else print(text);
        }
        const printed = entry.stderr || entry.stdout;
        if (printed) lastChar = printed.slice(-1);
      }
      // The prompt redraws its line: output without a final newline (jsonpath) would vanish.
      if (lastChar !== '\n') term.write('\r\n');
      if (outcome.kind !== 'ran') return;
      if (outcome.foreground?.kind === 'edit') {
        const { text, user } = outcome.foreground;
        useEditorStore.setState({ text, user, errors: [], failed: false, editing: `kubectl edit: ${line.trim()}`, output: 'Opened by kubectl edit: change the object, then Save edit (or Cancel).' });
        term.write('Editing in the YAML editor: Save edit applies it, Cancel leaves it.\r\n');
      } else if (outcome.foreground?.kind === 'stream') {
        // kubectl get -w holds the terminal until Ctrl-C (or a reset), as in a real shell.
        mode = 'stream';
        await new Promise<void>((resolve) => (endStream = resolve));
      }
    };

    const interruptStream = () => {
      mode = 'running';
      void simulation()
        .interrupt()
        .then((rest) => {
          if (rest) print(rest);
          term.write('^C\r\n');
          endStream?.();
        });
    };

    const keys = term.onData((data) => {
      for (const key of splitKeys(data)) {
        if (key === '\x03' && mode === 'stream') interruptStream();
        // A command that runs to its end in one call (sleep) cannot be interrupted: drop the ^C.
        else if (key === '\x03' && mode === 'running') continue;
        else queue.push(key);
      }
      pump();
    });

    const unsubscribeOutput = onTerminalOutput((text) => print(text));
    const unsubscribeReset = onClusterReset(({ seed, stopped }) => {
      const notice = `\x1b[33mkubearch: the cluster was reset (seed ${seed})${stopped ? `; stopped: ${stopped}` : ''}\x1b[0m`;
      if (mode === 'stream') {
        mode = 'running';
        term.write(`${notice}\r\n`);
        endStream?.();
      } else if (mode === 'reading') {
        editor.printAbove(notice);
      } else {
        term.write(`${notice}\r\n`);
      }
    });

    print(WELCOME);
    prompt();
    return () => {
      disposed = true;
      keys.dispose();
      unsubscribeOutput();
      unsubscribeReset();
      observer.disconnect();
      term.dispose();
    };
  }, []);

  return <div ref={host} className="terminal-host" data-testid="terminal" />;
}
