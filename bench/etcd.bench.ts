/**
 * etcd benchmarks (issue 3): 150,000 puts of 1 KB values, then 1,000 prefix ranges over a
 * 3,000-key prefix, a full range of all 150,000 keys, and the heap each key costs beyond its
 * value once compaction has dropped its older versions. Targets: >= 200,000 puts/s, a prefix
 * range <= 5 ms, a full range <= 300 ms, <= 3 KB of heap per key.
 *
 * The store is driven through its public API (Etcd.put / Etcd.range) with the periodic compactor
 * off, on an engine whose clock never moves: nothing but the store's own work is timed.
 */
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Engine } from '../src/sim/engine';
import { Etcd } from '../src/sim/etcd';
import { median, timeRuns, type Measurement } from './measure';

const KEYS = 150_000;
/** Keys share one of 50 prefixes, 3,000 keys each, as 50 resources' keys would. */
const PREFIX_KEYS = 3_000;
const GROUPS = KEYS / PREFIX_KEYS;
const PREFIX_RANGES = 1_000;
const VALUE_BYTES = 1024;

/** A handful of distinct 1 KB values, reused: the heap then measures the store, not the values. */
const VALUES = Array.from({ length: 16 }, (_, i) => String.fromCharCode(97 + i).repeat(VALUE_BYTES));

/** Key i: one of GROUPS prefixes of PREFIX_KEYS keys each, like one resource's keys. */
function keyName(i: number): string {
  return `/registry/bench/g${String(i % GROUPS).padStart(2, '0')}/key-${String(i).padStart(6, '0')}`;
}

/** Keys built once, outside the timed loops (a client has its keys before it sends them). */
const KEY_NAMES = Array.from({ length: KEYS }, (_, i) => keyName(i));

function fill(etcd: Etcd, keys: readonly string[] = KEY_NAMES): void {
  for (let i = 0; i < KEYS; i++) etcd.put({ key: keys[i] as string, value: VALUES[i & 15] as string });
}

function freshEtcd(): Etcd {
  return new Etcd(new Engine({ seed: 1 }), { compactor: false });
}

/** global.gc when node runs with --expose-gc; otherwise switched on at run time. */
function gcFunction(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/**
 * Heap bytes per key of a store holding KEYS keys, each written twice then compacted to now. The
 * key strings are made inside the measured window, so they count; the shared values do not.
 */
function heapPerKey(): number {
  const gc = gcFunction();
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const etcd = freshEtcd();
  const keys = Array.from({ length: KEYS }, (_, i) => keyName(i));
  fill(etcd, keys);
  fill(etcd, keys);
  keys.length = 0;
  etcd.compact(etcd.revision);
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (etcd.status().keys !== KEYS) throw new Error('bench: store lost keys');
  return (after - before) / KEYS;
}

export function etcdBenchmarks(): { measurements: Measurement[]; notes: string[] } {
  const putRuns = timeRuns(5, () => fill(freshEtcd()));
  const putRate = putRuns.map((ms) => (KEYS / ms) * 1000);

  const etcd = freshEtcd();
  fill(etcd);
  const prefixMs: number[] = [];
  let seen = 0;
  for (let i = 0; i < PREFIX_RANGES; i++) {
    const g = String(i % GROUPS).padStart(2, '0');
    const t0 = performance.now();
    const r = etcd.range({ key: `/registry/bench/g${g}/`, rangeEnd: `/registry/bench/g${g}0` });
    prefixMs.push(performance.now() - t0);
    seen += r.count;
  }
  if (seen !== PREFIX_RANGES * PREFIX_KEYS) throw new Error(`bench: prefix ranges saw ${seen} keys`);

  let fullCount = 0;
  const fullMs = timeRuns(7, () => {
    fullCount = etcd.range({ key: '\0', rangeEnd: '\0' }).kvs.length;
  });
  if (fullCount !== KEYS) throw new Error(`bench: full range saw ${fullCount} keys`);

  const heap = [heapPerKey(), heapPerKey(), heapPerKey()];
  return {
    measurements: [
      { name: `etcd: puts/s (${KEYS.toLocaleString('en-US')} keys, 1 KB values)`, median: median(putRate), unit: 'puts/s', runs: putRate },
      { name: `etcd: prefix range of ${PREFIX_KEYS.toLocaleString('en-US')} keys`, median: median(prefixMs), unit: 'ms', runs: prefixMs },
      { name: `etcd: full range of ${KEYS.toLocaleString('en-US')} keys`, median: median(fullMs), unit: 'ms', runs: fullMs },
      { name: 'etcd: heap per key beyond its value, after compaction', median: median(heap), unit: 'bytes', runs: heap },
    ],
    notes: [
      `puts/s best of ${putRate.length}: ${Math.round(Math.max(...putRate)).toLocaleString('en-US')}; load average while measuring: ${os.loadavg()[0]?.toFixed(2)} on ${os.cpus().length} cores (a busy machine slows every figure)`,
      'targets: >= 200,000 puts/s; prefix range <= 5 ms; full range <= 300 ms; <= 3,072 bytes of heap per key',
      `heap: ${KEYS.toLocaleString('en-US')} keys written twice, compacted to the current revision, after gc; key strings counted, values shared and not counted`,
    ],
  };
}
