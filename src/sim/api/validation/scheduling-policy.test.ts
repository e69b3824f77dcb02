/**
 * PriorityClass and PodDisruptionBudget validation, with the messages of
 * pkg/apis/scheduling/validation and pkg/apis/policy/validation (v1.32).
 */
import { describe, expect, it } from 'vitest';
import { errorBody } from '../field-errors';
import type { KubeObject } from '../kube-object';
import { validateObject, validateObjectUpdate } from './index';

const pc = (name: string, fields: Record<string, unknown>): KubeObject => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, ...fields });
const pdb = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'b', namespace: 'default' }, spec });
const text = (errors: ReturnType<typeof validateObject>) => errors.map((e) => `${e.field}: ${errorBody(e)}`);

describe('PriorityClass validation', () => {
  it('accepts a user class up to HighestUserDefinablePriority and refuses above it', () => {
    expect(text(validateObject(pc('high', { value: 1000000000 })))).toEqual([]);
    expect(text(validateObject(pc('higher', { value: 1000000001 })))).toEqual(['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']);
  });

  it('reserves the system- prefix for the known system classes with their values', () => {
    expect(text(validateObject(pc('system-mine', { value: 1 })))).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
    ]);
    expect(text(validateObject(pc('system-node-critical', { value: 5 })))).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000",
    ]);
    expect(text(validateObject(pc('system-cluster-critical', { value: 2000000000, globalDefault: true })))).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: globalDefault of system-cluster-critical PriorityClass must be false",
    ]);
    expect(text(validateObject(pc('system-cluster-critical', { value: 2000000000 })))).toEqual([]);
  });

  it('knows the two preemption policies', () => {
    expect(text(validateObject(pc('p', { value: 1, preemptionPolicy: 'Sometimes' })))).toEqual(['preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"']);
    expect(text(validateObject(pc('p', { value: 1, preemptionPolicy: '' })))).toEqual(['preemptionPolicy: Required value']);
  });

  it('keeps value and preemptionPolicy immutable', () => {
    const old = pc('p', { value: 1, preemptionPolicy: 'Never' });
    expect(text(validateObjectUpdate(pc('p', { value: 2, preemptionPolicy: 'PreemptLowerPriority' }), old))).toEqual([
      'value: Forbidden: may not be changed in an update.',
      'preemptionPolicy: Invalid value: "PreemptLowerPriority": field is immutable',
    ]);
  });
});

describe('PodDisruptionBudget validation', () => {
  it('refuses minAvailable and maxUnavailable together', () => {
    const errors = validateObject(pdb({ minAvailable: 1, maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }));
    expect(errors.map((e) => [e.field, e.detail])).toEqual([['spec', 'minAvailable and maxUnavailable cannot be both set']]);
  });

  it('checks the values, the selector and the eviction policy', () => {
    expect(text(validateObject(pdb({ minAvailable: -1 })))).toEqual(['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']);
    expect(text(validateObject(pdb({ maxUnavailable: '120%' })))).toEqual(['spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%']);
    expect(text(validateObject(pdb({ minAvailable: 1, selector: { matchExpressions: [{ key: 'app', operator: 'In' }] } })))).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
    expect(text(validateObject(pdb({ minAvailable: 1, unhealthyPodEvictionPolicy: 'Never' })))).toEqual([
      'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
    ]);
  });
});
