/**
 * etcd's end-to-end etcdctl tests (etcd-io/etcd tests/e2e/ctl_v3_*_test.go, as at v3.4), ported
 * onto the shell: the same commands and the same expectations, checked the way the e2e framework's
 * SpawnWithExpects checks them (each expected string found on a line of the output, in order).
 * Adapted, and said so at each place: the simulated etcd is the cluster's own, so it already
 * holds the apiserver's /registry keys and its revisions run ahead of a fresh etcd's by the
 * cluster's writes (`--rev N` becomes N plus that offset); cases that would delete every key
 * (`del "" --prefix`) would delete the cluster and are left out.
 */
import { bootedCluster } from '../../sim/cluster';
import { Shell } from '../shell';
import type { AssertionResult } from './test-cmd';

export class EtcdCtl {
  readonly results: AssertionResult[] = [];
  private readonly shell = new Shell(bootedCluster({ seed: 1 }), { interactive: false });
  /** The revisions the cluster wrote before the test began: a fresh etcd's revision 1 is this plus 1. */
  readonly offset: number;
  private where = '';

  constructor() {
    const probe = this.run('etcdctl get /e2e-probe -w json');
    this.offset = (JSON.parse(probe.stdout) as { header: { revision: number } }).header.revision - 1;
  }

  at(where: string): this {
    this.where = where;
    return this;
  }

  run(line: string): { exitCode: number; stdout: string; stderr: string } {
    const outcome = this.shell.run(line);
    if (outcome.kind !== 'ran') throw new Error(`not run: ${line}`);
    const entry = outcome.entries[outcome.entries.length - 1];
    if (!entry) throw new Error(`nothing ran: ${line}`);
    return entry;
  }

  /** A fresh etcd's revision N, in this cluster's etcd. */
  rev(n: number): number {
    return n + this.offset;
  }

  /** testutils.SpawnWithExpects: each of `expects` on a line of the output, in order. */
  spawnWithExpects(args: string, ...expects: string[]): boolean {
    const r = this.run(`etcdctl ${args}`);
    const lines = `${r.stdout}${r.stderr}`.split('\n');
    let at = 0;
    const missing: string[] = [];
    for (const want of expects) {
      const found = lines.findIndex((l, i) => i >= at && l.includes(want));
      if (found < 0) {
        missing.push(want);
        continue;
      }
      at = found + 1;
    }
    const ok = missing.length === 0;
    this.results.push({ where: this.where, what: `etcdctl ${args} expects ${JSON.stringify(expects)}`, ok, ...(ok ? {} : { got: `${r.stdout}${r.stderr}` }) });
    return ok;
  }

  /** The other way round: a line the output must not have (require.NotContains). */
  notContains(args: string, unwanted: string): boolean {
    const r = this.run(`etcdctl ${args}`);
    const ok = !`${r.stdout}${r.stderr}`.split('\n').includes(unwanted);
    this.results.push({ where: this.where, what: `etcdctl ${args} has no line ${JSON.stringify(unwanted)}`, ok, ...(ok ? {} : { got: r.stdout }) });
    return ok;
  }

  /** ctlV3Put: `put KEY VALUE [--lease ID] [flags]` prints OK. */
  put(key: string, value: string, leaseID = '', ...flags: string[]): boolean {
    const skipValue = flags.includes('--ignore-value');
    const skipLease = flags.includes('--ignore-lease');
    const args = ['put', q(key), ...(skipValue ? [] : [q(value)]), ...(leaseID && !skipLease ? ['--lease', leaseID] : []), ...flags];
    return this.spawnWithExpects(args.join(' '), 'OK');
  }

  /** ctlV3Get: the keys and values, in order. */
  get(args: readonly string[], ...kvs: readonly [string, string][]): boolean {
    return this.spawnWithExpects(['get', ...args.map(q)].join(' '), ...kvs.flatMap(([k, v]) => [k, v]));
  }

  /** ctlV3Del: the number deleted. */
  del(args: readonly string[], num: number): boolean {
    return this.spawnWithExpects(['del', ...args.map(q)].join(' '), String(num));
  }

  /** ctlV3LeaseGrant: `lease ID granted with TTL(Ns)`, and the ID. */
  leaseGrant(ttl: number): string {
    const r = this.run(`etcdctl lease grant ${ttl}`);
    const id = /^lease ([0-9a-f]+) granted with TTL\((\d+)s\)$/m.exec(r.stdout)?.[1] ?? '';
    this.results.push({ where: this.where, what: `etcdctl lease grant ${ttl}`, ok: id !== '', ...(id ? {} : { got: r.stdout + r.stderr }) });
    return id;
  }

  /** ctlV3LeaseRevoke: `lease ID revoked`. */
  leaseRevoke(id: string): boolean {
    return this.spawnWithExpects(`lease revoke ${id}`, `lease ${id} revoked`);
  }
}

/** Quote a word for the shell (the empty key is a word too). */
function q(word: string): string {
  return /^[A-Za-z0-9_./=:-]+$/.test(word) ? word : `'${word}'`;
}

type Kv = [string, string];

/** ctl_v3_kv_test.go: putTest, putTestIgnoreValue, putTestIgnoreLease, getTest, getFormatTest, getRevTest, getKeysOnlyTest, getCountOnlyTest, delTest. */
export const KV_TESTS: Readonly<Record<string, (cx: EtcdCtl) => void>> = {
  putTest(cx) {
    cx.put('foo', 'bar');
    cx.get(['foo'], ['foo', 'bar']);
  },
  putTestIgnoreValue(cx) {
    cx.put('foo', 'bar');
    cx.get(['foo'], ['foo', 'bar']);
    cx.put('foo', '', '', '--ignore-value');
    cx.get(['foo'], ['foo', 'bar']);
  },
  putTestIgnoreLease(cx) {
    const leaseID = cx.leaseGrant(10);
    cx.put('foo', 'bar', leaseID);
    cx.get(['foo'], ['foo', 'bar']);
    cx.put('foo', 'bar1', '', '--ignore-lease');
    cx.get(['foo'], ['foo', 'bar1']);
    cx.leaseRevoke(leaseID);
    cx.get(['key']);
  },
  getTest(cx) {
    const kvs: Kv[] = [['key1', 'val1'], ['key2', 'val2'], ['key3', 'val3']];
    const revkvs: Kv[] = [['key3', 'val3'], ['key2', 'val2'], ['key1', 'val1']];
    for (const [k, v] of kvs) cx.put(k, v);
    cx.get(['key1'], ['key1', 'val1']);
    // `get "" --prefix` and `--from-key`: every key, the cluster's /registry ones first; the
    // e2e expectations are still found, in order.
    cx.get(['', '--prefix'], ...kvs);
    cx.get(['', '--from-key'], ...kvs);
    cx.get(['key', '--prefix'], ...kvs);
    cx.get(['key', '--prefix', '--limit=2'], ...kvs.slice(0, 2));
    cx.get(['key', '--prefix', '--order=ASCEND', '--sort-by=MODIFY'], ...kvs);
    cx.get(['key', '--prefix', '--order=ASCEND', '--sort-by=VERSION'], ...kvs);
    cx.get(['key', '--prefix', '--sort-by=CREATE'], ...kvs);
    cx.get(['key', '--prefix', '--order=DESCEND', '--sort-by=CREATE'], ...revkvs);
    cx.get(['key', '--prefix', '--order=DESCEND', '--sort-by=KEY'], ...revkvs);
  },
  getFormatTest(cx) {
    cx.put('abc', '123');
    cx.spawnWithExpects('get --write-out=simple abc', 'abc');
    cx.spawnWithExpects('get --write-out=simple --print-value-only abc', '123');
    cx.spawnWithExpects('get --write-out=json abc', '"kvs":[{"key":"YWJj"');
    // The protobuf case expects etcd's binary encoding, which the simulator does not write.
  },
  getRevTest(cx) {
    const kvs: Kv[] = [['key', 'val1'], ['key', 'val2'], ['key', 'val3']];
    for (const [k, v] of kvs) cx.put(k, v);
    cx.get(['key', '--rev', String(cx.rev(2))], ...kvs.slice(0, 1));
    cx.get(['key', '--rev', String(cx.rev(3))], ...kvs.slice(1, 2));
    cx.get(['key', '--rev', String(cx.rev(4))], ...kvs.slice(2));
  },
  getKeysOnlyTest(cx) {
    cx.put('key', 'val');
    cx.spawnWithExpects('get --keys-only key', 'key');
    cx.notContains('get --keys-only key', 'val');
  },
  getCountOnlyTest(cx) {
    cx.spawnWithExpects('get --count-only key --prefix --write-out=fields', '"Count" : 0');
    cx.put('key', 'val');
    cx.spawnWithExpects('get --count-only key --prefix --write-out=fields', '"Count" : 1');
    cx.put('key1', 'val');
    cx.put('key1', 'val');
    cx.spawnWithExpects('get --count-only key --prefix --write-out=fields', '"Count" : 2');
    cx.put('key2', 'val');
    cx.spawnWithExpects('get --count-only key --prefix --write-out=fields', '"Count" : 3');
    cx.notContains('get --count-only key3 --prefix --write-out=fields', '"Count" : 3');
  },
  delTest(cx) {
    // The first two cases delete every key (`"" --prefix`, `"" --from-key`): the cluster's too.
    const cases: [Kv[], string[], number][] = [
      [[['this', 'value']], ['that'], 0],
      [[['sample', 'value']], ['sample'], 1],
      [[['key1', 'val1'], ['key2', 'val2'], ['key3', 'val3']], ['key', '--prefix'], 3],
      [[['zoo1', 'bar'], ['zoo2', 'bar2'], ['zoo3', 'bar3']], ['zoo1', '--from-key'], 3],
    ];
    for (const [puts, args, num] of cases) {
      for (const [k, v] of puts) cx.put(k, v);
      cx.del(args, num);
    }
  },
};

/** ctl_v3_watch_test.go's cases that run a command per event (watchTest with execOutput). */
export const WATCH_TESTS: Readonly<Record<string, (cx: EtcdCtl) => void>> = {
  watchTestExec(cx) {
    const cases = [
      'sample --rev 1 -- echo watch event received',
      '--rev 1 sample -- echo watch event received',
      'sample samplx --rev 1 -- echo watch event received',
      '--rev 1 sample samplx -- echo watch event received',
      'sample --rev 1 samplx -- echo watch event received',
    ];
    cx.put('sample', 'value');
    // --rev 1 replays from a fresh etcd's first revision: here, from before the cluster's writes.
    for (const args of cases) cx.spawnWithExpects(`watch ${args}`, 'sample', 'value', 'watch event received');
  },
};
