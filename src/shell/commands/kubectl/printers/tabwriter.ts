/**
 * Go's text/tabwriter, ported cell for cell, because every kubectl table and every `kubectl
 * describe` is laid out by it and the learner compares what we print with what a real cluster
 * prints. Input is text whose cells end with a tab; a column is padded to its widest cell plus the
 * padding, and the last cell of a line (the text after the last tab) belongs to no column.
 *
 * Columns are aligned per *block*: a run of consecutive lines that all have a tab-terminated cell
 * in that column. A line with fewer cells ends the block, so `describe`'s sections align on their
 * own, exactly as Go's format() does it.
 */

export interface TabwriterOptions {
  /** Minimal cell width, padding included. */
  readonly minwidth: number;
  /** Width of a tab character; only used when padding with tabs, which kubectl never does. */
  readonly tabwidth: number;
  /** Added to the widest cell of a column. */
  readonly padding: number;
}

/** kubectl's get/events/custom-columns writer: k8s.io/cli-runtime/pkg/printers GetNewTabWriter. */
export const KUBECTL_TABLE: TabwriterOptions = { minwidth: 6, tabwidth: 4, padding: 3 };

/** kubectl describe's writer: pkg/describe tabbedString, `out.Init(buf, 0, 8, 2, ' ', 0)`. */
export const KUBECTL_DESCRIBE: TabwriterOptions = { minwidth: 0, tabwidth: 8, padding: 2 };

interface Cell {
  readonly text: string;
  /** Width in runes, as Go's utf8.RuneCount counts it. */
  readonly width: number;
}

function cell(text: string): Cell {
  let width = 0;
  for (const _ of text) width++;
  return { text, width };
}

/** Lay out tab-separated text the way tabwriter.Writer does between two Flush calls. */
export function tabwrite(text: string, options: TabwriterOptions): string {
  const segments = text.split('\n');
  const lines: Cell[][] = segments.map((segment, i) =>
    // The text after the final newline is a line of its own; when empty it has no cells at all
    // (Go only terminates a cell on a tab or newline), so it prints nothing.
    i === segments.length - 1 && segment === '' ? [] : segment.split('\t').map(cell),
  );
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i] as Cell[];
      line.forEach((c, j) => {
        out.push(c.text);
        const w = widths[j];
        if (w !== undefined) out.push(' '.repeat(Math.max(0, w - c.width)));
      });
      if (i + 1 < lines.length) out.push('\n');
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= (lines[current] as Cell[]).length - 1) continue;
      // This line has a cell in this column: print what came before, then size the block.
      writeLines(line0, current);
      line0 = current;
      let width = options.minwidth;
      for (; current < line1; current++) {
        const line = lines[current] as Cell[];
        if (column >= line.length - 1) break;
        width = Math.max(width, (line[column] as Cell).width + options.padding);
      }
      widths.push(width);
      format(line0, current);
      widths.pop();
      line0 = current;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('');
}

/**
 * Rows of cells through kubectl's table writer: what printers.GetNewTabWriter produces for
 * header + rows joined by tabs, one line each.
 */
export function formatTable(rows: readonly (readonly string[])[], options: TabwriterOptions = KUBECTL_TABLE): string {
  if (rows.length === 0) return '';
  return tabwrite(rows.map((row) => `${row.join('\t')}\n`).join(''), options);
}
