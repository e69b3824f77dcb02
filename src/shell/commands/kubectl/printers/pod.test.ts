import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import vectors from '../../../../../reference/vectors/kubectl-printing.json';
import { virtualMsOf } from '../../../../sim/api/time';
import { podRow } from './pod';
import { buildTable } from './table';
import { humanDuration, shortHumanDuration } from './timestamps';
import type { KubeObject } from '../../../../sim/api/kube-object';

interface PodCase {
  id: string;
  wide: boolean;
  pod: unknown;
  expect: string[];
}

const now = virtualMsOf(vectors.pod_table.now);
const cases = vectors.pod_table.cases as unknown as PodCase[];

describe('printPod (kubectl get pods row), every case of the reference vectors', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const row = podRow(c.pod as Pod, now);
    expect(c.wide ? row : row.slice(0, 5)).toEqual(c.expect);
  });

  it('prints the vector columns as the table header, wide columns only with -o wide', () => {
    const pod = cases[0]?.pod as unknown as KubeObject;
    expect(buildTable('pods', [pod], { nowMs: now })[0]).toEqual(vectors.pod_table.columns);
    expect(buildTable('pods', [pod], { nowMs: now, wide: true })[0]).toEqual([...vectors.pod_table.columns, ...vectors.pod_table.wide_extra_columns]);
  });
});

describe('apimachinery duration', () => {
  it.each(vectors.age.human_duration.map((c) => [c.nanoseconds, c.expect] as const))('HumanDuration(%d ns) = %s', (ns, expected) => {
    expect(humanDuration(ns / 1e6)).toBe(expected);
  });
  it.each(vectors.age.short_human_duration.map((c) => [c.nanoseconds, c.expect] as const))('ShortHumanDuration(%d ns) = %s', (ns, expected) => {
    expect(shortHumanDuration(ns / 1e6)).toBe(expected);
  });
});
