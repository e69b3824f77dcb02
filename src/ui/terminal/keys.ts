/**
 * Splits what xterm hands over (`onData`: one key, or a whole paste) into keys: an escape
 * sequence (`ESC [ 3 ~`, `ESC O H`), one control character (Enter is `\r`, Tab `\t`, Ctrl-C
 * `\x03`), or a run of printable text. The terminal's input queue holds keys, so a paste of
 * several lines is read one line at a time, as a tty hands lines to bash.
 */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  let text = '';
  const flush = () => {
    if (text) keys.push(text);
    text = '';
  };
  for (let i = 0; i < data.length; i++) {
    const ch = data[i] as string;
    const code = ch.charCodeAt(0);
    if (ch === '\x1b') {
      flush();
      const next = data[i + 1];
      if (next === '[') {
        let j = i + 2;
        while (j < data.length && /[0-9;?]/.test(data[j] as string)) j++;
        keys.push(data.slice(i, j + 1));
        i = j;
      } else if (next === 'O') {
        keys.push(data.slice(i, i + 3));
        i += 2;
      } else {
        keys.push(data.slice(i, i + 2));
        i += 1;
      }
    } else if (code < 0x20 || code === 0x7f) {
      flush();
      // A pasted newline is an Enter, whichever convention the clipboard used.
      if (ch === '\n' && data[i - 1] === '\r') continue;
      keys.push(ch === '\n' ? '\r' : ch);
    } else {
      text += ch;
    }
  }
  flush();
  return keys;
}
