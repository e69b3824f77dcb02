/**
 * `kubearch run` on scripts of etcdctl commands (src/cli/fixtures/etcdctl/*.sh), end to end:
 * the transcript must show the revisions, versions, values, counts and errors a real etcd 3.4
 * gives for the same script (derived from the reference, part A, and etcdctl 3.4's sources).
 *
 * Revisions: the runner hands a script a booted cluster, whose components have already written
 * their objects to etcd (about 150 revisions for seed 1), and they go on writing whenever the
 * simulated clock moves (`sleep`; a `watch` waits etcd's delivery delay). etcdctl commands take no
 * simulated time, so between two clock moves the store changes only through the script: every
 * revision the script sees is a fresh etcd's revision plus a constant offset, the revisions the
 * cluster used before it. So the fixtures write revisions as {{rev N}} (N = what a fresh etcd
 * 3.4 would say), the test learns the offset from a run with the same seed (a run is a function
 * of its seed) and substitutes it, and every expected number below is `rev(N)` of etcd's own.
 * Revisions the cluster takes while a script sleeps (lease.sh) are checked as relations: both
 * lease deletions share one revision, newer than the script's puts. The lease id is learnt the
 * same way as the offset.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const HEADER = (rev: number) => `{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":${rev},"raft_term":2}`;

function runScript(script: string, seed = 1): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(['run', '--seed', String(seed), 'script.sh'], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: () => script,
  });
  return { code, stdout, stderr };
}

/** The store revision a script starts at with this seed: the booted cluster's own writes. */
function startRevision(seed = 1): number {
  const out = runScript('etcdctl get /probe -w json\n', seed).stdout.split('\n')[1] ?? '';
  return (JSON.parse(out) as { header: { revision: number } }).header.revision;
}

/** Revision N of a fresh etcd, as the script sees it. */
const OFFSET = startRevision() - 1;
const rev = (n: number) => n + OFFSET;

/** A fixture with its {{rev N}} filled in. */
function fixture(name: string): string {
  const text = readFileSync(new URL(`./fixtures/etcdctl/${name}`, import.meta.url), 'utf8');
  return text.replace(/\{\{rev (\d+)\}\}/g, (_, n: string) => String(rev(Number(n))));
}

/** Transcript lines: "$ command", what it printed, "[exit N]" when it failed; each part ends in a newline. */
function transcript(...parts: string[]): string {
  return parts.map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join('');
}

describe('kubearch run: etcdctl scripts as a real etcd 3.4 answers them', () => {
  it('kv-basics.sh: revisions, versions, history reads, limits, tombstones and generations', () => {
    const r = runScript(fixture('kv-basics.sh'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      transcript(
        '$ etcdctl get foo -w json',
        `{"header":${HEADER(rev(1))}}`,
        '$ etcdctl put foo bar\nOK',
        '$ etcdctl put foo baz\nOK',
        '$ etcdctl put foo2 x\nOK',
        '$ etcdctl get foo -w json',
        `{"header":${HEADER(rev(4))},"kvs":[{"key":"Zm9v","create_revision":${rev(2)},"mod_revision":${rev(3)},"version":2,"value":"YmF6"}],"count":1}`,
        `$ etcdctl get foo --rev=${rev(2)}\nfoo\nbar`,
        '$ etcdctl get foo --prefix --limit=1 -w json',
        `{"header":${HEADER(rev(4))},"kvs":[{"key":"Zm9v","create_revision":${rev(2)},"mod_revision":${rev(3)},"version":2,"value":"YmF6"}],"more":true,"count":2}`,
        '$ etcdctl get foo --prefix --keys-only\nfoo\n\nfoo2\n\n',
        '$ etcdctl get foo --from-key --print-value-only\nbaz\nx',
        '$ etcdctl del missing\n0',
        '$ etcdctl del foo --prev-kv\n1\nfoo\nbaz',
        `$ etcdctl get foo --rev=${rev(5)}`,
        '$ etcdctl put foo again\nOK',
        '$ etcdctl get foo -w json',
        `{"header":${HEADER(rev(6))},"kvs":[{"key":"Zm9v","create_revision":${rev(6)},"mod_revision":${rev(6)},"version":1,"value":"YWdhaW4="}],"count":1}`,
        '$ etcdctl get foo --prefix --count-only -w fields',
        `"ClusterID" : 14841639068965178418\n"MemberID" : 10276657743932975437\n"Revision" : ${rev(6)}\n"RaftTerm" : 2\n"More" : false\n"Count" : 2`,
      ),
    );
  });

  it('txn-compaction.sh: one revision per txn, no-op txns, duplicate keys, the compaction boundary, a cancelled watch', () => {
    const r = runScript(fixture('txn-compaction.sh'));
    expect(r.code).toBe(5);
    expect(r.stdout).toBe(
      transcript(
        '$ etcdctl put k1 v1\nOK',
        '$ etcdctl txn -w json <<EOF',
        `{"header":${HEADER(rev(3))},"succeeded":true,"responses":[{"Response":{"response_put":{"header":{"revision":${rev(3)}}}}},{"Response":{"response_put":{"header":{"revision":${rev(3)}}}}}]}`,
        '$ etcdctl txn <<EOF\nFAILURE\n\nk1\nv1',
        '$ etcdctl txn <<EOF\nFAILURE\n\nOK',
        '$ etcdctl txn <<EOF\n[exit 1]',
        '$ etcdctl get k1 -w json',
        `{"header":${HEADER(rev(4))},"kvs":[{"key":"azE=","create_revision":${rev(2)},"mod_revision":${rev(4)},"version":2,"value":"djFi"}],"count":1}`,
        `$ etcdctl compaction ${rev(3)}\ncompacted revision ${rev(3)}`,
        `$ etcdctl get k1 --rev=${rev(3)}\nk1\nv1`,
        `$ etcdctl get k1 --rev=${rev(2)}\n[exit 1]`,
        `$ etcdctl compact ${rev(3)}\n[exit 1]`,
        `$ etcdctl compact ${rev(10)}\n[exit 1]`,
        `$ etcdctl get k1 --rev=${rev(10)}\n[exit 1]`,
        `$ etcdctl watch k1 --rev=${rev(3)} --prev-kv\nPUT\nk1\nv1\nk1\nv1b`,
        `$ etcdctl watch k1 --rev=${rev(2)}\n[exit 5]`,
      ),
    );
    expect(r.stderr).toBe(
      [
        'Error: etcdserver: duplicate key given in txn request',
        'Error: etcdserver: mvcc: required revision has been compacted',
        'Error: etcdserver: mvcc: required revision has been compacted',
        'Error: etcdserver: mvcc: required revision is a future revision',
        'Error: etcdserver: mvcc: required revision is a future revision',
        'watch was canceled (etcdserver: mvcc: required revision has been compacted)',
        'Error: watch is canceled by the server',
        '',
      ].join('\n'),
    );
  });

  it('lease.sh: keys go when their lease expires on the simulated clock, a keep-alive postpones it', () => {
    const id = /^lease ([0-9a-f]{16}) granted/m.exec(runScript('etcdctl lease grant 10\n').stdout)?.[1];
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    const r = runScript(fixture('lease.sh').replaceAll('LEASE', id as string));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Error: failed to revoke lease (etcdserver: requested lease not found)\n');
    const [head, json] = r.stdout.split(/(?<=\$ etcdctl watch --prefix \/lab --rev=\d+ -w json\n)/);
    expect(head).toBe(
      transcript(
        `$ etcdctl lease grant 10\nlease ${id} granted with TTL(10s)`,
        `$ etcdctl put /lab/a 1 --lease=${id}\nOK`,
        `$ etcdctl put /lab/b 2 --lease=${id}\nOK`,
        '$ etcdctl put /lab/c 3\nOK',
        `$ etcdctl lease timetolive ${id} --keys\nlease ${id} granted with TTL(10s), remaining(10s), attached keys([/lab/a /lab/b])`,
        '$ sleep 5s',
        `$ etcdctl lease keep-alive --once ${id}\nlease ${id} keepalived with TTL(10)`,
        // 14 s after the grant, but only 9 s after the keep-alive: still there.
        '$ sleep 9s',
        '$ etcdctl get /lab --prefix\n/lab/a\n1\n/lab/b\n2\n/lab/c\n3',
        '$ sleep 2s',
        '$ etcdctl get /lab --prefix\n/lab/c\n3',
        `$ etcdctl lease timetolive ${id}\nlease ${id} already expired`,
        `$ etcdctl lease revoke ${id}\n[exit 1]`,
        `$ etcdctl watch --prefix /lab --rev=${rev(2)}\nPUT\n/lab/a\n1\nPUT\n/lab/b\n2\nPUT\n/lab/c\n3\nDELETE\n/lab/a\n\nDELETE\n/lab/b\n\n`,
        `$ etcdctl watch --prefix /lab --rev=${rev(5)} -w json`,
      ),
    );
    const replay = JSON.parse(json ?? '') as { Events: { type?: number; kv: { key: string; mod_revision: number; create_revision?: number } }[] };
    expect(replay.Events.map((e) => [e.type, Buffer.from(e.kv.key, 'base64').toString(), e.kv.create_revision])).toEqual([
      [1, '/lab/a', undefined],
      [1, '/lab/b', undefined],
    ]);
    const [a, b] = replay.Events.map((e) => e.kv.mod_revision);
    expect(a).toBe(b);
    expect(a).toBeGreaterThan(rev(4));
  });
});
