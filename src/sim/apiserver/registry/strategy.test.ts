/**
 * The generic strategy steps with each resource's own strategy, as the registry picks it by
 * resource: what a create sets and what an update keeps.
 */
import { describe, expect, it } from 'vitest';
import { resourceByPlural } from '../../api/resources';
import type { KubeObject } from '../../api/kube-object';
import { prepareForCreate, prepareForUpdate } from './strategy';
import { strategyFor } from './storage-providers';

const object = (kind: string, rest: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name: 'x', uid: 'u1' }, ...rest });
const create = (plural: string, o: KubeObject) => {
  const info = resourceByPlural(plural);
  if (!info) throw new Error(plural);
  return prepareForCreate(info, strategyFor(plural), o);
};
const update = (plural: string, o: KubeObject, old: KubeObject) => {
  const info = resourceByPlural(plural);
  if (!info) throw new Error(plural);
  return prepareForUpdate(info, strategyFor(plural), o, old);
};

describe('prepareForCreate with each resource strategy', () => {
  it.each([
    ['pods', object('Pod', { spec: { containers: [{ name: 'c' }] }, status: { phase: 'Running' } }), { phase: 'Pending', qosClass: 'BestEffort' }],
    ['namespaces', object('Namespace', { status: { phase: 'Terminating' } }), { phase: 'Active' }],
    ['services', object('Service', { status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } }), { loadBalancer: {} }],
    ['nodes', object('Node', { status: { capacity: { cpu: '2' } } }), { capacity: { cpu: '2' } }],
    ['deployments', object('Deployment', { status: { replicas: 3 } }), undefined],
  ])('%s: a new object gets the status its strategy sets', (plural, input, status) => {
    expect(create(plural, input)['status']).toEqual(status);
  });

  it('sets generation 1 for the workloads and jobs only', () => {
    expect(create('deployments', object('Deployment')).metadata['generation']).toBe(1);
    expect(create('jobs', object('Job', { spec: {} })).metadata['generation']).toBe(1);
    expect(create('pods', object('Pod')).metadata['generation']).toBeUndefined();
    expect(create('configmaps', object('ConfigMap')).metadata['generation']).toBeUndefined();
  });

  it('gives a namespace the kubernetes finalizer and a job a selector on its uid', () => {
    expect(create('namespaces', object('Namespace'))['spec']).toEqual({ finalizers: ['kubernetes'] });
    expect((create('jobs', object('Job', { spec: {} }))['spec'] as { selector: unknown }).selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } });
  });

  it('leaves a resource with no strategy as it is', () => {
    const cm = object('ConfigMap', { data: { a: '1' } });
    expect(create('configmaps', cm)).toEqual(cm);
  });
});

describe('prepareForUpdate with each resource strategy', () => {
  it('keeps the stored status of the main resource, but for nodes', () => {
    const old = object('Pod', { status: { phase: 'Running' } });
    expect(update('pods', object('Pod', { status: { phase: 'Failed' } }), old)['status']).toEqual({ phase: 'Running' });
    const oldNode = object('Node', { status: { capacity: { cpu: '2' } } });
    expect(update('nodes', object('Node', { status: { capacity: { cpu: '4' } } }), oldNode)['status']).toEqual({ capacity: { cpu: '4' } });
  });

  it('moves a deployment generation only when its spec changes', () => {
    const old = { ...object('Deployment', { spec: { replicas: 1 } }), metadata: { name: 'x', generation: 3 } };
    expect(update('deployments', object('Deployment', { spec: { replicas: 1 } }), old).metadata['generation']).toBe(3);
    expect(update('deployments', object('Deployment', { spec: { replicas: 2 } }), old).metadata['generation']).toBe(4);
  });
});
