/**
 * kubectl describe's PrefixWriter over its tabwriter (pkg/describe tabbedString,
 * `tabwriter.Init(buf, 0, 8, 2, ' ', 0)`): each write is indented two spaces per level, cells
 * end at tabs, and flush() lays out what came before on its own, as DescribeEvents does so that
 * the Events table aligns apart from the fields above it.
 */
import { KUBECTL_DESCRIBE, tabwrite } from './tabwriter';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

export class DescribeWriter {
  private pending = '';
  private done = '';

  /**
   * `tabbed` false is a bare PrefixWriter over a buffer, as `rollout history --revision`'s
   * printTemplate uses: the tabs stay in the text for the terminal to expand.
   */
  constructor(private readonly tabbed = true) {}

  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text;
  }

  /** PrefixWriter.WriteLine: the text and a newline, unindented. */
  writeLine(text: string): void {
    this.pending += `${text}\n`;
  }

  flush(): void {
    if (this.pending) this.done += this.tabbed ? tabwrite(this.pending, KUBECTL_DESCRIBE) : this.pending;
    this.pending = '';
  }

  text(): string {
    this.flush();
    return this.done;
  }
}
