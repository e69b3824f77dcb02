import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube-object';
import { decodeObject, DecodeError, defaultObject } from './index';
import { defaultPullPolicy } from './pod';
import { makeService } from '../../testing/builders';

type Json = Record<string, unknown>;
const vectors = JSON.parse(readFileSync('reference/vectors/validation.json', 'utf8')) as { defaults_applied_before_validation: Json };
const expected = vectors.defaults_applied_before_validation;

const podOf = (spec: Json): KubeObject => defaultObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec });
const specOf = (o: KubeObject): Json => o['spec'] as Json;

describe('pod defaults (reference/vectors/validation.json defaults_applied_before_validation)', () => {
  const pod = podOf({ containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] });
  const spec = specOf(pod);
  const container = (spec['containers'] as Json[])[0] as Json;
  // The vector's priority and preemptionPolicy are applied before validation too, but by the
  // Priority admission plugin, not by defaulting (SetDefaults_PodSpec sets neither): a default here
  // made a pod naming a PriorityClass fail admission. admission/plugins/priority tests them.
  it('leaves priority and preemptionPolicy to the Priority admission plugin', () => {
    expect(spec['priority']).toBeUndefined();
    expect(spec['preemptionPolicy']).toBeUndefined();
    expect(expected['priority']).toBe(0);
  });
  it.each(['restartPolicy', 'dnsPolicy', 'schedulerName', 'terminationGracePeriodSeconds', 'securityContext', 'enableServiceLinks'])(
    'spec.%s',
    (field) => expect(spec[field]).toEqual(expected[field]),
  );
  it('container fields', () => {
    expect(container['terminationMessagePath']).toBe(expected['container.terminationMessagePath']);
    expect(container['terminationMessagePolicy']).toBe(expected['container.terminationMessagePolicy']);
    expect((container['ports'] as Json[])[0]).toEqual({ containerPort: 80, protocol: expected['ports.protocol'] });
    expect(container['resources']).toEqual({});
  });
  it('keeps what the user set', () => {
    const custom = specOf(podOf({ restartPolicy: 'Never', terminationGracePeriodSeconds: 5, containers: [{ name: 'c', image: 'x', imagePullPolicy: 'Never' }] }));
    expect(custom['restartPolicy']).toBe('Never');
    expect(custom['terminationGracePeriodSeconds']).toBe(5);
    expect(((custom['containers'] as Json[])[0] as Json)['imagePullPolicy']).toBe('Never');
  });
  it('requests default to limits', () => {
    const c = ((specOf(podOf({ containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '1' } } }] }))['containers'] as Json[])[0] as Json);
    expect(c['resources']).toEqual({ limits: { cpu: '1' }, requests: { cpu: '1' } });
  });
});

describe('imagePullPolicy', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry.local:5000/team/app', 'Always'],
    ['registry.local:5000/team/app:v2', 'IfNotPresent'],
    ['nginx@sha256:abcd', 'IfNotPresent'],
  ])('%s -> %s', (image, policy) => expect(defaultPullPolicy(image)).toBe(policy));
});

describe('service defaults', () => {
  it('ClusterIP, None, TCP, targetPort = port, Cluster, SingleStack', () => {
    const svc = defaultObject(makeService({ name: 's', namespace: 'default', selector: { app: 'web' }, ports: [{ port: 80 }] }));
    expect(specOf(svc)).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });
  it('NodePort gets externalTrafficPolicy Cluster', () => {
    const svc = defaultObject(makeService({ name: 's', namespace: 'default', spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] } }));
    expect(specOf(svc)['externalTrafficPolicy']).toBe('Cluster');
    expect((specOf(svc)['ports'] as Json[])[0]).toEqual({ port: 80, targetPort: 'http', protocol: 'TCP' });
  });
});

describe('workload defaults', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
  it('deployment', () => {
    const d = specOf(defaultObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template } }));
    expect(d['replicas']).toBe(1);
    expect(d['strategy']).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(d['revisionHistoryLimit']).toBe(10);
    expect(d['progressDeadlineSeconds']).toBe(600);
    const podSpec = (d['template'] as Json)['spec'] as Json;
    expect(podSpec['restartPolicy']).toBe('Always');
    expect(podSpec['priority']).toBeUndefined();
    expect(((podSpec['containers'] as Json[])[0] as Json)['imagePullPolicy']).toBe('Always');
  });
  it('statefulset, daemonset, job', () => {
    const sts = specOf(defaultObject({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's', namespace: 'default' }, spec: { template } }));
    expect(sts['podManagementPolicy']).toBe('OrderedReady');
    expect(sts['updateStrategy']).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    const ds = specOf(defaultObject({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd', namespace: 'default' }, spec: { template } }));
    expect(ds['updateStrategy']).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    const job = specOf(defaultObject({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'default' }, spec: { template } }));
    expect([job['completions'], job['parallelism'], job['backoffLimit'], job['completionMode'], job['suspend']]).toEqual([1, 1, 6, 'NonIndexed', false]);
  });
});

describe('other defaults', () => {
  it('a namespace is labelled with its name', () => {
    const ns = defaultObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
  });
  it('rolebinding apiGroups', () => {
    const rb = defaultObject({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b', namespace: 'default' },
      roleRef: { kind: 'Role', name: 'r' },
      subjects: [{ kind: 'User', name: 'alice' }, { kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
    });
    expect(rb['roleRef']).toEqual({ kind: 'Role', name: 'r', apiGroup: 'rbac.authorization.k8s.io' });
    expect((rb['subjects'] as Json[]).map((s) => s['apiGroup'])).toEqual(['rbac.authorization.k8s.io', '']);
  });
});

describe('decoding', () => {
  it('writes quantities in canonical form', () => {
    const pod = decodeObject({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '0.5', memory: '1024Mi' }, limits: { cpu: 1 } } }] },
    });
    expect(((specOf(pod)['containers'] as Json[])[0] as Json)['resources']).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1' } });
  });
  it('rejects a bad quantity', () => {
    expect(() => decodeObject({ apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [{ resources: { limits: { cpu: '1 core' } } }] } })).toThrow(
      new DecodeError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
    );
  });
  it('folds stringData into data', () => {
    const s = decodeObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'eA==' }, stringData: { b: 'héllo' } });
    expect(s['data']).toEqual({ a: 'eA==', b: 'aMOpbGxv' });
    expect(s['stringData']).toBeUndefined();
  });
});
