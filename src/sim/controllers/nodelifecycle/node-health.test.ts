/** tryUpdateNodeHealth as upstream's table cases: heartbeat, Lease renewal, grace periods, never-posted nodes. */
import { describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { simulatedTimestamp } from '../../api/time';
import { tryUpdateNodeHealth } from './node-health';
import { NODE_LIFECYCLE_DEFAULTS } from './node-lifecycle-controller';

const t = (s: number) => simulatedTimestamp(s * 1000);
function node(heartbeat: number | undefined): Node {
  const c = (type: string, status: string) => ({ type, status, reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: t(heartbeat ?? 0), lastTransitionTime: t(0) });
  return {
    metadata: { name: 'node-1', creationTimestamp: t(0) },
    status: { conditions: heartbeat === undefined ? [] : [c('MemoryPressure', 'False'), c('DiskPressure', 'False'), c('PIDPressure', 'False'), c('Ready', 'True')] },
  };
}
const lease = (renew: number): Lease => ({ metadata: { name: 'node-1' }, spec: { renewTime: `${t(renew).replace('Z', '')}.000000Z` } });

describe('tryUpdateNodeHealth', () => {
  it('first sight: probe time is now; within the 50 s grace nothing changes', () => {
    const first = tryUpdateNodeHealth(node(0), undefined, lease(0), 1_000, NODE_LIFECYCLE_DEFAULTS);
    expect(first.update).toBeUndefined();
    expect(first.health.probeTimestamp).toBe(1_000);
    const later = tryUpdateNodeHealth(node(0), first.health, lease(0), 51_000, NODE_LIFECYCLE_DEFAULTS);
    expect(later.update).toBeUndefined();
    expect(later.currentReady?.status).toBe('True');
  });

  it('a renewed Lease moves the probe time although the status is old', () => {
    const first = tryUpdateNodeHealth(node(0), undefined, lease(0), 1_000, NODE_LIFECYCLE_DEFAULTS);
    const renewed = tryUpdateNodeHealth(node(0), first.health, lease(40), 45_000, NODE_LIFECYCLE_DEFAULTS);
    expect(renewed.health.probeTimestamp).toBe(45_000);
    expect(tryUpdateNodeHealth(node(0), renewed.health, lease(40), 95_000, NODE_LIFECYCLE_DEFAULTS).update).toBeUndefined();
  });

  it('silent for more than 50 s: Ready, MemoryPressure, DiskPressure, PIDPressure go Unknown, NodeStatusUnknown', () => {
    const first = tryUpdateNodeHealth(node(0), undefined, lease(0), 1_000, NODE_LIFECYCLE_DEFAULTS);
    expect(tryUpdateNodeHealth(node(0), first.health, lease(0), 51_000, NODE_LIFECYCLE_DEFAULTS).update).toBeUndefined();
    const r = tryUpdateNodeHealth(node(0), first.health, lease(0), 51_001, NODE_LIFECYCLE_DEFAULTS);
    expect(r.observedReady.status).toBe('True');
    expect(r.currentReady).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: t(51) });
    expect(r.update?.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual(['MemoryPressure=Unknown', 'DiskPressure=Unknown', 'PIDPressure=Unknown', 'Ready=Unknown']);
    // Already Unknown: nothing more to write.
    expect(tryUpdateNodeHealth(r.update as Node, r.health, lease(0), 60_000, NODE_LIFECYCLE_DEFAULTS).update).toBeUndefined();
  });

  it('a node that never posted status gets the 60 s startup grace, then NodeStatusNeverUpdated', () => {
    const first = tryUpdateNodeHealth(node(undefined), undefined, undefined, 1_000, NODE_LIFECYCLE_DEFAULTS);
    expect(first.observedReady).toMatchObject({ status: 'Unknown', lastHeartbeatTime: t(0) });
    expect(tryUpdateNodeHealth(node(undefined), first.health, undefined, 59_000, NODE_LIFECYCLE_DEFAULTS).update).toBeUndefined();
    const r = tryUpdateNodeHealth(node(undefined), first.health, undefined, 61_001, NODE_LIFECYCLE_DEFAULTS);
    expect(r.update?.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
  });
});
