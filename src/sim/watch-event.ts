/**
 * A watch event as the page's event stream shows it: what a watcher of the apiserver receives
 * (ADDED, MODIFIED, DELETED, BOOKMARK), with the object's identity and the simulated time.
 */

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name?: string;
    generateName?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

export interface WatchEventRecord {
  readonly type: WatchEventType;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly resourceVersion: string;
  /** Virtual milliseconds at which the event was delivered. */
  readonly time: number;
  readonly object: KubeObject;
}
