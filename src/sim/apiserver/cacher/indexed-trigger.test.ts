/** WatchersByTrigger.candidates' merge of id-ordered buckets against the plain sort of them. */
import { describe, expect, it } from 'vitest';
import { WatchersByTrigger } from './indexed-trigger';

interface W {
  readonly id: number;
  readonly value: string | undefined;
}

function plainCandidates(watchers: readonly W[], values: readonly string[]): number[] {
  const triggered = watchers.some((w) => w.value !== undefined);
  const picked = watchers.filter((w) => w.value !== undefined && values.includes(w.value));
  if (!triggered || picked.length === 0) return watchers.filter((w) => w.value === undefined).map((w) => w.id);
  return [...watchers.filter((w) => w.value === undefined), ...picked].sort((a, b) => a.id - b.id).map((w) => w.id);
}

describe('WatchersByTrigger candidates', () => {
  it('lists the untriggered watchers and those of the values, in id order, as a sort would', () => {
    const byTrigger = new WatchersByTrigger<W>();
    const live: W[] = [];
    const values = ['node-1', 'node-2', 'node-3', undefined];
    // A deterministic mix of adds and deletes, checking after each change.
    for (let id = 1; id <= 60; id++) {
      const w = { id, value: values[(id * 7) % values.length] };
      byTrigger.add(w, w.value);
      live.push(w);
      if (id % 5 === 0) {
        const gone = live.splice((id * 3) % live.length, 1)[0] as W;
        byTrigger.delete(gone);
      }
      for (const asked of [['node-1'], ['node-2', 'node-1'], ['node-9'], ['node-3', 'node-9'], ['node-1', 'node-2', 'node-3']]) {
        expect([...byTrigger.candidates(asked)].map((w) => w.id)).toEqual(plainCandidates(live, asked));
      }
    }
  });
});
