import { describe, expect, it } from 'vitest';
import { Engine } from '../engine';
import { DONE, RETRY, RateLimitingQueue, type ProcessResult } from './workqueue';

function queue(process: (key: string) => ProcessResult) {
  const engine = new Engine({ seed: 1 });
  const q = new RateLimitingQueue(engine, 'test', process);
  return { engine, q };
}

describe('RateLimitingQueue (client-go workqueue with DefaultControllerRateLimiter)', () => {
  it('queues a key once however often it is added before it is processed', () => {
    const processed: string[] = [];
    const { engine, q } = queue((k) => (processed.push(k), DONE));
    q.add('default/a');
    q.add('default/a');
    q.add('default/b');
    expect(q.length).toBe(2);
    engine.runUntilIdle();
    expect(processed).toEqual(['default/a', 'default/b']);
  });

  it('processes a key added again during its processing once more, afterwards, never concurrently', () => {
    const processed: string[] = [];
    let again = true;
    const { engine, q } = queue((k) => {
      processed.push(k);
      if (again) {
        again = false;
        q.add(k);
        expect(q.length).toBe(0);
      }
      return DONE;
    });
    q.add('a');
    engine.runUntilIdle();
    expect(processed).toEqual(['a', 'a']);
  });

  it('retries a failing key with exponential back-off from 5 ms, and forgets it on success', () => {
    const at: number[] = [];
    let failures = 4;
    const { engine, q } = queue((k) => {
      at.push(engine.now());
      if (failures-- > 0) return RETRY;
      expect(q.numRequeues(k)).toBe(4);
      return DONE;
    });
    q.add('a');
    engine.runUntilIdle();
    const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
    expect(gaps).toEqual([5, 10, 20, 40]);
    expect(q.numRequeues('a')).toBe(0);
  });

  it('caps the per-item back-off at 1000 s', () => {
    const at: number[] = [];
    const { engine, q } = queue(() => (at.push(engine.now()), at.length < 22 ? RETRY : DONE));
    q.add('a');
    engine.runUntilIdle();
    const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
    expect(Math.max(...gaps)).toBe(1_000_000);
    expect(gaps.at(-1)).toBe(1_000_000);
  });

  it('honours an explicit requeue delay', () => {
    const at: number[] = [];
    const { engine, q } = queue(() => (at.push(engine.now()), at.length === 1 ? { retry: true, after: 30_000 } : DONE));
    q.add('a');
    engine.runUntilIdle();
    expect(at).toEqual([0, 30_000]);
  });

  it('holds retries of many keys to the overall bucket: 100 at once, then 10 per second', () => {
    const retriedAt = new Map<string, number>();
    const firstSeen = new Set<string>();
    const { engine, q } = queue((k) => {
      if (!firstSeen.has(k)) {
        firstSeen.add(k);
        return RETRY;
      }
      retriedAt.set(k, engine.now());
      return DONE;
    });
    for (let i = 0; i < 120; i++) q.add(`k${i}`);
    engine.runUntilIdle();
    const times = [...retriedAt.values()].sort((a, b) => a - b);
    expect(times.filter((t) => t <= 5).length).toBe(100);
    // The 20 beyond the burst wait for tokens at 10 per second: the last about 2 s later.
    expect(times.at(-1)).toBeGreaterThanOrEqual(1_900);
    expect(times.at(-1)).toBeLessThanOrEqual(2_100);
  });
});

describe('RateLimitingQueue.withWorkers (syncs that wait for the apiserver)', () => {
  it('keeps a key in processing until its sync finishes, and runs up to `workers` keys at once', () => {
    const engine = new Engine({ seed: 1 });
    const started: string[] = [];
    const finishers = new Map<string, (r: ProcessResult) => void>();
    const q = RateLimitingQueue.withWorkers(engine, 'test', 2, (k, finish) => {
      started.push(k);
      finishers.set(k, finish);
    });
    q.add('a');
    q.add('b');
    q.add('c');
    engine.runUntilIdle();
    expect(started).toEqual(['a', 'b']);
    q.add('a');
    engine.runUntilIdle();
    expect(started).toEqual(['a', 'b']);
    finishers.get('a')?.(DONE);
    engine.runUntilIdle();
    // c was waiting for a worker; a, added again while it was processed, comes after it.
    expect(started).toEqual(['a', 'b', 'c']);
    finishers.get('b')?.(DONE);
    engine.runUntilIdle();
    expect(started).toEqual(['a', 'b', 'c', 'a']);
  });

  it('retries a sync that finishes with RETRY after the back-off', () => {
    const engine = new Engine({ seed: 1 });
    const times: number[] = [];
    const q = RateLimitingQueue.withWorkers(engine, 'test', 1, (_k, finish) => {
      times.push(engine.now());
      engine.schedule(1, 'answer', () => finish(times.length < 3 ? RETRY : DONE));
    });
    q.add('a');
    engine.runUntilIdle();
    expect(times).toEqual([0, 6, 17]);
    expect(q.numRequeues('a')).toBe(0);
  });
});
