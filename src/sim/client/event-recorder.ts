/**
 * The event recorder (client-go tools/record): components report what they did as core/v1
 * Events about an object (`Scheduled`, `Pulling`, `Started` ...). Like the real correlator,
 * an event repeating the same reason and message for the same object within 10 minutes
 * updates the existing Event's count and lastTimestamp instead of creating another.
 * Event names are `<object name>.<16 hex digits>`, as the real recorder makes them.
 */
import type { Engine } from '../engine';
import { findResource } from '../api/resources';
import { simulatedTimestamp, SIMULATION_EPOCH_MS } from '../api/time';
import type { KubeObject } from '../api/kube-object';
import type { RestClient } from './rest-client';
import { resourcePath } from './resource-path';

export type EventType = 'Normal' | 'Warning';

const AGGREGATION_WINDOW_MS = 10 * 60_000;

interface Recorded {
  name: string;
  namespace: string;
  count: number;
  lastSeen: number;
  firstTimestamp: string;
}

export class EventRecorder {
  private readonly seen = new Map<string, Recorded>();

  constructor(
    private readonly engine: Engine,
    private readonly client: RestClient,
    /** source.component: "default-scheduler", "kubelet", "deployment-controller". */
    private readonly sourceComponent: string,
    private readonly sourceHost?: string,
  ) {}

  event(object: KubeObject, type: EventType, reason: string, message: string): void {
    const namespace = object.metadata.namespace || 'default';
    const involved = {
      kind: object.kind,
      namespace: object.metadata.namespace,
      name: object.metadata.name,
      uid: object.metadata.uid,
      apiVersion: object.apiVersion,
      resourceVersion: object.metadata.resourceVersion,
    };
    const now = this.engine.now();
    const key = [involved.kind, involved.namespace, involved.name, involved.uid, type, reason, message].join('\u0000');
    const events = findResource('events');
    if (!events) return;
    const previous = this.seen.get(key);
    const stamp = simulatedTimestamp(now);
    if (previous && now - previous.lastSeen < AGGREGATION_WINDOW_MS) {
      previous.count++;
      previous.lastSeen = now;
      this.client.request(
        'PATCH',
        resourcePath(events, { namespace: previous.namespace, name: previous.name }),
        { body: { count: previous.count, lastTimestamp: stamp }, contentType: 'application/merge-patch+json' },
        () => {},
      );
      return;
    }
    const unixNanos = BigInt(SIMULATION_EPOCH_MS + Math.floor(now)) * 1_000_000n + BigInt(this.engine.rng.int(0, 999_999));
    const name = `${object.metadata.name ?? 'unknown'}.${unixNanos.toString(16).padStart(16, '0')}`;
    this.seen.set(key, { name, namespace, count: 1, lastSeen: now, firstTimestamp: stamp });
    const body: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: involved,
      reason,
      message,
      source: { component: this.sourceComponent, ...(this.sourceHost ? { host: this.sourceHost } : {}) },
      firstTimestamp: stamp,
      lastTimestamp: stamp,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.sourceComponent,
      reportingInstance: this.sourceHost ?? '',
    };
    this.client.request('POST', resourcePath(events, { namespace }), { body }, () => {});
  }
}
