/**
 * etcd's ctl_v3 e2e expectations (etcd-ctl-v3.ts) played through the shell, each test function on
 * a fresh cluster, as each upstream test gets a fresh etcd. Every expectation must hold; the
 * count printed at the end is the README's.
 */
import { describe, expect, it } from 'vitest';
import { EtcdCtl, KV_TESTS, WATCH_TESTS } from './etcd-ctl-v3';

const counts: { name: string; passed: number; total: number }[] = [];

describe('etcd tests/e2e ctl_v3', () => {
  const all = [
    ...Object.entries(KV_TESTS).map(([fn, run]) => [`ctl_v3_kv_test.go ${fn}`, run] as const),
    ...Object.entries(WATCH_TESTS).map(([fn, run]) => [`ctl_v3_watch_test.go ${fn}`, run] as const),
  ];
  it.each(all)('%s', (name, run) => {
    const cx = new EtcdCtl().at(name);
    run(cx);
    counts.push({ name, passed: cx.results.filter((r) => r.ok).length, total: cx.results.length });
    expect(cx.results.filter((r) => !r.ok).map((r) => `${r.what}\n  got: ${r.got ?? ''}`)).toEqual([]);
  });

  it('counts', () => {
    const passed = counts.reduce((n, c) => n + c.passed, 0);
    const total = counts.reduce((n, c) => n + c.total, 0);
    console.log(`etcd ctl_v3: ${counts.length} test functions, ${passed}/${total} expectations hold`);
    expect(total).toBeGreaterThan(0);
  });
});
