/**
 * A StatefulSet's pod identities and status arithmetic: ordinals parsed from names, the pod made
 * for an ordinal, and the counts with completeRollingUpdate.
 */
import { describe, expect, it } from 'vitest';
import type { PodView } from '../controller-utils/types';
import { newStatefulSetPod, ordinalOf } from './stateful-pod';
import { computeStatus, serializeStatus } from './stateful-set-status';
import type { StatefulSetView } from './types';

const set = (spec: Partial<StatefulSetView['spec']> = {}): StatefulSetView => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default', uid: 'u1', generation: 2 },
  spec: { replicas: 2, serviceName: 'nginx', template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }, ...spec },
});

const ready = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
const pod = (name: string, revision: string, status: PodView['status'] = ready): PodView => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { 'controller-revision-hash': revision } }, status });

describe('StatefulSet pod identity', () => {
  it('parses ordinals only from <set>-<n>', () => {
    expect(ordinalOf(set(), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-12' } })).toBe(12);
    expect(ordinalOf(set(), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-x' } })).toBe(-1);
    expect(ordinalOf(set(), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'webby-1' } })).toBe(-1);
    expect(ordinalOf(set(), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1-2' } })).toBe(-1);
  });

  it('makes web-1 with its labels, hostname, subdomain, owner and claim volumes', () => {
    const s = set({ volumeClaimTemplates: [{ metadata: { name: 'www' } }] });
    const p = newStatefulSetPod(s, s.spec.template ?? {}, 'web-abc', 1);
    expect(p.metadata.name).toBe('web-1');
    expect(p.metadata.generateName).toBeUndefined();
    expect(p.metadata.labels).toEqual({ app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1', 'controller-revision-hash': 'web-abc' });
    expect(p['spec']).toMatchObject({ hostname: 'web-1', subdomain: 'nginx', volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } }] });
    expect(p.metadata['ownerReferences']).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true, blockOwnerDeletion: true }]);
  });
});

describe('StatefulSet status', () => {
  it('counts current and updated revisions, and keeps the current revision while the roll is unfinished', () => {
    const s = computeStatus(set(), [pod('web-0', 'old'), pod('web-1', 'new', { phase: 'Pending' })], 'old', 'new', 0, 0);
    expect(serializeStatus(s)).toEqual({ replicas: 2, availableReplicas: 1, observedGeneration: 2, readyReplicas: 1, currentReplicas: 1, updatedReplicas: 1, currentRevision: 'old', updateRevision: 'new', collisionCount: 0 });
  });

  it('completes a rolling update once every pod is updated and ready: the update revision becomes current', () => {
    const s = computeStatus(set(), [pod('web-0', 'new'), pod('web-1', 'new')], 'old', 'new', 0, 0);
    expect(s).toMatchObject({ currentRevision: 'new', currentReplicas: 2, updatedReplicas: 2 });
    // OnDelete never completes one by itself.
    const onDelete = computeStatus(set({ updateStrategy: { type: 'OnDelete' } }), [pod('web-0', 'new'), pod('web-1', 'new')], 'old', 'new', 0, 0);
    expect(onDelete).toMatchObject({ currentRevision: 'old', currentReplicas: 0 });
  });
});
