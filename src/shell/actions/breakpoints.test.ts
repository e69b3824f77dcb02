/** Breakpoints on the cluster, driven as the shell drives them: hits from etcd, the audit log and the watch caches. */
import { describe, expect, it } from 'vitest';
import { bootedCluster } from '../../sim/cluster';
import { Shell } from '../shell';
import type { BreakpointHit } from '../../sim/breakpoints/breakpoints';

describe('Breakpoints', () => {
  it('records a hit for an etcd write under the prefix, with what was written, and none for other keys', () => {
    const cluster = bootedCluster();
    const bp = cluster.breakpoints.add({ kind: 'etcd-write', prefix: '/registry/pods/' });
    cluster.engine.runFor(5_000);
    expect(cluster.breakpoints.hitPending).toBe(false);
    // The hit happens while kubectl waits for its reply: the shell takes it and reports it after the command.
    const hits: BreakpointHit[] = [];
    const outcome = new Shell(cluster, { onBreakpointHits: (h) => hits.push(...h) }).run('kubectl run web --image=nginx');
    expect(outcome.kind === 'ran' && outcome.entries[0]?.stderr).toMatch(/^kubearch: breakpoint 1 \(etcd-write \/registry\/pods\/\) hit at \S+: PUT \/registry\/pods\/default\/web .*\(during this command, which ran to its end\)\n/);
    expect(hits[0]).toMatchObject({ id: bp.id, what: expect.stringMatching(/^PUT \/registry\/pods\/default\/web \(revision \d+\)$/) });
    expect(bp.hits).toBeGreaterThan(0);
  });

  it('matches watch events by resource and type, requests by user and verb, and a pod entering a phase once', () => {
    const cluster = bootedCluster();
    const { breakpoints } = cluster;
    breakpoints.add({ kind: 'watch-event', resource: 'pods', type: 'ADDED' });
    breakpoints.add({ kind: 'request', user: 'kubernetes-admin', verb: 'create' });
    breakpoints.add({ kind: 'pod-phase', phase: 'Running' });
    const hits: BreakpointHit[] = [];
    new Shell(cluster, { onBreakpointHits: (h) => hits.push(...h) }).run('kubectl run web --image=nginx');
    cluster.engine.runFor(30_000);
    hits.push(...breakpoints.takeHits());
    expect(hits.map((h) => h.id)).toEqual(expect.arrayContaining([1, 2, 3]));
    expect(hits.filter((h) => h.id === 3)).toHaveLength(1);
    expect(hits.find((h) => h.id === 3)?.what).toBe('pod default/web entered phase Running');
    expect(hits.find((h) => h.id === 2)?.what).toMatch(/^create \/api\/v1\/namespaces\/default\/pods\?fieldManager=kubectl-run by kubernetes-admin \(201\)$/);
  });

  it('a one-shot condition fires once and is disarmed; a deleted breakpoint no longer fires', () => {
    const cluster = bootedCluster();
    const { breakpoints } = cluster;
    const bp = breakpoints.add({ kind: 'etcd-write', prefix: '/registry/leases/' });
    expect(breakpoints.delete(bp.id)).toBe(true);
    expect(breakpoints.delete(bp.id)).toBe(false);
    breakpoints.armOnce({ kind: 'etcd-write', prefix: '' });
    cluster.engine.runFor(10_000);
    expect(breakpoints.takeHits()).toHaveLength(1);
    cluster.engine.runFor(10_000);
    expect(breakpoints.hitPending).toBe(false);
  });
});
