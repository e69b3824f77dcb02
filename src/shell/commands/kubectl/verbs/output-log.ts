/**
 * What a long-running verb (`kubectl drain`) writes, in the order it writes it, as a
 * CommandResult whose `interleaved` runs keep a warning written between two stdout lines there.
 */
import type { CommandResult, OutputRun } from '../../../types';

export class OutputLog {
  private stdout = '';
  private stderr = '';
  private readonly runs: OutputRun[] = [];

  out(text: string): void {
    this.write('stdout', text);
  }

  err(text: string): void {
    this.write('stderr', text);
  }

  private write(stream: OutputRun['stream'], text: string): void {
    if (!text) return;
    if (stream === 'stdout') this.stdout += text;
    else this.stderr += text;
    const last = this.runs.at(-1);
    if (last?.stream === stream) this.runs[this.runs.length - 1] = { stream, length: last.length + text.length };
    else this.runs.push({ stream, length: text.length });
  }

  result(exitCode: number): CommandResult {
    return { exitCode, stdout: this.stdout, stderr: this.stderr, interleaved: [...this.runs] };
  }
}
