/** Benchmark helpers: run a case several times and report the median, as the issues ask. */

export interface Measurement {
  readonly name: string;
  readonly median: number;
  readonly unit: string;
  readonly runs: readonly number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Time `fn` (wall milliseconds) `runs` times after one warm-up. */
export function timeRuns(runs: number, fn: () => unknown): number[] {
  fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Run `fn`, which measures itself and returns its figure, `runs` times after one warm-up. */
export function selfTimedRuns(runs: number, fn: () => number): number[] {
  fn();
  return Array.from({ length: runs }, () => fn());
}

export function report(m: Measurement): string {
  const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3));
  return `${m.name.padEnd(58)} ${fmt(m.median).padStart(14)} ${m.unit}   (median of ${m.runs.length})`;
}

/** A suite's result as `npm run bench` prints it: one line per measurement, then its notes. */
export function printSuite(result: { readonly measurements: readonly Measurement[]; readonly notes: readonly string[] }): void {
  for (const m of result.measurements) console.log(report(m));
  for (const n of result.notes) console.log(`  ${n}`);
}
