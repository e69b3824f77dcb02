/**
 * The kubelet's ConfigMap and Secret managers (pkg/kubelet/configmap, pkg/kubelet/secret on
 * util/manager/watch_based_manager.go, the default `configMapAndSecretChangeDetectionStrategy:
 * Watch`): for every object a pod on the node references, one reflector lists and watches that
 * single object (`fieldSelector=metadata.name=NAME`, which the Node authorizer allows for
 * objects related to the node), so the cache follows creates, updates and deletes. A pod
 * registers its references when it is added or updated and drops them when it is removed; an
 * object no pod references any more stops being watched.
 *
 * get() answers as the manager's Get: the data, or NotFound with the manager's singular group
 * resource (`configmap "x" not found`), or not yet synced (upstream polls up to 1 s; here the
 * caller waits for `onSynced`). Secret data is base64 on the wire and decoded here, as the
 * kubelet's consumers (env, volume files) see it; a ConfigMap's binaryData is decoded the same way.
 * An immutable object is not watched once it has been seen (it cannot change; isImmutable in
 * the manager), which is what makes immutable ConfigMaps and Secrets cheap for the apiserver.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Engine } from '../../engine';
import { findResource } from '../../api/resources';
import type { WatchHandle } from '../../api/watch';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import { base64Decode, utf8Text } from '../../base64';
import { podConfigMapNames, podSecretNames } from './pod-references';

export type ObjectKind = 'configmaps' | 'secrets';

/** What the manager knows of one object. */
export type CachedObject =
  | { readonly state: 'pending' }
  | { readonly state: 'absent' }
  | { readonly state: 'present'; readonly data: Readonly<Record<string, string>>; readonly resourceVersion: string };

const RELIST_BACKOFF_MS = 1000;
const PENDING: CachedObject = { state: 'pending' };

interface Reflector {
  object: CachedObject;
  readonly pods: Set<string>;
  watch: WatchHandle | undefined;
  /** Bumped when the reflector stops: answers to its requests are then ignored. */
  epoch: number;
}

/** The manager's error for an object that is not there (apierrors.NewNotFound with the singular resource). */
export function notFoundMessage(kind: ObjectKind, name: string): string {
  return `${kind === 'configmaps' ? 'configmap' : 'secret'} "${name}" not found`;
}

function decode(kind: ObjectKind, body: { data?: Record<string, string>; binaryData?: Record<string, string> }): Record<string, string> {
  const text = (v: string) => utf8Text(base64Decode(v) ?? new Uint8Array());
  if (kind === 'secrets') return Object.fromEntries(Object.entries(body.data ?? {}).map(([k, v]) => [k, text(v)]));
  return { ...(body.data ?? {}), ...Object.fromEntries(Object.entries(body.binaryData ?? {}).map(([k, v]) => [k, text(v)])) };
}

export class ObjectManager {
  private readonly reflectors = new Map<string, Reflector>();
  /** pod uid -> the keys (namespace/name) it references. */
  private readonly podRefs = new Map<string, readonly string[]>();
  private running = true;

  constructor(
    private readonly engine: Engine,
    private readonly client: RestClient,
    readonly kind: ObjectKind,
    /** An object's first answer arrived: the pods waiting on it can go on. */
    private readonly onSynced: (podUids: readonly string[]) => void,
  ) {}

  /** RegisterPod: watch what the pod references, stop watching what it no longer does. */
  registerPod(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    const ns = pod.metadata?.namespace ?? 'default';
    const names = this.kind === 'configmaps' ? podConfigMapNames(pod) : podSecretNames(pod);
    // Nothing referenced now nor before: nothing to watch or release (most pods, on every update).
    if (names.length === 0 && !this.podRefs.has(uid)) return;
    const keys = [...new Set(names)].map((n) => `${ns}/${n}`);
    const old = this.podRefs.get(uid) ?? [];
    if (keys.length) this.podRefs.set(uid, keys);
    else this.podRefs.delete(uid);
    for (const key of keys) {
      let r = this.reflectors.get(key);
      if (!r) {
        r = { object: PENDING, pods: new Set([uid]), watch: undefined, epoch: 0 };
        this.reflectors.set(key, r);
        if (this.running) this.list(key, r);
      } else r.pods.add(uid);
    }
    for (const key of old) if (!keys.includes(key)) this.release(key, uid);
  }

  unregisterPod(uid: string): void {
    for (const key of this.podRefs.get(uid) ?? []) this.release(key, uid);
    this.podRefs.delete(uid);
  }

  /** The objects watched now (`namespace/name`), one reflector each. */
  watched(): string[] {
    return [...this.reflectors.keys()];
  }

  get(namespace: string, name: string): CachedObject {
    return this.reflectors.get(`${namespace}/${name}`)?.object ?? PENDING;
  }

  /** The kubelet stopped: close every watch; start() lists them all again. */
  stop(): void {
    this.running = false;
    for (const r of this.reflectors.values()) this.close(r);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const [key, r] of this.reflectors) this.list(key, r);
  }

  private release(key: string, uid: string): void {
    const r = this.reflectors.get(key);
    if (!r) return;
    r.pods.delete(uid);
    if (r.pods.size === 0) {
      this.close(r);
      this.reflectors.delete(key);
    }
  }

  private close(r: Reflector): void {
    r.epoch++;
    r.watch?.stop();
    r.watch = undefined;
  }

  private path(namespace: string, name: string, extra: Record<string, string>): string | undefined {
    const info = findResource(this.kind);
    if (!info) return undefined;
    return resourcePath(info, { namespace, query: { fieldSelector: `metadata.name=${name}`, ...extra } });
  }

  private set(r: Reflector, object: CachedObject): void {
    const wasPending = r.object.state === 'pending';
    r.object = object;
    if (wasPending) this.onSynced([...r.pods]);
  }

  private retry(key: string, r: Reflector, epoch: number, delayMs: number): void {
    this.engine.schedule(delayMs, `${this.client.component}: relist ${this.kind} ${key}`, () => {
      if (epoch === r.epoch && this.running && this.reflectors.get(key) === r) this.list(key, r);
    });
  }

  private list(key: string, r: Reflector): void {
    const [namespace = '', name = ''] = key.split('/');
    const path = this.path(namespace, name, { resourceVersion: '0' });
    if (!path) return;
    const epoch = ++r.epoch;
    r.watch?.stop();
    r.watch = undefined;
    this.client.request('GET', path, {}, (response) => {
      if (epoch !== r.epoch || !this.running) return;
      if (response.code !== 200) {
        this.retry(key, r, epoch, RELIST_BACKOFF_MS);
        return;
      }
      const body = response.body as { metadata: { resourceVersion: string }; items: { metadata: { resourceVersion?: string }; data?: Record<string, string>; binaryData?: Record<string, string>; immutable?: boolean }[] };
      const item = body.items[0];
      this.set(r, item ? { state: 'present', data: decode(this.kind, item), resourceVersion: item.metadata.resourceVersion ?? '' } : { state: 'absent' });
      if (item?.immutable) return;
      this.watch(key, r, epoch, namespace, name, body.metadata.resourceVersion);
    });
  }

  private watch(key: string, r: Reflector, epoch: number, namespace: string, name: string, resourceVersion: string): void {
    const path = this.path(namespace, name, { watch: 'true', resourceVersion, allowWatchBookmarks: 'true' });
    if (!path) return;
    r.watch = this.client.watch(path, (event) => {
      if (epoch !== r.epoch || !this.running) return;
      if (event.type === 'ERROR') {
        r.watch?.stop();
        r.watch = undefined;
        this.retry(key, r, epoch, event.object.code === 410 ? 0 : RELIST_BACKOFF_MS);
        return;
      }
      if (event.type === 'BOOKMARK') return;
      const object = event.object as unknown as { metadata: { resourceVersion?: string }; data?: Record<string, string>; binaryData?: Record<string, string>; immutable?: boolean };
      if (event.type === 'DELETED') this.set(r, { state: 'absent' });
      else this.set(r, { state: 'present', data: decode(this.kind, object), resourceVersion: object.metadata.resourceVersion ?? '' });
      if (event.type !== 'DELETED' && object.immutable) {
        r.watch?.stop();
        r.watch = undefined;
      }
    });
  }
}
