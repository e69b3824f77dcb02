/**
 * The shell panel: an xterm terminal with line editing and history (xterm-readline), running
 * each line through the worker's shell. A here-document or an open quote asks for more lines
 * ("> "), as bash does. Loaded lazily: xterm is not needed for the first paint.
 */
import { useEffect, useRef } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { Readline } from 'xterm-readline';
import '@xterm/xterm/css/xterm.css';
import { inputIsComplete, stderrParts } from '../../worker/shared';
import { simulation } from '../simulation-client';
import { useEditorStore } from '../stores/editor-store';
import { onTerminalOutput } from '../terminal-feed';

const PROMPT = '\x1b[1;34mkubearch\x1b[0m$ ';
const WELCOME = "Shell of the simulated cluster. Try: kubearch status · kubectl get leases -n kube-node-lease · help\r\n";

function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export default function TerminalPanel() {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!host.current) return;
    const term = new Terminal({ fontSize: 13, convertEol: false, cursorBlink: true, theme: { background: '#10151f' } });
    const fit = new FitAddon();
    const rl = new Readline();
    term.loadAddon(fit);
    term.loadAddon(rl);
    term.open(host.current);
    fit.fit();
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(host.current);
    rl.setCheckHandler((text) => inputIsComplete(text));
    term.write(WELCOME);
    const unsubscribe = onTerminalOutput((text) => term.write(crlf(text)));
    let disposed = false;

    const loop = async () => {
      while (!disposed) {
        let line: string;
        try {
          line = await rl.read(PROMPT);
        } catch {
          return;
        }
        if (disposed) return;
        if (line.trim() === 'clear') {
          term.clear();
          continue;
        }
        if (!line.trim()) continue;
        const outcome = await simulation().runCommand(line);
        if (outcome.kind === 'incomplete') continue;
        const entries = outcome.kind === 'error' ? [outcome.entry] : outcome.entries;
        let lastChar = '\n';
        for (const entry of entries) {
          const { before, after } = stderrParts(entry);
          if (before) term.write(`\x1b[31m${crlf(before)}\x1b[0m`);
          if (entry.stdout) term.write(crlf(entry.stdout));
          if (after) term.write(`\x1b[31m${crlf(after)}\x1b[0m`);
          const printed = entry.stderr || entry.stdout;
          if (printed) lastChar = printed.slice(-1);
        }
        // The prompt redraws its line: output without a final newline (jsonpath) would vanish.
        if (lastChar !== '\n') term.write('\r\n');
        if (outcome.kind !== 'ran') continue;
        if (outcome.foreground?.kind === 'edit') {
          const { text, user } = outcome.foreground;
          useEditorStore.setState({ text, user, errors: [], failed: false, editing: `kubectl edit: ${line.trim()}`, output: 'Opened by kubectl edit: change the object, then Save edit (or Cancel).' });
          term.write('Editing in the YAML editor: Save edit applies it, Cancel leaves it.\r\n');
        } else if (outcome.foreground?.kind === 'stream') {
          // kubectl get -w holds the terminal until Ctrl-C, as in a real shell.
          await new Promise<void>((resolve) => {
            const sub = term.onData((data) => {
              if (data !== '\x03') return;
              sub.dispose();
              void simulation()
                .interrupt()
                .then((rest) => {
                  if (rest) term.write(crlf(rest));
                  term.write('^C\r\n');
                  resolve();
                });
            });
          });
        }
      }
    };
    void loop();
    return () => {
      disposed = true;
      unsubscribe();
      observer.disconnect();
      term.dispose();
    };
  }, []);

  return <div ref={host} className="terminal-host" data-testid="terminal" />;
}
