/**
 * The kubelet's pod admission (lifecycle/predicate.go): node affinity through the same
 * component-helpers matcher as kube-scheduler, then the node's capacity.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { canAdmitPod, type NodeInfo } from './admission';

const node: NodeInfo = { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1', cores: '8' }, allocatable: { cpu: 2000, memory: 4 * 2 ** 30, pods: 2 } };

function pod(spec: Partial<NonNullable<Pod['spec']>>, cpu?: string): Pod {
  return { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx', ...(cpu ? { resources: { requests: { cpu } } } : {}) }], ...spec } };
}

const required = (...terms: object[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } }) as Partial<NonNullable<Pod['spec']>>;

describe('canAdmitPod', () => {
  it('admits a pod whose selector and affinity match, and refuses one whose do not', () => {
    expect(canAdmitPod(pod({ nodeSelector: { 'kubernetes.io/hostname': 'node-1' } }), node, [])).toBeUndefined();
    expect(canAdmitPod(pod({ nodeSelector: { disk: 'ssd' } }), node, [])).toEqual({ reason: 'NodeAffinity', message: 'Predicate NodeAffinity failed' });
    expect(canAdmitPod(pod(required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] })), node, [])).toBeUndefined();
  });

  it('matches as the scheduler does: Gt on whole numbers only, an empty term matches nothing', () => {
    expect(canAdmitPod(pod(required({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] })), node, [])).toBeUndefined();
    expect(canAdmitPod(pod(required({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4.5'] }] })), node, [])?.reason).toBe('NodeAffinity');
    expect(canAdmitPod(pod(required({})), node, [])?.reason).toBe('NodeAffinity');
  });

  it('refuses what does not fit: OutOfcpu, OutOfpods', () => {
    expect(canAdmitPod(pod({}, '1500m'), node, [pod({}, '1')])).toEqual({ reason: 'OutOfcpu', message: "Node didn't have enough resource: cpu, requested: 1500, used: 1000, capacity: 2000" });
    expect(canAdmitPod(pod({}), node, [pod({}), pod({})])?.reason).toBe('OutOfpods');
  });
});
