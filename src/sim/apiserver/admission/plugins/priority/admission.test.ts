import { describe, expect, it } from 'vitest';
import { admissionAttributes, fakeAdmissionContext, podObject, rejectionOf } from '../fake-admission-context';
import { priority } from './admission';

const specOf = (pod: unknown) => (pod as { spec: Record<string, unknown> }).spec;

describe('Priority', () => {
  const plugin = priority();
  const admit = (spec: Record<string, unknown>, objects = {}) => plugin.admit?.(admissionAttributes('CREATE', 'pods', podObject('web', [{ name: 'c' }], spec)), fakeAdmissionContext(objects));

  it('gives a pod without a class priority 0 and PreemptLowerPriority', () => {
    const spec = specOf(admit({}));
    expect([spec['priority'], spec['preemptionPolicy'], spec['priorityClassName']]).toEqual([0, 'PreemptLowerPriority', undefined]);
  });

  it('resolves the system classes and a global default class', () => {
    expect(specOf(admit({ priorityClassName: 'system-node-critical' }))['priority']).toBe(2000001000);
    const high = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000, globalDefault: true };
    const spec = specOf(admit({}, { priorityclasses: [high] }));
    expect([spec['priority'], spec['priorityClassName']]).toEqual([1000, 'high']);
  });

  it('forbids unknown classes and priorities that disagree with the class', () => {
    expect(rejectionOf(() => admit({ priorityClassName: 'gold' })).message).toBe('pods "web" is forbidden: no PriorityClass with name gold was found');
    expect(rejectionOf(() => admit({ priority: 5 })).message).toBe(
      'pods "web" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
    expect(rejectionOf(() => admit({ preemptionPolicy: 'Never' })).message).toBe(
      'pods "web" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
    );
  });
});
