/**
 * Engine benchmarks (issue 2): events per second for schedule + run of a no-op handler, against
 * a plain binary heap doing the same work as a ratio in the same run, and the determinism hash
 * of two runs with the same seed.
 */
import { Engine } from '../src/sim/engine';
import { Cluster } from '../src/sim/cluster';
import { median, timeRuns, type Measurement } from './measure';

const EVENTS = 1_000_000;

function engineNoop(): void {
  const engine = new Engine({ seed: 1 });
  const noop = () => {};
  // Keep ~1,000 events in flight, as a busy cluster does, rather than one long pre-filled heap.
  let scheduled = 0;
  const refill = () => {
    if (scheduled < EVENTS) {
      scheduled++;
      engine.schedule(1 + (scheduled % 97), 'bench: refill', refill);
    }
  };
  for (let i = 0; i < 1000; i++) {
    scheduled++;
    engine.schedule(i % 50, 'bench: noop', noop);
    refill();
  }
  engine.runUntilIdle(EVENTS * 3);
}

/** The floor: a bare binary heap of {at, seq, fn} with no trace, no labels, no cancel. */
export function plainHeap(): void {
  type E = { at: number; seq: number; fn: () => void };
  const heap: E[] = [];
  const less = (a: E, b: E) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
  let seq = 0;
  let now = 0;
  const push = (e: E) => {
    let i = heap.length;
    heap.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(e, heap[p] as E)) break;
      heap[i] = heap[p] as E;
      i = p;
    }
    heap[i] = e;
  };
  const pop = (): E | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (!top || !last || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const c = r < heap.length && less(heap[r] as E, heap[l] as E) ? r : l;
      if (!less(heap[c] as E, last)) break;
      heap[i] = heap[c] as E;
      i = c;
    }
    heap[i] = last;
    return top;
  };
  let scheduled = 0;
  const noop = () => {};
  const refill = () => {
    if (scheduled < EVENTS) {
      scheduled++;
      push({ at: now + 1 + (scheduled % 97), seq: seq++, fn: refill });
    }
  };
  for (let i = 0; i < 1000; i++) {
    scheduled++;
    push({ at: i % 50, seq: seq++, fn: noop });
    refill();
  }
  for (let e = pop(); e; e = pop()) {
    now = e.at;
    e.fn();
  }
}

/** Events per second of the bare heap (one timed run): the machine's yardstick for ratios. */
export function plainHeapEventsPerSecond(): number {
  const t0 = performance.now();
  plainHeap();
  return ((EVENTS + 1000) / (performance.now() - t0)) * 1000;
}

function clusterDigest(seed: number): string {
  const cluster = new Cluster({ seed });
  cluster.engine.runUntil(30 * 60_000);
  return `${cluster.engine.trace.digest()} after ${cluster.engine.eventsRun} events`;
}

export function engineBenchmarks(): { measurements: Measurement[]; notes: string[] } {
  const engineRuns = timeRuns(7, engineNoop);
  const heapRuns = timeRuns(7, plainHeap);
  // Each run handles about EVENTS + 1,000 events (each scheduled and run once).
  const perSecond = (ms: number) => ((EVENTS + 1000) / ms) * 1000;
  const engineRate = engineRuns.map(perSecond);
  const heapRate = heapRuns.map(perSecond);
  const a = clusterDigest(42);
  const b = clusterDigest(42);
  const c = clusterDigest(43);
  return {
    measurements: [
      { name: 'engine: no-op events/s (schedule + run)', median: median(engineRate), unit: 'events/s', runs: engineRate },
      { name: 'plain binary heap, same workload (the floor)', median: median(heapRate), unit: 'events/s', runs: heapRate },
    ],
    notes: [
      `engine / plain heap: ${(median(engineRate) / median(heapRate)).toFixed(2)}× (target: engine >= 2,000,000 events/s)`,
      `determinism: 30 simulated minutes, seed 42 twice: ${a} | ${b} -> ${a === b ? 'same' : 'DIFFERENT'}; seed 43: ${c}`,
    ],
  };
}
