/**
 * A watch as a client sees it (metav1.WatchEvent): the event types, the event a watcher
 * receives, and the handle that closes the stream. The apiserver's watch cache produces these;
 * informers, kubectl --watch and the page's event stream consume them.
 */
import type { KubeObject } from './kube-object';
import type { Status } from './status';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

/** What a client's watch receives: the watch.Event of the API (ERROR carries a Status). */
export type ClientWatchEvent =
  | { readonly type: WatchEventType; readonly object: KubeObject }
  | { readonly type: 'ERROR'; readonly object: Status };

/** A watch a client opened: stop() ends it as closing the HTTP stream would. */
export interface WatchHandle {
  stop(): void;
}
