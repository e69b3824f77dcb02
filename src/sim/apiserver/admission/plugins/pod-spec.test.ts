import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/kube-object';
import { admissionAttributes, fakeAdmissionContext, podObject } from './fake-admission-context';
import { defaultTolerationSeconds } from './default-toleration-seconds/admission';
import { priority } from './priority/admission';
import { serviceAccount } from './service-account/admission';
import { clonePodSpec, withPodSpecFields } from './pod-spec';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const pod = (): KubeObject =>
  podObject('web', [{ name: 'app', resources: { requests: { cpu: '10m' } }, volumeMounts: [{ name: 'data', mountPath: '/data' }] }], {
    volumes: [{ name: 'data', emptyDir: {} }],
    tolerations: [{ key: 'k', operator: 'Exists' }],
  });

describe('the copies mutating pod plugins make', () => {
  const context = () =>
    fakeAdmissionContext({
      serviceaccounts: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } }],
      priorityclasses: [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'low' }, value: 5, globalDefault: true }],
    });

  it.each([
    ['ServiceAccount', serviceAccount()],
    ['Priority', priority()],
    ['DefaultTolerationSeconds', defaultTolerationSeconds()],
  ])('%s never writes into the pod it is given', (_, plugin) => {
    const given = deepFreeze(pod());
    const before = JSON.stringify(given);
    const admitted = plugin.admit?.(admissionAttributes('CREATE', 'pods', given), context());
    expect(admitted).toBeDefined();
    expect(admitted).not.toBe(given);
    expect(JSON.stringify(given)).toBe(before);
  });

  it('Priority sets the class, the priority and the policy, a new field after the spec\'s others', () => {
    const admitted = priority().admit?.(admissionAttributes('CREATE', 'pods', deepFreeze(pod())), context());
    const spec = admitted?.['spec'] as Record<string, unknown>;
    expect(Object.keys(spec)).toEqual(['containers', 'volumes', 'tolerations', 'priorityClassName', 'priority', 'preemptionPolicy']);
    expect([spec['priorityClassName'], spec['priority'], spec['preemptionPolicy']]).toEqual(['low', 5, 'PreemptLowerPriority']);
  });

  it('clonePodSpec copies the pod, its spec and its containers, and shares the rest', () => {
    const given = pod();
    const copy = clonePodSpec(given);
    const spec = given['spec'] as { containers: Record<string, unknown>[] };
    expect(copy).toEqual(given);
    expect(copy.spec).not.toBe(spec);
    expect(copy.spec.containers?.[0]).not.toBe(spec.containers[0]);
    expect(copy.metadata).toBe(given.metadata);
    expect(copy.spec.containers?.[0]?.resources).toBe(spec.containers[0]?.['resources']);
  });

  it('withPodSpecFields replaces a field in place and adds a new one at the end', () => {
    const changed = withPodSpecFields(pod(), { tolerations: [], priority: 1 });
    expect(Object.keys(changed.spec ?? {})).toEqual(['containers', 'volumes', 'tolerations', 'priority']);
    expect(changed.spec?.tolerations).toEqual([]);
  });
});
