/**
 * NodeAffinity's PreFilter Skip (node_affinity.go, since v1.27): a pod with no nodeSelector, no
 * required node affinity and no profile addedAffinity skips the plugin's Filter; any of the three
 * keeps it.
 */
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import type { V1Pod } from '../../framework/v1';
import { NodeAffinity } from './node-affinity';

const pod = (spec: Partial<NonNullable<V1Pod['spec']>> = {}): V1Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c' }], ...spec } });
const required = { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] };

describe('NodeAffinity PreFilter', () => {
  it('skips a pod it has nothing to check', () => {
    const [, status] = new NodeAffinity().preFilter(new CycleState(), pod());
    expect(status?.code).toBe('Skip');
  });

  it('skips a pod with only preferred terms (they are scored, not filtered)', () => {
    const [, status] = new NodeAffinity().preFilter(new CycleState(), pod({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: required.nodeSelectorTerms[0]! }] } } }));
    expect(status?.code).toBe('Skip');
  });

  it('keeps its Filter for a nodeSelector, even an empty one, required terms or an addedAffinity', () => {
    expect(new NodeAffinity().preFilter(new CycleState(), pod({ nodeSelector: { zone: 'a' } }))[1]).toBeNull();
    expect(new NodeAffinity().preFilter(new CycleState(), pod({ nodeSelector: {} }))[1]).toBeNull();
    expect(new NodeAffinity().preFilter(new CycleState(), pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } } }))[1]).toBeNull();
    expect(new NodeAffinity({ addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } }).preFilter(new CycleState(), pod())[1]).toBeNull();
  });
});
