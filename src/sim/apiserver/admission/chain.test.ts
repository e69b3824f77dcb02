import { describe, expect, it } from 'vitest';
import type { AuditStage } from '../audit/audit-event';
import { AdmissionChain } from './chain';
import { defaultAdmissionPlugins } from './plugins';
import { admissionAttributes, fakeAdmissionContext, podObject } from './plugins/fake-admission-context';

const context = () =>
  fakeAdmissionContext({
    namespaces: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' }, status: { phase: 'Active' } }],
    serviceaccounts: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } }],
    limitranges: [
      { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: 'default' }, spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '100m' } }] } },
    ],
  });

describe('AdmissionChain', () => {
  it('runs the mutating plugins in order (PodSecurity and ResourceQuota only validate), each stage saying what it changed, and never changes an object a plugin was given', () => {
    const chain = new AdmissionChain(defaultAdmissionPlugins(), context());
    const pod = podObject('web', [{ name: 'app', resources: { limits: { memory: '64Mi' } } }], { initContainers: [{ name: 'init', image: 'busybox' }] });
    const before = structuredClone(pod);
    const stages: AuditStage[] = [];
    const admitted = chain.admit(admissionAttributes('CREATE', 'pods', pod), stages);
    expect(pod).toEqual(before);
    // The details are worked out only now, after every plugin ran: a plugin writing into the
    // object an earlier one returned would show up here as a wrong account of that earlier one.
    expect(stages.map((s) => [s.name, s.outcome, s.detail])).toEqual([
      ['admission: NamespaceLifecycle (mutating)', 'passed', undefined],
      ['admission: LimitRanger (mutating)', 'mutated', 'changed metadata.annotations, spec.containers, spec.initContainers'],
      ['admission: ServiceAccount (mutating)', 'mutated', 'changed spec.containers, spec.initContainers, spec.serviceAccountName, spec.serviceAccount, spec.volumes'],
      ['admission: TaintNodesByCondition (mutating)', 'passed', undefined],
      ['admission: Priority (mutating)', 'mutated', 'changed spec.priority, spec.preemptionPolicy'],
      ['admission: DefaultTolerationSeconds (mutating)', 'mutated', 'changed spec.tolerations'],
    ]);
    const spec = admitted?.['spec'] as { containers: { resources: unknown; volumeMounts: unknown[] }[]; tolerations: unknown[] };
    expect(spec.containers[0]?.resources).toEqual({ limits: { memory: '64Mi' }, requests: { cpu: '100m' } });
    expect(spec.containers[0]?.volumeMounts).toHaveLength(1);
    expect(spec.tolerations).toHaveLength(2);
  });

  it('skips a plugin that is turned off and says so', () => {
    const chain = new AdmissionChain(defaultAdmissionPlugins(), context());
    chain.setEnabled('DefaultTolerationSeconds', false);
    const stages: AuditStage[] = [];
    const admitted = chain.admit(admissionAttributes('CREATE', 'pods', podObject('web', [{ name: 'app' }])), stages);
    expect(stages.find((s) => s.name.includes('DefaultTolerationSeconds'))).toMatchObject({ outcome: 'skipped', detail: 'turned off' });
    expect((admitted?.['spec'] as { tolerations?: unknown }).tolerations).toBeUndefined();
    expect(() => chain.setEnabled('NoSuchPlugin', false)).toThrow('unknown admission plugin NoSuchPlugin');
  });
});
