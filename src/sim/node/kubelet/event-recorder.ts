/**
 * The kubelet's event recorder: like src/sim/client/event-recorder.ts (same naming, same
 * 10-minute aggregation of repeats into count/lastTimestamp), plus what the kubelet needs and
 * that one lacks: `involvedObject.fieldPath` (`spec.containers{nginx}`), so `kubectl describe`
 * can say which container an event is about. Source `kubelet` with the node as host.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Engine } from '../../engine';
import { findResource } from '../../api/resources';
import { SIMULATION_EPOCH_MS } from '../../api/time';
import type { RestClient } from '../../client/rest-client';
import { unixNanosHex } from '../../client/event-name';
import { resourcePath } from '../../client/resource-path';
import type { KubeObject } from '../../api/kube-object';
import { timestamp } from './pod-status';

const AGGREGATION_WINDOW_MS = 10 * 60_000;
/** Looked up once: the built-in resource never changes, and a lookup scans the resource table. */
const events = findResource('events');
/** Forget events older than the window once this many are remembered (a long run must not grow). */
const PRUNE_AT = 4096;

interface Recorded {
  readonly name: string;
  readonly namespace: string;
  count: number;
  lastSeen: number;
}

/** The recorder does not read the answers: one callback for every request instead of a closure each. */
const IGNORE_RESPONSE = (): void => {};

export class KubeletEventRecorder {
  private readonly seen = new Map<string, Recorded>();
  /** The POST path per namespace (a node's pods live in a few): one string each instead of one built per event. */
  private readonly postPaths = new Map<string, string>();

  constructor(
    private readonly engine: Engine,
    private readonly client: RestClient,
    private readonly nodeName: string,
    private readonly canSend: () => boolean,
  ) {}

  private prune(now: number): void {
    for (const [key, r] of this.seen) if (now - r.lastSeen >= AGGREGATION_WINDOW_MS) this.seen.delete(key);
  }

  event(object: Pod | KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    if (!events || !this.canSend()) return;
    const meta = object.metadata ?? {};
    const namespace = meta.namespace || 'default';
    const now = this.engine.now();
    const stamp = timestamp(now);
    // The aggregation key: the fields joined by NUL, a missing one empty (as Array.join writes it), without the array.
    const key = `${object.kind ?? ''}\u0000${meta.namespace ?? ''}\u0000${meta.name ?? ''}\u0000${meta.uid ?? ''}\u0000${fieldPath ?? ''}\u0000${type}\u0000${reason}\u0000${message}`;
    if (this.seen.size >= PRUNE_AT) this.prune(now);
    const previous = this.seen.get(key);
    if (previous && now - previous.lastSeen < AGGREGATION_WINDOW_MS) {
      previous.count++;
      previous.lastSeen = now;
      this.client.request('PATCH', resourcePath(events, { namespace: previous.namespace, name: previous.name }), { body: { count: previous.count, lastTimestamp: stamp }, contentType: 'application/merge-patch+json' }, IGNORE_RESPONSE);
      return;
    }
    const name = `${meta.name ?? 'unknown'}.${unixNanosHex(SIMULATION_EPOCH_MS + Math.floor(now), this.engine.rng.int(0, 999_999))}`;
    this.seen.set(key, { name, namespace, count: 1, lastSeen: now });
    const involvedObject: Record<string, unknown> = {
      kind: object.kind,
      namespace: meta.namespace,
      name: meta.name,
      uid: meta.uid,
      apiVersion: object.apiVersion,
      resourceVersion: meta.resourceVersion,
    };
    // Assigned last, where the spread put it, without the spread's temporary object.
    if (fieldPath) involvedObject['fieldPath'] = fieldPath;
    const body: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject,
      reason,
      message,
      source: { component: 'kubelet', host: this.nodeName },
      firstTimestamp: stamp,
      lastTimestamp: stamp,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: 'kubelet',
      reportingInstance: this.nodeName,
    };
    let path = this.postPaths.get(namespace);
    if (path === undefined) {
      path = resourcePath(events, { namespace });
      // Bounded: a node sees few namespaces, but a long run must not grow without end.
      if (this.postPaths.size >= PRUNE_AT) this.postPaths.clear();
      this.postPaths.set(namespace, path);
    }
    this.client.request('POST', path, { body, bodyOwned: true }, IGNORE_RESPONSE);
  }
}
