/** kubeletConditionsFlat reusing the last array only when it holds the same strings as a fresh one. */
import { describe, expect, it } from 'vitest';
import type { PodCondition } from 'kubernetes-types/core/v1';
import { Rng } from '../../engine/rng';
import { kubeletConditionsFlat } from './pod-workers';

const TYPES = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled', 'example.com/ok'];
const STATUSES = ['True', 'False'];
const TIMES = ['2025-01-01T00:00:00Z', '2025-01-01T00:00:01Z', undefined];

function plain(conditions: readonly PodCondition[]): string[] {
  const flat: string[] = [];
  for (const c of conditions) if (['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].includes(c.type)) flat.push(c.type, c.status, c.lastTransitionTime ?? '');
  return flat;
}

describe('kubeletConditionsFlat', () => {
  it('equals the fresh flat list, and is the previous array only when that one is equal', () => {
    const rng = new Rng(3);
    const conditionsOf = (): PodCondition[] =>
      Array.from({ length: rng.int(0, 6) }, () => {
        const t = TIMES[rng.int(0, 2)];
        return { type: rng.pick(TYPES), status: rng.pick(STATUSES), ...(t ? { lastTransitionTime: t } : {}) };
      });
    let reused = 0;
    for (let i = 0; i < 5_000; i++) {
      const a = conditionsOf();
      const b = rng.int(0, 1) ? a.map((c) => ({ ...c })) : conditionsOf();
      const previous = kubeletConditionsFlat(a, undefined);
      expect(previous).toEqual(plain(a));
      const next = kubeletConditionsFlat(b, previous);
      expect(next).toEqual(plain(b));
      if (next === previous) reused++;
      expect(next === previous).toBe(JSON.stringify(plain(b)) === JSON.stringify(previous));
    }
    expect(reused).toBeGreaterThan(1_000);
  });
});
