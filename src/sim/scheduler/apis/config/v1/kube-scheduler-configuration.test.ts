/**
 * KubeSchedulerConfiguration v1 as kube-scheduler reads it: defaults, the multiPoint/score merge,
 * upstream's validation messages; and a running scheduler restarted with a new configuration
 * (a second profile, which pods then choose with spec.schedulerName).
 */
import { describe, expect, it } from 'vitest';
import { Cluster, call, userClient } from '../../../../testing/test-cluster';
import { makePod } from '../../../../testing/builders';
import { newInTreeRegistry } from '../../../plugins/registry';
import type { KubeSchedulerComponent } from '../../../kube-scheduler-component';
import { decodeKubeSchedulerConfiguration, type KubeSchedulerConfiguration } from './kube-scheduler-configuration';

const known = new Set(Object.keys(newInTreeRegistry()));
const doc = (rest: object) => ({ apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', ...rest });
const decoded = (rest: object): KubeSchedulerConfiguration => {
  const r = decodeKubeSchedulerConfiguration(doc(rest), known);
  if ('errors' in r) throw new Error(r.errors.join('\n'));
  return r.config;
};
const errorsOf = (d: unknown) => {
  const r = decodeKubeSchedulerConfiguration(d, known);
  return 'errors' in r ? r.errors : [];
};

describe('KubeSchedulerConfiguration v1', () => {
  it('defaults to one default-scheduler profile with the 18 default plugins and 1 s / 10 s back-off', () => {
    const config = decoded({});
    expect(config.podInitialBackoffSeconds).toBe(1);
    expect(config.podMaxBackoffSeconds).toBe(10);
    expect(config.profiles.map((p) => p.schedulerName)).toEqual(['default-scheduler']);
    expect(config.profiles[0]?.plugins).toHaveLength(18);
  });

  it('merges multiPoint as upstream: disabled drops a default, enabled sets a weight or appends', () => {
    const config = decoded({
      profiles: [{ plugins: { multiPoint: { enabled: [{ name: 'ImageLocality', weight: 5 }, { name: 'PodCount', weight: 1 }], disabled: [{ name: 'NodeResourcesBalancedAllocation' }] } } }],
    });
    const plugins = config.profiles[0]?.plugins ?? [];
    expect(plugins.find((p) => p.name === 'ImageLocality')).toEqual({ name: 'ImageLocality', weight: 5 });
    expect(plugins.some((p) => p.name === 'NodeResourcesBalancedAllocation')).toBe(false);
    expect(plugins.at(-1)).toEqual({ name: 'PodCount', weight: 1 });
  });

  it('refuses what kube-scheduler refuses, with its messages', () => {
    expect(errorsOf({ apiVersion: 'kubescheduler.config.k8s.io/v1beta3', kind: 'KubeSchedulerConfiguration' })).toEqual([
      'no kind "KubeSchedulerConfiguration" is registered for version "kubescheduler.config.k8s.io/v1beta3" in scheme "pkg/scheduler/apis/config/scheme/scheme.go:30"',
    ]);
    expect(errorsOf(doc({ profiles: [{}, { schedulerName: 'default-scheduler' }] }))).toEqual(['profiles[1].schedulerName: Duplicate value: "default-scheduler"']);
    expect(errorsOf(doc({ percentageOfNodesToScore: 110 }))).toEqual(['percentageOfNodesToScore: Invalid value: 110: not in valid range [0-100]']);
    expect(errorsOf(doc({ podInitialBackoffSeconds: 5, podMaxBackoffSeconds: 2 }))).toEqual(['podMaxBackoffSeconds: Invalid value: 2: must be greater than or equal to PodInitialBackoffSeconds']);
    expect(errorsOf(doc({ profiles: [{ plugins: { multiPoint: { enabled: [{ name: 'Nope' }] } } }] }))).toEqual([
      'profiles[0]: couldn\'t create scheduler: initializing profiles: creating profile for scheduler name default-scheduler: plugin "Nope" does not exist',
    ]);
    expect(errorsOf(doc({ profiles: [{ plugins: { filter: { disabled: [{ name: 'NodePorts' }] } } }] }))[0]).toMatch(/^profiles\[0\]\.plugins\.filter: Invalid value: kubearch simulates plugins set through multiPoint and score only/);
  });

  it('restarts the running kube-scheduler with a new configuration: a new identity takes the Lease, the new profile schedules', () => {
    const cluster = new Cluster({ seed: 1 });
    cluster.engine.runUntil(3_000);
    const admin = userClient(cluster);
    const leaseOf = () => (call(cluster, admin, 'GET', '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler').body as { spec: { holderIdentity: string; leaseTransitions: number } }).spec;
    const before = leaseOf();
    const component = cluster.components.find((c) => c.kind === 'kube-scheduler') as KubeSchedulerComponent;
    component.reconfigure(decoded({ profiles: [{}, { schedulerName: 'fewest-pods', plugins: { score: { disabled: [{ name: '*' }], enabled: [{ name: 'PodCount' }] } } }] }));
    cluster.engine.runUntil(6_000);
    const after = leaseOf();
    expect(after.holderIdentity).not.toBe(before.holderIdentity);
    expect(after.leaseTransitions).toBe(1);
    expect(cluster.scheduler?.profileNames()).toEqual(['default-scheduler', 'fewest-pods']);
    const pod = makePod({ name: 'p', spec: { schedulerName: 'fewest-pods' } });
    expect(call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body: pod }).code).toBe(201);
    cluster.engine.runUntil(8_000);
    expect(call(cluster, admin, 'GET', '/api/v1/namespaces/default/pods/p').body).toMatchObject({ spec: { nodeName: expect.stringMatching(/^node-\d$/) } });
  });
});
