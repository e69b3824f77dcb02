/** jsonCopy gives what a JSON round trip gives, and shares nothing with its input. */
import { describe, expect, it } from 'vitest';
import { jsonCopy } from './json-copy';

const roundTrip = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

describe('jsonCopy', () => {
  const cases: [string, unknown][] = [
    ['a pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] }, status: { conditions: [] } }],
    ['undefined fields are dropped', { a: undefined, b: 1, c: { d: undefined } }],
    ['undefined, functions and non-finite numbers in arrays become null', [1, undefined, () => 1, Number.NaN, Infinity, 'x']],
    ['functions as fields are dropped', { f: () => 1, g: 2 }],
    ['a Date goes through its toJSON', { when: new Date(0) }],
    ['scalars', 'text'],
    ['null', null],
    ['nested arrays', [[1, [2, { a: [3] }]]]],
  ];
  it.each(cases)('%s: as JSON.parse(JSON.stringify(v))', (_name, value) => {
    expect(jsonCopy(value)).toStrictEqual(roundTrip(value));
  });

  it('shares no object or array with its input', () => {
    const input = { spec: { conditions: [{ type: 'Ready' }] } };
    const copy = jsonCopy(input);
    input.spec.conditions.push({ type: 'Complete' });
    (input.spec.conditions[0] as { type: string }).type = 'changed';
    expect(copy).toStrictEqual({ spec: { conditions: [{ type: 'Ready' }] } });
  });

  it('keeps field order, and leaves inherited fields out', () => {
    const proto = { inherited: 1 };
    const input = Object.assign(Object.create(proto) as object, { z: 1, a: 2 });
    expect(Object.keys(jsonCopy(input))).toEqual(['z', 'a']);
  });
});
