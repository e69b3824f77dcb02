/**
 * Output lines longer than the terminal is wide, broken at the last space that fits rather than
 * mid-word where xterm would break them. The rows after the first are indented to the line's
 * description column (`  kubectl ...      talk to the cluster`: under "talk"), as man pages and
 * cobra's help wrap, when that column is in the left half; a word longer than a whole row (a
 * JSON string, a key) still breaks at the edge. Applied when the text is written: a later
 * resize does not reflow it.
 */
export function wrapWords(text: string, cols: number): string {
  if (cols < 2) return text;
  return text
    .split('\n')
    .map((line) => (line.length <= cols ? line : wrapLine(line, cols)))
    .join('\n');
}

function wrapLine(line: string, cols: number): string {
  const column = /^(.*?\S {2,})\S/.exec(line.slice(0, cols))?.[1]?.length;
  const leading = /^ */.exec(line)?.[0].length ?? 0;
  const hang = ' '.repeat(column !== undefined && column <= cols / 2 ? column : leading <= cols / 2 ? leading : 0);
  const rows: string[] = [];
  let rest = line;
  while (rest.length > cols) {
    const prefix = rows.length === 0 ? 0 : hang.length;
    const space = rest.lastIndexOf(' ', cols);
    if (space > prefix && rest.slice(prefix, space).trim()) {
      // The space stays at the row's end when it fits: a copied or searched line still reads
      // "a b", not "ab" (a space in the last column would make xterm wrap to an empty row).
      rows.push(rest.slice(0, space < cols ? space + 1 : space));
      rest = hang + rest.slice(space + 1).trimStart();
    } else {
      rows.push(rest.slice(0, cols));
      rest = hang + rest.slice(cols);
    }
  }
  rows.push(rest);
  return rows.join('\n');
}
