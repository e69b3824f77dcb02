/**
 * kube-apiserver's connection to etcd: each call crosses the simulated network to etcd, runs
 * there, and its answer crosses back, so the page sees apiserver <-> etcd traffic and every
 * storage operation takes virtual time. Only the apiserver holds one of these (DESIGN.md:
 * only the apiserver talks to etcd).
 */
import type { Etcd } from '../../etcd';
import type { Network } from '../../network/network';
import { APISERVER } from '../../api/http';

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

// Re-exported so the apiserver's own modules keep one place for both addresses.
export { APISERVER };
export const ETCD = 'etcd';

export class EtcdTransport {
  constructor(
    readonly etcd: Etcd,
    private readonly network: Network,
  ) {}

  call<T>(label: string, op: (etcd: Etcd) => T, done: (result: Result<T>) => void, requestId?: string): void {
    this.network.send(
      APISERVER,
      ETCD,
      'etcd',
      label,
      () => {
        let result: Result<T>;
        try {
          result = { ok: true, value: op(this.etcd) };
        } catch (error) {
          result = { ok: false, error };
        }
        this.network.send(ETCD, APISERVER, 'etcd', result.ok ? `${label}: ok` : `${label}: error`, () => done(result), requestId);
      },
      requestId,
    );
  }
}
