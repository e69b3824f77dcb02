/** Shared by the etcd tests: a fresh member on its own engine, and compact views of results. */
import { Engine } from '../engine';
import { Etcd, type EtcdOptions } from './etcd';
import type { KeyValue, WatchResponse } from './types';

export function newEtcd(options: EtcdOptions = {}): { engine: Engine; etcd: Etcd } {
  const engine = new Engine({ seed: 7 });
  return { engine, etcd: new Etcd(engine, { compactor: false, ...options }) };
}

/** key=value@create/mod/version, the four numbers etcdctl -w json shows. */
export function kvText(kv: KeyValue): string {
  return `${kv.key}=${kv.value}@${kv.createRevision}/${kv.modRevision}/${kv.version}`;
}

/** A watch response as "rev: PUT k=v@c/m/v (prev ...), DELETE k@m". */
export function watchText(resp: WatchResponse): string {
  if (resp.canceled) return `canceled compact=${resp.compactRevision} rev=${resp.header.revision}`;
  if (resp.events.length === 0) return `progress rev=${resp.header.revision}`;
  const events = resp.events.map((e) => {
    const kv = e.type === 'DELETE' ? `${e.kv.key}@${e.kv.modRevision}` : kvText(e.kv);
    return `${e.type} ${kv}${e.prevKv ? ` (prev ${kvText(e.prevKv)})` : ''}`;
  });
  return `${resp.header.revision}: ${events.join(', ')}`;
}

/** Collects a watch's responses. */
export function collector(): { texts: string[]; responses: WatchResponse[]; push: (r: WatchResponse) => void } {
  const texts: string[] = [];
  const responses: WatchResponse[] = [];
  return { texts, responses, push: (r) => (responses.push(r), texts.push(watchText(r))) };
}
