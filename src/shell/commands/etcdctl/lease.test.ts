/**
 * `etcdctl lease grant|revoke|timetolive|list|keep-alive` through the shell, with keys deleted
 * when their lease expires on the simulated clock (`sleep` moves it). Output as printer_simple.go
 * and printer_json.go print clientv3's lease responses; errors as lease_command.go wraps them.
 *
 * The cluster's own components write while the clock moves, so after a `sleep` revisions are
 * checked relative to one another (the watch replay) rather than as absolute numbers.
 */
import { describe, expect, it } from 'vitest';
import { etcdctlShell, failed, grantedLease, header, ok } from './test-helpers';

function withLease(ttl = 10) {
  const sh = etcdctlShell();
  const grant = sh.run(`etcdctl lease grant ${ttl}`);
  expect(grant.exitCode).toBe(0);
  return { ...sh, id: grantedLease(grant.stdout) };
}

describe('etcdctl lease', () => {
  it('grant prints the id as 16 hex digits and the TTL, and does not bump the revision', () => {
    const { run, rev0, rev } = etcdctlShell();
    expect(run('etcdctl lease grant 10').stdout).toMatch(/^lease [0-9a-f]{16} granted with TTL\(10s\)\n$/);
    expect(rev()).toBe(rev0);
  });

  it('grant in JSON has the header fields at the top level, then ID, TTL and Error', () => {
    const { run, rev0 } = etcdctlShell();
    const out = run('etcdctl lease grant 30 -w json');
    const id = (JSON.parse(out.stdout) as { ID: number }).ID;
    const exactId = /"ID":(\d+)/.exec(out.stdout)?.[1];
    expect(out).toEqual(ok(`${header(rev0).slice(0, -1)},"ID":${exactId},"TTL":30,"Error":""}\n`));
    expect(id).toBeGreaterThan(0);
  });

  it('keys put with --lease are listed by timetolive --keys and deleted together, in one revision, when it expires', () => {
    const { run, rev0, id } = withLease(10);
    expect(run(`etcdctl put /t/a 1 --lease=${id}`)).toEqual(ok('OK\n'));
    expect(run(`etcdctl put --lease ${id} /t/b 2`)).toEqual(ok('OK\n'));
    expect(run(`etcdctl lease timetolive ${id} --keys`)).toEqual(ok(`lease ${id} granted with TTL(10s), remaining(10s), attached keys([/t/a /t/b])\n`));
    expect(run(`etcdctl get /t/a -w json`).stdout).toContain(`"lease":${BigInt(`0x${id}`)}`);
    run('sleep 9s');
    expect(run('etcdctl get /t/ --prefix --keys-only')).toEqual(ok('/t/a\n\n/t/b\n\n'));
    expect(run(`etcdctl lease timetolive ${id}`)).toEqual(ok(`lease ${id} granted with TTL(10s), remaining(1s)\n`));
    run('sleep 2s');
    expect(run('etcdctl get /t/ --prefix')).toEqual(ok(''));
    expect(run(`etcdctl lease timetolive ${id}`)).toEqual(ok(`lease ${id} already expired\n`));
    // Both deletes carry the same revision.
    const replay = JSON.parse(run(`etcdctl watch --prefix /t/ --rev=${rev0 + 3} -w json`).stdout) as { Events: { type?: number; kv: { mod_revision: number } }[] };
    expect(replay.Events).toHaveLength(2);
    expect(replay.Events.map((e) => e.type)).toEqual([1, 1]);
    expect(replay.Events[0]?.kv.mod_revision).toBe(replay.Events[1]?.kv.mod_revision);
  });

  it('keep-alive --once renews the TTL, so the keys outlive the first deadline', () => {
    const { run, id } = withLease(10);
    run(`etcdctl put /t/a 1 --lease=${id}`);
    run('sleep 6s');
    expect(run(`etcdctl lease keep-alive --once ${id}`)).toEqual(ok(`lease ${id} keepalived with TTL(10)\n`));
    run('sleep 6s');
    expect(run('etcdctl get /t/a --print-value-only')).toEqual(ok('1\n'));
    run('sleep 5s');
    expect(run('etcdctl get /t/a')).toEqual(ok(''));
  });

  it('keep-alive without --once sends one keep-alive in a script; on a gone lease it says so', () => {
    const { run, id } = withLease(10);
    expect(run(`etcdctl lease keep-alive ${id}`)).toEqual(ok(`lease ${id} keepalived with TTL(10)\n`));
    run(`etcdctl lease revoke ${id}`);
    expect(run(`etcdctl lease keep-alive ${id}`)).toEqual(ok(`lease ${id} expired or revoked.\n`));
  });

  it('keep-alive --once on a missing lease fails with exit 2', () => {
    const { run } = etcdctlShell();
    expect(run('etcdctl lease keep-alive --once 1234')).toEqual(failed(2, 'etcdserver: requested lease not found'));
  });

  it('revoke deletes the lease\'s keys in one new revision; revoking again fails', () => {
    const { run, rev0, rev, id } = withLease(60);
    run(`etcdctl put /t/a 1 --lease=${id}`);
    run(`etcdctl put /t/b 2 --lease=${id}`);
    expect(run(`etcdctl lease revoke ${id}`)).toEqual(ok(`lease ${id} revoked\n`));
    expect(rev()).toBe(rev0 + 3);
    expect(run('etcdctl get /t/ --prefix')).toEqual(ok(''));
    expect(run(`etcdctl lease revoke ${id}`)).toEqual(failed(1, 'failed to revoke lease (etcdserver: requested lease not found)'));
  });

  it('revoke in JSON is the RPC response: a header', () => {
    const { run, rev0, id } = withLease(60);
    expect(run(`etcdctl lease revoke ${id} -w json`)).toEqual(ok(`{"header":${header(rev0)}}\n`));
  });

  it('list shows the live leases', () => {
    const { run, id } = withLease(60);
    expect(run('etcdctl lease list')).toEqual(ok(`found 1 leases\n${id}\n`));
  });

  it('rejects bad arguments (exit 128)', () => {
    const { run } = etcdctlShell();
    expect(run('etcdctl lease grant')).toEqual(failed(128, 'lease grant command needs TTL argument'));
    expect(run('etcdctl lease grant ten')).toEqual(failed(128, 'bad TTL (strconv.ParseInt: parsing "ten": invalid syntax)'));
    expect(run('etcdctl lease revoke')).toEqual(failed(128, 'lease revoke command needs 1 argument'));
    expect(run('etcdctl lease revoke xyz')).toEqual(failed(128, 'bad lease ID arg (strconv.ParseInt: parsing "xyz": invalid syntax), expecting ID in Hex'));
    expect(run('etcdctl lease keep-alive')).toEqual(failed(128, 'lease keep-alive command needs lease ID as argument'));
  });
});
