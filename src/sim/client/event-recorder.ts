/**
 * The event recorder (client-go tools/record): components report what they did as core/v1
 * Events about an object (`Scheduled`, `Pulling`, `Started` ...). Like the real correlator,
 * an event repeating the same reason and message for the same object within 10 minutes
 * updates the existing Event's count and lastTimestamp instead of creating another.
 * Event names are `<object name>.<16 hex digits>`, as the real recorder makes them.
 *
 * The rest of client-go's EventCorrelator: the aggregator (EventAggregatorByReasonFunc) turns the
 * 10th and later distinct messages of one reason about one object within 10 minutes into a
 * single "(combined from similar events): <message>" Event whose count grows, so a ReplicaSet of
 * 10,000 pods records 9 `Created pod: ...` Events and one combined one; the spam filter
 * (EventSourceObjectSpamFilter) lets a source send 25 Events about one object at once, then one
 * every 5 minutes, and drops the others.
 */
import type { Engine } from '../engine';
import { findResource } from '../api/resources';
import { simulatedTimestamp, SIMULATION_EPOCH_MS } from '../api/time';
import type { KubeObject } from '../api/kube-object';
import type { RestClient } from './rest-client';
import { resourcePath } from './resource-path';
import { unixNanosHex } from './event-name';
import { LruCache } from '../lru-cache';

export type EventType = 'Normal' | 'Warning';

const AGGREGATION_WINDOW_MS = 10 * 60_000;
/** defaultAggregateMaxEvents / defaultAggregateIntervalInSeconds. */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
/** defaultSpamBurst / defaultSpamQPS. */
const SPAM_BURST = 25;
const SPAM_QPS = 1 / 300;
/** maxLruCacheEntries (tools/record/events_cache.go). */
const MAX_LRU_CACHE_ENTRIES = 4096;
export const COMBINED_PREFIX = '(combined from similar events): ';

interface AggregateRecord {
  readonly messages: Set<string>;
  last: number;
}

interface SpamRecord {
  tokens: number;
  last: number;
}

interface Recorded {
  name: string;
  namespace: string;
  count: number;
  lastSeen: number;
  firstTimestamp: string;
}

export class EventRecorder {
  // client-go's correlator keeps each in an LRU cache of maxLruCacheEntries: a cluster of
  // thousands of pods does not keep a record of every Event ever sent.
  private readonly seen = new LruCache<string, Recorded>(MAX_LRU_CACHE_ENTRIES);
  private readonly aggregates = new LruCache<string, AggregateRecord>(MAX_LRU_CACHE_ENTRIES);
  private readonly spam = new LruCache<string, SpamRecord>(MAX_LRU_CACHE_ENTRIES);

  constructor(
    private readonly engine: Engine,
    private readonly client: RestClient,
    /** source.component: "default-scheduler", "kubelet", "deployment-controller". */
    private readonly sourceComponent: string,
    private readonly sourceHost?: string,
  ) {}

  /** EventSourceObjectSpamFilter: a token bucket per source and object. */
  private spamAllows(objectKey: string, now: number): boolean {
    let r = this.spam.get(objectKey);
    if (!r) this.spam.add(objectKey, (r = { tokens: SPAM_BURST, last: now }));
    r.tokens = Math.min(SPAM_BURST, r.tokens + ((now - r.last) / 1000) * SPAM_QPS);
    r.last = now;
    if (r.tokens < 1) return false;
    r.tokens -= 1;
    return true;
  }

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
    const objectKey = [this.sourceComponent, this.sourceHost ?? '', involved.kind, involved.namespace, involved.name, involved.uid, involved.apiVersion].join('\u0000');
    // EventAggregate: many distinct messages for one reason become one combined Event.
    const aggregateKey = `${objectKey}\u0000${type}\u0000${reason}`;
    let record = this.aggregates.get(aggregateKey);
    if (!record || now - record.last > AGGREGATE_INTERVAL_MS) this.aggregates.add(aggregateKey, (record = { messages: new Set(), last: now }));
    record.messages.add(message);
    record.last = now;
    let key = `${aggregateKey}\u0000${message}`;
    if (record.messages.size >= AGGREGATE_MAX_EVENTS) {
      // Keep the set at its limit (PopAny), and write the combined Event under the aggregate key.
      const first = record.messages.values().next().value;
      if (first !== undefined) record.messages.delete(first);
      message = `${COMBINED_PREFIX}${message}`;
      key = `${aggregateKey}\u0000combined`;
    }
    if (!this.spamAllows(objectKey, now)) return;
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
        { body: { count: previous.count, lastTimestamp: stamp, ...(message.startsWith(COMBINED_PREFIX) ? { message } : {}) }, contentType: 'application/merge-patch+json' },
        () => {},
      );
      return;
    }
    const name = `${object.metadata.name ?? 'unknown'}.${unixNanosHex(SIMULATION_EPOCH_MS + Math.floor(now), this.engine.rng.int(0, 999_999))}`;
    this.seen.add(key, { name, namespace, count: 1, lastSeen: now, firstTimestamp: stamp });
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
    // `involved` is made per call and kept nowhere else: the whole body is this request's.
    this.client.request('POST', resourcePath(events, { namespace }), { body, bodyOwned: true }, () => {});
  }
}
