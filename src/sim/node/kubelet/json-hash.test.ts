import { describe, expect, it } from 'vitest';
import { fnv1a, jsonHash } from './json-hash';

const samples: unknown[] = [
  null,
  0,
  -0,
  7,
  123456789,
  1e9,
  1234567890123,
  -5,
  0.5,
  1e21,
  1e-7,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  '',
  'plain',
  'quote " backslash \\ newline \n tab \t',
  'control \u0001 and \u001f',
  'emoji \u{1F600} lone \ud800 end',
  'ünïcödé',
  [],
  {},
  [undefined, () => 1, Symbol('s'), null, 1, 'a'],
  { a: undefined, b: () => 1, c: Symbol('s'), d: 1 },
  { 2: 'two', 1: 'one', b: 'b', a: 'a', '-1': 'neg' },
  { nested: { deep: [{ x: [1, [2, [3]]] }], 'k"ey': 'v' }, empty: {}, list: [] },
  { date: new Date(0), inner: { toJSON: () => 'custom' } },
  {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-01-01T00:00:13Z' }],
    hostIP: '10.0.0.2',
    hostIPs: [{ ip: '10.0.0.2' }],
    containerStatuses: [{ name: 'nginx', state: { running: { startedAt: '2024-01-01T00:00:13Z' } }, lastState: {}, ready: true, restartCount: 0, image: 'docker.io/library/nginx:1.27', imageID: 'x@sha256:ab', containerID: 'containerd://ff', started: true }],
    qosClass: 'BestEffort',
  },
];

describe('jsonHash', () => {
  it.each(samples.map((s, i) => [i, s] as const))('equals the FNV-1a of JSON.stringify (sample %i)', (_i, value) => {
    expect(jsonHash(value)).toBe(fnv1a(JSON.stringify(value)));
  });

  it('tells statuses apart as their text does', () => {
    expect(jsonHash({ a: 1, b: 2 })).not.toBe(jsonHash({ b: 2, a: 1 }));
    expect(jsonHash({ a: [1, 2] })).not.toBe(jsonHash({ a: [2, 1] }));
  });
});
