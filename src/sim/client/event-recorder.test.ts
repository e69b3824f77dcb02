import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/kube-object';
import { EventRecorder } from './event-recorder';
import { makeConfigMap } from '../testing/builders';
import { call, startedCluster, userClient } from '../testing/test-cluster';

interface CoreEvent extends KubeObject {
  reason: string;
  message: string;
  count: number;
  type: string;
  involvedObject: { kind: string; name: string; namespace: string; uid: string };
  source: { component: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
}

describe('EventRecorder (client-go tools/record)', () => {
  it('creates an Event about the object, named <object>.<16 hex>, and counts repeats within 10 minutes', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const subject = call(cluster, admin, 'POST', '/api/v1/namespaces/default/configmaps', { body: makeConfigMap('subject') }).body as KubeObject;
    const recorder = new EventRecorder(cluster.engine, cluster.client('kube-controller-manager', { clientCertificate: { commonName: 'system:kube-controller-manager', organizations: [] } }, 'kube-controller-manager'), 'test-controller', 'node-1');

    recorder.event(subject, 'Warning', 'Failed', 'could not do it');
    cluster.engine.runUntil(cluster.engine.now() + 60_000);
    recorder.event(subject, 'Warning', 'Failed', 'could not do it');
    cluster.engine.runUntil(cluster.engine.now() + 60_000);
    recorder.event(subject, 'Normal', 'Done', 'did it');
    cluster.engine.runUntil(cluster.engine.now() + 11 * 60_000);
    recorder.event(subject, 'Warning', 'Failed', 'could not do it');
    cluster.engine.runUntil(cluster.engine.now() + 1_000);

    const list = call(cluster, admin, 'GET', '/api/v1/namespaces/default/events').body as { items: CoreEvent[] };
    const about = list.items.filter((e) => e.involvedObject.name === 'subject');
    const failed = about.filter((e) => e.reason === 'Failed').sort((a, b) => a.firstTimestamp.localeCompare(b.firstTimestamp));
    expect(failed.map((e) => e.count)).toEqual([2, 1]);
    const first = failed[0] as CoreEvent;
    expect(first.metadata.name).toMatch(/^subject\.[0-9a-f]{16}$/);
    expect(first.involvedObject).toMatchObject({ kind: 'ConfigMap', name: 'subject', namespace: 'default', uid: subject.metadata.uid });
    expect(first.source).toEqual({ component: 'test-controller', host: 'node-1' });
    expect(first.type).toBe('Warning');
    expect(first.lastTimestamp > first.firstTimestamp).toBe(true);
    expect(about.filter((e) => e.reason === 'Done').map((e) => [e.type, e.message, e.count])).toEqual([['Normal', 'did it', 1]]);
  });

  it('combines the 10th and later messages of one reason about one object, and drops what passes the spam burst of 25', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const subject = call(cluster, admin, 'POST', '/api/v1/namespaces/default/configmaps', { body: makeConfigMap('busy') }).body as KubeObject;
    const recorder = new EventRecorder(cluster.engine, cluster.client('kube-controller-manager', { clientCertificate: { commonName: 'system:kube-controller-manager', organizations: [] } }, 'kube-controller-manager'), 'replicaset-controller');
    for (let i = 0; i < 30; i++) recorder.event(subject, 'Normal', 'SuccessfulCreate', `Created pod: busy-${i}`);
    cluster.engine.runUntil(cluster.engine.now() + 5_000);
    const list = call(cluster, admin, 'GET', '/api/v1/namespaces/default/events').body as { items: CoreEvent[] };
    const about = list.items.filter((e) => e.involvedObject.name === 'busy');
    const plain = about.filter((e) => !e.message.startsWith('(combined'));
    expect(plain.map((e) => e.message).sort()).toEqual(Array.from({ length: 9 }, (_, i) => `Created pod: busy-${i}`).sort());
    const combined = about.filter((e) => e.message.startsWith('(combined'));
    expect(combined).toHaveLength(1);
    // 25 passed the spam filter: 9 plain, 16 into the combined Event (the last one it saw).
    expect(combined[0]?.count).toBe(16);
    expect(combined[0]?.message).toBe('(combined from similar events): Created pod: busy-24');
  });
});
