/**
 * A machine joining a running cluster (`kubearch node add`): its kubelet gets a certificate from
 * the cluster CA, registers the Node with its labels and taints, renews its Lease, and the
 * topology draws its components; a pod that fit nowhere is scheduled onto it.
 */
import { describe, expect, it } from 'vitest';
import { Cluster, call, userClient } from './testing/test-cluster';
import { makePod } from './testing/builders';

describe('Cluster.addNode', () => {
  it('registers the new Node with its labels and taints, and the topology draws it', () => {
    const cluster = new Cluster({ seed: 1 });
    cluster.engine.runUntil(3_000);
    expect(cluster.addNode({ name: 'gpu-1', cpu: '8', memory: '32Gi', pods: 110, labels: { accelerator: 'gpu' }, taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] })).toBeUndefined();
    cluster.engine.runUntil(6_000);
    const admin = userClient(cluster);
    const node = call(cluster, admin, 'GET', '/api/v1/nodes/gpu-1');
    expect(node.code).toBe(200);
    expect(node.body).toMatchObject({
      metadata: { labels: { accelerator: 'gpu', 'kubernetes.io/hostname': 'gpu-1' } },
      // A machine of the cloud: cloud-controller-manager took its uninitialized taint off and gave it the cloud's addresses.
      spec: { podCIDR: '10.244.4.0/24', providerID: 'kubearch://gpu-1', taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] },
      status: {
        capacity: { cpu: '8', memory: '32Gi' },
        addresses: [
          { type: 'InternalIP', address: '10.0.0.14' },
          { type: 'ExternalIP', address: '198.51.100.14' },
          { type: 'Hostname', address: 'gpu-1' },
        ],
      },
    });
    expect(call(cluster, admin, 'GET', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/gpu-1').code).toBe(200);
    expect(cluster.topology.components.filter((c) => c.host === 'gpu-1').map((c) => `${c.id} ${c.simulated}`)).toEqual(
      expect.arrayContaining(['kubelet/gpu-1 true', 'container-runtime/gpu-1 true']),
    );
    expect(cluster.topology.hosts.map((h) => h.name)).toContain('gpu-1');
  });

  it('schedules a pod that fit nowhere once a big enough node joins', () => {
    const cluster = new Cluster({ seed: 1 });
    cluster.engine.runUntil(3_000);
    const admin = userClient(cluster);
    const pod = makePod({ name: 'big', containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '6' } } }] });
    expect(call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body: pod }).code).toBe(201);
    cluster.engine.runUntil(8_000);
    expect(call(cluster, admin, 'GET', '/api/v1/namespaces/default/pods/big').body).not.toHaveProperty('spec.nodeName');
    cluster.addNode({ name: 'big-1', cpu: '8', memory: '16Gi', pods: 110 });
    cluster.engine.runUntil(20_000);
    expect(call(cluster, admin, 'GET', '/api/v1/namespaces/default/pods/big').body).toMatchObject({ spec: { nodeName: 'big-1' } });
  });

  it('refuses a name that is taken or not a DNS subdomain, and changes nothing', () => {
    const cluster = new Cluster({ seed: 1 });
    expect(cluster.addNode({ name: 'node-1', cpu: '2', memory: '4Gi', pods: 110 })).toBe('node "node-1" already exists');
    expect(cluster.addNode({ name: 'Node_X', cpu: '2', memory: '4Gi', pods: 110 })).toMatch(/^invalid node name "Node_X": a lowercase RFC 1123 subdomain/);
    expect(cluster.nodeNames).toEqual(['node-1', 'node-2', 'node-3']);
  });
});
