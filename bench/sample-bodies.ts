/**
 * The request bodies the create-path benchmarks send: a pod as the ReplicaSet controller writes
 * one (generateName, the pod-template-hash label, an owner reference, requests) and an Event as
 * the kubelet's event recorder writes one. Made afresh on each call, as a writer makes them.
 */

export function replicaSetPod(): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: 'web-7d4b9c8f6d-',
      namespace: 'default',
      labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f6d', uid: '0b7c3c1e-3f1a-4c55-9a0e-8d6f2f3b1a11', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
    },
  };
}

/** The i-th Event about pod `web-7d4b9c8f6d-<i>`, named as client-go names it (`<pod>.<unix nanos in hex>`). */
export function kubeletEvent(i: number): Record<string, unknown> {
  const name = `web-7d4b9c8f6d-${i.toString(36).padStart(5, 'a')}`;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${name}.${(0x1800000000000000 + i).toString(16)}`, namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name, uid: '0b7c3c1e-3f1a-4c55-9a0e-8d6f2f3b1a12', apiVersion: 'v1', resourceVersion: '1234', fieldPath: 'spec.containers{web}' },
    reason: 'Pulled',
    message: 'Container image "nginx:1.27" already present on machine',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: '2026-01-01T00:00:10Z',
    lastTimestamp: '2026-01-01T00:00:10Z',
    count: 1,
    type: 'Normal',
    eventTime: null,
    reportingComponent: 'kubelet',
    reportingInstance: 'node-1',
  };
}
