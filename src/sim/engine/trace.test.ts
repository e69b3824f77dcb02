import { describe, expect, it } from 'vitest';
import { Engine, MessageLabel, Trace } from '.';

describe('MessageLabel', () => {
  it('reads as the joined text, and the trace hashes it as that text', () => {
    const label = new MessageLabel('kube-apiserver', 'request', 'kubelet/node-1', 'PATCH pods/web-1/status');
    expect(String(label)).toBe('kube-apiserver: receive request from kubelet/node-1: PATCH pods/web-1/status');
    const parts = new Trace(4);
    const text = new Trace(4);
    parts.record(1, 2.5, label);
    text.record(1, 2.5, String(label));
    expect(parts.digest()).toBe(text.digest());
    expect(parts.tail()).toEqual(text.tail());
    // A different part is a different hash.
    const other = new Trace(4);
    other.record(1, 2.5, new MessageLabel('kube-apiserver', 'request', 'kubelet/node-2', 'PATCH pods/web-1/status'));
    expect(other.digest()).not.toBe(parts.digest());
  });

  it('is what step, nextEvent and the trace give back as text', () => {
    const engine = new Engine();
    engine.schedule(1, new MessageLabel('etcd', 'etcd', 'kube-apiserver', 'txn put /registry/x'), () => undefined);
    expect(engine.nextEvent()?.label).toBe('etcd: receive etcd from kube-apiserver: txn put /registry/x');
    expect(engine.step()?.label).toBe('etcd: receive etcd from kube-apiserver: txn put /registry/x');
    expect(engine.trace.format(1)).toContain('etcd: receive etcd from kube-apiserver: txn put /registry/x');
  });
});
