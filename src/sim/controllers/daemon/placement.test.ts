/**
 * The DaemonSet controller's pure decisions: which nodes run a daemon (NodeShouldRunDaemonPod),
 * the node affinity that pins a pod, and which old pods a rolling update takes down.
 */
import { describe, expect, it } from 'vitest';
import type { V1Node } from '../../scheduler/framework/v1';
import type { PodView } from '../controller-utils/types';
import { replaceNodeNameNodeAffinity, targetNodeName } from './daemon-pod';
import { nodeShouldRunDaemonPod } from './node-should-run';
import { maxUnavailable, oldPodsToDelete } from './rolling-update';
import type { DaemonSetView } from './types';

const node = (name: string, labels: Record<string, string> = {}, taints: V1Node['spec'] extends infer S ? (S extends { taints?: infer T } ? T : never) : never = []): V1Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: { taints } });

function ds(podSpec: Record<string, unknown> = {}, spec: Partial<DaemonSetView['spec']> = {}): DaemonSetView {
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd', namespace: 'default' }, spec: { template: { metadata: { labels: { app: 'd' } }, spec: podSpec }, ...spec } };
}

describe('nodeShouldRunDaemonPod', () => {
  it('runs on an untainted node and refuses one whose labels miss the nodeSelector', () => {
    expect(nodeShouldRunDaemonPod(node('a'), ds())).toEqual({ shouldRun: true, shouldContinueRunning: true });
    expect(nodeShouldRunDaemonPod(node('a'), ds({ nodeSelector: { disk: 'ssd' } }))).toEqual({ shouldRun: false, shouldContinueRunning: false });
    expect(nodeShouldRunDaemonPod(node('a', { disk: 'ssd' }), ds({ nodeSelector: { disk: 'ssd' } })).shouldRun).toBe(true);
  });

  it('honours required node affinity and a template nodeName', () => {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } };
    expect(nodeShouldRunDaemonPod(node('n', { zone: 'b' }), ds({ affinity })).shouldRun).toBe(false);
    expect(nodeShouldRunDaemonPod(node('n', { zone: 'a' }), ds({ affinity })).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(node('other'), ds({ nodeName: 'n' }))).toEqual({ shouldRun: false, shouldContinueRunning: false });
  });

  it('tolerates the node-problem taints it adds, but not the control plane taint unless the template does', () => {
    for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) expect(nodeShouldRunDaemonPod(node('n', {}, [{ key, effect: 'NoExecute' }]), ds()).shouldRun).toBe(true);
    for (const key of ['node.kubernetes.io/disk-pressure', 'node.kubernetes.io/memory-pressure', 'node.kubernetes.io/pid-pressure', 'node.kubernetes.io/unschedulable']) expect(nodeShouldRunDaemonPod(node('n', {}, [{ key, effect: 'NoSchedule' }]), ds()).shouldRun).toBe(true);
    const networkDown = node('n', {}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]);
    expect(nodeShouldRunDaemonPod(networkDown, ds()).shouldRun).toBe(false);
    expect(nodeShouldRunDaemonPod(networkDown, ds({ hostNetwork: true })).shouldRun).toBe(true);
    const controlPlane = node('cp', {}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(nodeShouldRunDaemonPod(controlPlane, ds())).toEqual({ shouldRun: false, shouldContinueRunning: true });
    expect(nodeShouldRunDaemonPod(controlPlane, ds({ tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] })).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(node('n', {}, [{ key: 'x', effect: 'NoExecute' }]), ds())).toEqual({ shouldRun: false, shouldContinueRunning: false });
    // A PreferNoSchedule taint never keeps a daemon off.
    expect(nodeShouldRunDaemonPod(node('n', {}, [{ key: 'x', effect: 'PreferNoSchedule' }]), ds()).shouldRun).toBe(true);
  });
});

describe('replaceNodeNameNodeAffinity', () => {
  it('adds a matchFields term, or replaces the field requirements of each existing term keeping its expressions', () => {
    expect(replaceNodeNameNodeAffinity(undefined, 'n1')).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } } });
    const existing = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['old'] }] }] } } };
    const got = replaceNodeNameNodeAffinity(existing, 'n1');
    expect(got.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }]);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { affinity: got } } as PodView;
    expect(targetNodeName(pod)).toBe('n1');
  });
});

describe('rolling update', () => {
  const ready = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-01-01T00:00:00Z' }] };
  const pod = (name: string, hash: string, status: PodView['status'] = ready): PodView => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { 'controller-revision-hash': hash }, creationTimestamp: '2024-01-01T00:00:00Z' }, spec: { nodeName: name }, status });

  it('resolves maxUnavailable as an int or a percentage rounded up, 1 by default', () => {
    expect(maxUnavailable(ds(), 10)).toBe(1);
    expect(maxUnavailable(ds({}, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%' } } }), 10)).toBe(3);
    expect(maxUnavailable(ds({}, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }), 10)).toBe(1);
  });

  it('takes down old available pods only up to maxUnavailable, counting nodes already unavailable', () => {
    const nodes = new Map([
      ['a', [pod('a', 'old')]],
      ['b', [pod('b', 'old')]],
      ['c', [pod('c', 'old')]],
    ]);
    expect(oldPodsToDelete(ds(), nodes, 3, 'new', undefined, Date.parse('2024-01-02'))).toEqual(['a']);
    const two = ds({}, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } } });
    expect(oldPodsToDelete(two, nodes, 3, 'new', undefined, Date.parse('2024-01-02'))).toEqual(['a', 'b']);
    // A new pod not yet ready uses the one unavailability allowed: no old pod goes.
    nodes.set('a', [pod('a', 'new', { phase: 'Pending' })]);
    expect(oldPodsToDelete(ds(), nodes, 3, 'new', undefined, Date.parse('2024-01-02'))).toEqual([]);
  });

  it('replaces an old pod that is not available at once, whatever the budget', () => {
    const nodes = new Map([
      ['a', [pod('a', 'new', { phase: 'Pending' })]],
      ['b', [pod('b', 'old', { phase: 'Pending' })]],
      ['c', [pod('c', 'old')]],
    ]);
    expect(oldPodsToDelete(ds(), nodes, 3, 'new', undefined, Date.parse('2024-01-02'))).toEqual(['b']);
  });
});
