import { describe, expect, it } from 'vitest';
import { decodesCleanly } from './clean-body';
import { unknownFields } from './strict-decoding';
import { firstTypeMismatch } from './type-decoding';

const pod = (spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', labels: { app: 'web' }, ...metadata },
  spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '10m' } } }], ...spec },
});

describe('decodesCleanly', () => {
  it.each([
    ['a plain pod', pod(), true],
    ['null fields (the zero value)', pod({ nodeName: null, tolerations: null }), true],
    ['a deployment with its template', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'a', image: 'b' }] } } } }, true],
    ['an unknown top-level field', { ...pod(), extra: 1 }, false],
    ['an unknown field deep inside', pod({ containers: [{ name: 'web', imagee: 'nginx' }] }), false],
    ['labels of the wrong type', pod({}, { labels: 'app=web' }), false],
    ['a label value of the wrong type', pod({}, { labels: { app: 1 } }), false],
    ['a string where an int32 belongs', pod({ containers: [{ name: 'web', ports: [{ containerPort: '80' }] }] }), false],
    ['a fraction where an integer belongs', pod({ terminationGracePeriodSeconds: 1.5 }), false],
    ['containers as an object', pod({ containers: {} }), false],
    ['a kind we do not serve', { apiVersion: 'v1', kind: 'Nothing' }, false],
    ['no kind', { apiVersion: 'v1', metadata: { name: 'x' } }, false],
    ['not an object', 'text', false],
  ])('%s: %s', (_, body, expected) => {
    expect(decodesCleanly(body)).toBe(expected);
    // Clean means neither full walk finds anything (so they can be skipped).
    if (expected) expect([firstTypeMismatch(body), unknownFields(body)]).toEqual([undefined, []]);
  });

  it('walks a stored top-level value once, and still sees what is not stored', () => {
    const stored = pod();
    const patched = { ...stored, status: { phase: 'Running' } };
    expect(decodesCleanly(patched, stored)).toBe(true);
    expect(decodesCleanly(patched, stored)).toBe(true);
    expect(decodesCleanly({ ...stored, status: { phase: 1 } }, stored)).toBe(false);
    expect(decodesCleanly({ ...stored, status: { phasee: 'Running' } }, stored)).toBe(false);
  });
});
