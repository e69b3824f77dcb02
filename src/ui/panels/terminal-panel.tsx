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
import { inputIsComplete } from '../../worker/terminal-input';
import { simulation } from '../simulation-client';
import { useEditorStore } from '../stores/editor-store';

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
        for (const entry of entries) {
          if (entry.stdout) term.write(crlf(entry.stdout));
          if (entry.stderr) term.write(`\x1b[31m${crlf(entry.stderr)}\x1b[0m`);
          if (entry.openInEditor) {
            const { text, user } = entry.openInEditor;
            useEditorStore.setState({ text, user, errors: [], failed: false, output: 'Opened by kubectl edit: change it and Submit to apply.' });
          }
        }
      }
    };
    void loop();
    return () => {
      disposed = true;
      observer.disconnect();
      term.dispose();
    };
  }, []);

  return <div ref={host} className="terminal-host" data-testid="terminal" />;
}
