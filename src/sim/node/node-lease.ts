/**
 * The kubelet's node heartbeat: it renews the coordination.k8s.io/v1 Lease
 * kube-node-lease/<node> every 10 s (nodeLeaseDurationSeconds 40 × renew fraction 0.25,
 * pkg/kubelet/kubelet.go), which is how the control plane knows the node is alive.
 *
 * Until the apiserver exists the renewals go to the temporary object store; the shape of the
 * Lease is the real one so the watch stream already shows what a real cluster shows.
 */
import type { Engine } from '../engine';
import { simulatedTimestamp } from '../api/time';
import type { TemporaryObjectStore } from '../temporary-store/temporary-object-store';
import type { KubeObject } from '../watch-event';

export const NODE_LEASE_DURATION_SECONDS = 40;
export const NODE_LEASE_RENEW_INTERVAL_MS = NODE_LEASE_DURATION_SECONDS * 0.25 * 1000;

export function nodeLease(nodeName: string, renewMs: number, acquireMs: number): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: nodeName, namespace: 'kube-node-lease' },
    spec: {
      holderIdentity: nodeName,
      leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS,
      acquireTime: microTime(acquireMs),
      renewTime: microTime(renewMs),
    },
  };
}

// Lease times are metav1.MicroTime: RFC 3339 with six fractional digits.
function microTime(ms: number): string {
  return simulatedTimestamp(ms).replace('Z', `.${String(Math.floor(ms % 1000) * 1000).padStart(6, '0')}Z`);
}

/** Start renewing; the first renewal happens at once, as the kubelet does when it registers. */
export function startNodeLeaseHeartbeat(engine: Engine, store: TemporaryObjectStore, nodeName: string, startDelayMs: number): void {
  const acquiredAt = engine.now() + startDelayMs;
  const renew = () => {
    store.apply(nodeLease(nodeName, engine.now(), acquiredAt), 'kube-node-lease');
    engine.schedule(NODE_LEASE_RENEW_INTERVAL_MS, `kubelet/${nodeName}: renew Lease kube-node-lease/${nodeName}`, renew);
  };
  engine.schedule(startDelayMs, `kubelet/${nodeName}: renew Lease kube-node-lease/${nodeName}`, renew);
}
