/**
 * The kubelet's pod source (pkg/kubelet/config/apiserver.go NewSourceApiserver): a list and
 * watch of the pods bound to this node, `fieldSelector=spec.nodeName=<node>`, as the real
 * kubelet's reflector makes it (and as the Node authorizer requires). A 410 or a watch that
 * ends relists. The shared Informer in src/sim/client takes no field selector, hence this one.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Engine } from '../../engine';
import { findResource } from '../../api/resources';
import type { WatchHandle } from '../../api/watch';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';

export interface PodSourceHandlers {
  onAdd(pod: Pod): void;
  onUpdate(pod: Pod): void;
  onDelete(pod: Pod): void;
}

const RELIST_BACKOFF_MS = 1000;

export class PodSource {
  private readonly pods = new Map<string, Pod>();
  private watchHandle: WatchHandle | undefined;
  private resourceVersion = '';
  private running = false;
  /** Bumped on stop: answers to requests of an older run are ignored. */
  private epoch = 0;

  constructor(
    private readonly engine: Engine,
    private readonly client: RestClient,
    private readonly nodeName: string,
    private readonly handlers: PodSourceHandlers,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.list();
  }

  stop(): void {
    this.running = false;
    this.epoch++;
    this.watchHandle?.stop();
    this.watchHandle = undefined;
  }

  get(uid: string): Pod | undefined {
    return this.pods.get(uid);
  }

  private query(extra: Record<string, string>): Record<string, string> {
    return { fieldSelector: `spec.nodeName=${this.nodeName}`, ...extra };
  }

  private list(): void {
    const pods = findResource('pods');
    if (!pods || !this.running) return;
    const epoch = this.epoch;
    this.client.request('GET', resourcePath(pods, { query: this.query({ resourceVersion: '0' }) }), {}, (response) => {
      if (epoch !== this.epoch || !this.running) return;
      if (response.code !== 200) {
        this.engine.schedule(RELIST_BACKOFF_MS, `${this.client.component}: relist pods`, () => epoch === this.epoch && this.list());
        return;
      }
      const body = response.body as { metadata: { resourceVersion: string }; items: Pod[] };
      const seen = new Set<string>();
      for (const pod of body.items) {
        const uid = pod.metadata?.uid ?? '';
        seen.add(uid);
        this.upsert(pod);
      }
      for (const [uid, pod] of this.pods) {
        if (!seen.has(uid)) {
          this.pods.delete(uid);
          this.handlers.onDelete(pod);
        }
      }
      this.resourceVersion = body.metadata.resourceVersion;
      this.watch(epoch);
    });
  }

  private upsert(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    const old = this.pods.get(uid);
    this.pods.set(uid, pod);
    if (!old) this.handlers.onAdd(pod);
    else if (old.metadata?.resourceVersion !== pod.metadata?.resourceVersion) this.handlers.onUpdate(pod);
  }

  private watch(epoch: number): void {
    const pods = findResource('pods');
    if (!pods) return;
    this.watchHandle?.stop();
    const path = resourcePath(pods, { query: this.query({ watch: 'true', resourceVersion: this.resourceVersion, allowWatchBookmarks: 'true' }) });
    this.watchHandle = this.client.watch(path, (event) => {
      if (epoch !== this.epoch || !this.running) return;
      if (event.type === 'ERROR') {
        this.watchHandle?.stop();
        this.watchHandle = undefined;
        this.engine.schedule(event.object.code === 410 ? 0 : RELIST_BACKOFF_MS, `${this.client.component}: relist pods`, () => epoch === this.epoch && this.list());
        return;
      }
      const pod = event.object as unknown as Pod;
      if (pod.metadata?.resourceVersion) this.resourceVersion = pod.metadata.resourceVersion;
      if (event.type === 'BOOKMARK') return;
      if (event.type === 'DELETED') {
        const uid = pod.metadata?.uid ?? '';
        if (this.pods.delete(uid)) this.handlers.onDelete(pod);
      } else this.upsert(pod);
    });
  }
}
