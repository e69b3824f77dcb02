/** The TTL-after-finished controller: a finished Job with ttlSecondsAfterFinished goes that long after it finished, with its pods. */
import { describe, expect, it } from 'vitest';
import { call } from '../../testing/test-cluster';
import { harness, PODS_PATH } from '../../testing/workloads';

const JOBS_PATH = '/apis/batch/v1/namespaces/default/jobs';

const job = (name: string, ttl?: number) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default' },
  spec: { ...(ttl !== undefined ? { ttlSecondsAfterFinished: ttl } : {}), template: { spec: { containers: [{ name, image: 'busybox', command: ['true'] }], restartPolicy: 'Never' } } },
});

describe('TTL-after-finished controller', () => {
  it('deletes a finished Job and its pods ttlSecondsAfterFinished later, and leaves a Job without a TTL', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', JOBS_PATH, { body: job('short', 30) });
    call(h.cluster, h.admin, 'POST', JOBS_PATH, { body: job('kept') });
    h.run(15_000);
    expect(h.list(JOBS_PATH)).toHaveLength(2);
    h.run(60_000);
    expect(h.list<{ metadata: { name: string } }>(JOBS_PATH).map((j) => j.metadata.name)).toEqual(['kept']);
    expect(h.list<{ metadata: { name: string } }>(PODS_PATH).map((p) => p.metadata.name)).toEqual([expect.stringMatching(/^kept-/)]);
    const deletes = h.cluster.apiserver.audit.recent(5000).filter((r) => r.verb === 'delete' && r.objectRef?.resource === 'jobs');
    expect(deletes.map((r) => r.user?.name)).toEqual(['system:serviceaccount:kube-system:ttl-after-finished-controller']);
  });
});
