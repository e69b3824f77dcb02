/**
 * `etcdctl watch` through the shell. The real command streams until interrupted; in the shell it
 * opens the watch, waits the moment etcd takes to deliver, prints what arrived (the replay from
 * --rev; nothing for a watch from now) and returns. Output as printer_simple.go / printer_json.go
 * print a clientv3.WatchResponse, and watch_command.go's lines when the server cancels the watch.
 */
import { describe, expect, it } from 'vitest';
import { etcdctlShell, failed, header, kvJson, ok } from './test-helpers';

/** /t/a put twice, /t/b put, /t/a deleted: revisions rev0+1 .. rev0+4; /u put at rev0+5. */
function withHistory() {
  const sh = etcdctlShell();
  for (const cmd of ['put /t/a 1', 'put /t/a 2', 'put /t/b x', 'del /t/a', 'put /u y']) sh.run(`etcdctl ${cmd}`);
  return sh;
}

describe('etcdctl watch', () => {
  it('--rev replays a key\'s history: PUT lines with key and value, DELETE with the key and an empty value', () => {
    const { run, rev0 } = withHistory();
    expect(run(`etcdctl watch /t/a --rev=${rev0 + 1}`)).toEqual(ok('PUT\n/t/a\n1\nPUT\n/t/a\n2\nDELETE\n/t/a\n\n'));
  });

  it('--rev starts at that revision, not before it', () => {
    const { run, rev0 } = withHistory();
    expect(run(`etcdctl watch /t/a --rev=${rev0 + 2}`)).toEqual(ok('PUT\n/t/a\n2\nDELETE\n/t/a\n\n'));
  });

  it('--prefix watches every key under the prefix, in revision order', () => {
    const { run, rev0 } = withHistory();
    expect(run(`etcdctl watch --prefix /t/ --rev=${rev0 + 1}`)).toEqual(ok('PUT\n/t/a\n1\nPUT\n/t/a\n2\nPUT\n/t/b\nx\nDELETE\n/t/a\n\n'));
  });

  it('a range_end argument watches [key, range_end)', () => {
    const { run, rev0 } = withHistory();
    expect(run(`etcdctl watch /t/b /v --rev=${rev0 + 1}`)).toEqual(ok('PUT\n/t/b\nx\nPUT\n/u\ny\n'));
  });

  it('--prev-kv prints the previous pair before an update or a delete, never before a create', () => {
    const { run, rev0 } = withHistory();
    expect(run(`etcdctl watch /t/a --rev=${rev0 + 1} --prev-kv`)).toEqual(ok('PUT\n/t/a\n1\nPUT\n/t/a\n1\n/t/a\n2\nDELETE\n/t/a\n2\n/t/a\n\n'));
  });

  it('a watch from now prints nothing in a script and exits 0', () => {
    const { run } = withHistory();
    expect(run('etcdctl watch /t/a')).toEqual(ok(''));
  });

  it('-w json prints the clientv3 WatchResponse: Go field names, PUT type left out, DELETE as 1, prev_kv', () => {
    const { run, rev0 } = withHistory();
    const out = run(`etcdctl watch /t/a --rev=${rev0 + 2} --prev-kv -w json`);
    expect(out.exitCode).toBe(0);
    // The replay's header carries the store revision when it was sent.
    const revision = (JSON.parse(out.stdout) as { Header: { revision: number } }).Header.revision;
    expect(revision).toBeGreaterThanOrEqual(rev0 + 5);
    expect(out.stdout).toBe(
      `{"Header":${header(revision)},"Events":[` +
        `{"kv":${kvJson('/t/a', '2', rev0 + 1, rev0 + 2, 2)},"prev_kv":${kvJson('/t/a', '1', rev0 + 1, rev0 + 1, 1)}},` +
        `{"type":1,"kv":{"key":"L3QvYQ==","mod_revision":${rev0 + 4}},"prev_kv":${kvJson('/t/a', '2', rev0 + 1, rev0 + 2, 2)}}],` +
        `"CompactRevision":0,"Canceled":false,"Created":false}\n`,
    );
  });

  it('a txn\'s writes arrive together, in operation order, at one revision', () => {
    const { run, rev0 } = etcdctlShell();
    run('etcdctl txn <<EOF\n\nput /t/y 1\nput /t/x 2\n\n\nEOF');
    const out = JSON.parse(run(`etcdctl watch --prefix /t/ --rev=${rev0 + 1} -w json`).stdout) as { Events: { kv: { key: string; mod_revision: number } }[] };
    expect(out.Events.map((e) => [Buffer.from(e.kv.key, 'base64').toString(), e.kv.mod_revision])).toEqual([
      ['/t/y', rev0 + 1],
      ['/t/x', rev0 + 1],
    ]);
  });

  it('from a compacted revision the server cancels it: etcdctl says why, then exits 5', () => {
    const { run, rev0 } = withHistory();
    expect(run(`etcdctl compaction ${rev0 + 3}`)).toEqual(ok(`compacted revision ${rev0 + 3}\n`));
    expect(run(`etcdctl watch /t/a --rev=${rev0 + 2}`)).toEqual({
      exitCode: 5,
      stdout: '',
      stderr: 'watch was canceled (etcdserver: mvcc: required revision has been compacted)\nError: watch is canceled by the server\n',
    });
    // From the compact revision itself is still allowed.
    expect(run(`etcdctl watch /t/a --rev=${rev0 + 3}`)).toEqual(ok('DELETE\n/t/a\n\n'));
  });

  it('a cancelled watch in JSON shows CompactRevision and Canceled', () => {
    const { run, rev0 } = withHistory();
    run(`etcdctl compaction ${rev0 + 3}`);
    expect(run(`etcdctl watch /t/a --rev=${rev0 + 1} -w json`)).toEqual({
      exitCode: 5,
      // v3rpc fills the header's ids; the cancel's revision is 0, so json.Marshal leaves it out.
      stdout: `{"Header":{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"raft_term":2},"Events":null,"CompactRevision":${rev0 + 3},"Canceled":true,"Created":false}\n`,
      stderr: 'watch was canceled (etcdserver: mvcc: required revision has been compacted)\nError: watch is canceled by the server\n',
    });
  });

  it('rejects bad arguments (exit 128)', () => {
    const { run } = etcdctlShell();
    expect(run('etcdctl watch')).toEqual(failed(128, 'bad number of arguments'));
    expect(run('etcdctl watch /t /u --prefix')).toEqual(failed(128, '`range_end` and `--prefix` are mutually exclusive'));
  });
});
