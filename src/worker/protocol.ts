/**
 * What crosses the worker boundary, as plain data. The worker pushes `SimulationDelta`s in
 * batches (at most about 60 a second); the page applies them to its zustand stores.
 */
import type { TraceEntry } from '../sim/engine';
import type { WatchEventType } from '../sim/watch-event';
import type { ManifestError } from '../shell/manifest';

export interface WatchEventView {
  /** Position in the stream since the last reset, for stable React keys. */
  readonly index: number;
  readonly type: WatchEventType;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly resourceVersion: string;
  readonly time: number;
}

export interface ClockState {
  readonly time: number;
  readonly eventsRun: number;
  readonly pending: number;
  readonly nextEventTime: number | undefined;
  readonly playing: boolean;
  readonly speed: number;
  readonly seed: number;
  readonly traceDigest: string;
}

export interface SimulationDelta {
  /** True when the cluster was rebuilt: the page drops what it kept from the old one. */
  readonly reset: boolean;
  readonly clock: ClockState;
  /** Watch events delivered since the previous delta, oldest first. */
  readonly watchEvents: readonly WatchEventView[];
  /** The engine events run since the previous delta (the newest few), oldest first. */
  readonly engineEvents: readonly TraceEntry[];
}

export type ApplyResult =
  | { readonly ok: true; readonly output: string }
  | { readonly ok: false; readonly errors: readonly ManifestError[]; readonly output: string };
