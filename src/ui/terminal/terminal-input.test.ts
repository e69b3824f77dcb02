import { describe, expect, it } from 'vitest';
import { inputIsComplete } from '../../worker/shared';
import { splitKeys } from './keys';
import { columns, commonPrefix, LineEditor } from './line-editor';
import { wrapWords } from './wrap-words';

/** A line editor on a fake terminal that keeps what was written. */
function editor(cols = 80) {
  let written = '';
  const e = new LineEditor({ write: (t) => (written += t), cols: () => cols }, inputIsComplete);
  e.start('$ ');
  const type = (data: string) => splitKeys(data).map((k) => e.key(k));
  return { e, type, written: () => written };
}

describe('splitKeys', () => {
  it('splits a paste into lines and Enters, escapes and control keys into single keys', () => {
    expect(splitKeys('kubectl get pods\rsleep 5\r')).toEqual(['kubectl get pods', '\r', 'sleep 5', '\r']);
    expect(splitKeys('a\r\nb\nc')).toEqual(['a', '\r', 'b', '\r', 'c']);
    expect(splitKeys('ab\x1b[Dc\x1b[3~\x1bOH\t\x03')).toEqual(['ab', '\x1b[D', 'c', '\x1b[3~', '\x1bOH', '\t', '\x03']);
  });
});

describe('LineEditor', () => {
  it('edits a line with arrows, Home/End, Backspace and Delete, and returns it on Enter', () => {
    const { type } = editor();
    const results = type('kubectl gt pods\x1b[H\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[Ce\x1b[F\x7f\x7fds\r');
    expect(results.at(-1)).toEqual({ kind: 'line', text: 'kubectl get pods' });
  });

  it('asks for more lines inside a here-document and returns the whole input', () => {
    const { type, written } = editor();
    const results = type("cat <<EOF\rhello\rEOF\r");
    expect(results.filter((r) => r.kind === 'line')).toEqual([{ kind: 'line', text: 'cat <<EOF\nhello\nEOF' }]);
    expect(written()).toContain('> ');
  });

  it('hands Tab back, replaces the completed word, and drops the line on Ctrl-C', () => {
    const { e, type } = editor();
    expect(type('kubectl get po\t').at(-1)).toEqual({ kind: 'tab' });
    expect(e.lineBeforeCursor()).toBe('kubectl get po');
    e.replace(12, 14, 'pods ');
    expect(e.lineBeforeCursor()).toBe('kubectl get pods ');
    type('\x03');
    expect(e.lineBeforeCursor()).toBe('');
    expect(e.reading).toBe(true);
  });

  it('recalls earlier lines with Up and comes back to the draft with Down', () => {
    const { e, type } = editor();
    type('one\r');
    e.start('$ ');
    type('two\r');
    e.start('$ ');
    type('dr\x1b[A\x1b[A');
    expect(e.lineBeforeCursor()).toBe('one');
    type('\x1b[B\x1b[B');
    expect(e.lineBeforeCursor()).toBe('dr');
  });

  it('redraws a line that wraps: back to the prompt row, never below it', () => {
    const { type, written } = editor(10);
    type('abcdefghijkl');
    type('\x1b[H');
    // The cursor went to the row above (the line takes two rows) and to column 2.
    expect(written().endsWith('\r\x1b[1A\x1b[2C')).toBe(true);
  });
});

describe('wrapWords', () => {
  it('breaks long lines at the last space that fits, and an over-long word at the edge', () => {
    expect(wrapWords('talk to the cluster: get, describe', 16)).toBe('talk to the \ncluster: get, \ndescribe');
    expect(wrapWords('short\n', 16)).toBe('short\n');
    expect(wrapWords('abcdefghijklmnopqrst', 8)).toBe('abcdefgh\nijklmnop\nqrst');
  });

  it('indents the following rows under the description column', () => {
    expect(wrapWords('  sleep DURATION  let simulated time pass (30s, 5m)', 36)).toBe('  sleep DURATION  let simulated time\n                  pass (30s, 5m)');
    expect(wrapWords('    indented words that wrap', 16)).toBe('    indented \n    words that \n    wrap');
  });
});

describe('completion helpers', () => {
  it('finds the common prefix and lays the candidates out in columns', () => {
    expect(commonPrefix(['--watch', '--watch-only'])).toBe('--watch');
    expect(commonPrefix([])).toBe('');
    expect(columns(['web', 'worker', 'db'], 20)).toBe('web     worker\ndb');
  });
});
