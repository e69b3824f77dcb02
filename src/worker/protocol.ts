/**
 * What crosses the worker boundary, as plain data. The worker pushes `SimulationDelta`s in
 * batches (at most about 60 a second); the page applies them to its zustand stores.
 */
import type { TraceEntry } from '../sim/engine';
import type { WatchEventType } from '../sim/api/watch';
import type { ManifestError } from '../shell/manifest';
import type { ScriptOutcome } from '../shell/shell';

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

/** A message on the simulated network, for the graph's traffic animation. */
export interface TrafficView {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly kind: 'request' | 'response' | 'watch-event' | 'etcd';
  readonly label: string;
  readonly sentAt: number;
  readonly arrivesAt: number;
}

/** One completed request, as the requests panel lists it. */
export interface RequestView {
  readonly auditID: string;
  readonly time: number;
  readonly durationMs: number;
  readonly source: string;
  readonly user: string;
  readonly impersonatedUser?: string;
  readonly verb: string;
  readonly requestURI: string;
  readonly resource: string;
  readonly namespace: string;
  readonly name: string;
  readonly code: number;
  readonly reason?: string;
  readonly message?: string;
  readonly stages: readonly { readonly name: string; readonly outcome: string; readonly detail?: string; readonly at: number }[];
}

export interface EtcdSummary {
  readonly revision: number;
  readonly compactRevision: number;
  readonly keys: number;
  readonly dbSize: number;
  /**
   * Changes whenever a key appears or goes (never when one is only rewritten, as the nodes'
   * Leases are every few seconds): the panel refetches the key list only then.
   */
  readonly keySet: number;
}

/** What a line typed in the terminal did: the shell's outcome, and what it left running. */
export type TerminalOutcome = ScriptOutcome & {
  /**
   * `stream`: a command still printing (kubectl get -w); its output arrives in the deltas'
   * `terminalOutput` until interrupt(). `edit`: kubectl edit opened this text; finishEdit()
   * applies or cancels it.
   */
  readonly foreground?: { readonly kind: 'stream' } | { readonly kind: 'edit'; readonly text: string; readonly user: string };
};

export interface SimulationDelta {
  /** True when the cluster was rebuilt: the page drops what it kept from the old one. */
  readonly reset: boolean;
  readonly clock: ClockState;
  /** Watch events delivered since the previous delta, oldest first. */
  readonly watchEvents: readonly WatchEventView[];
  /** The engine events run since the previous delta (the newest few), oldest first. */
  readonly engineEvents: readonly TraceEntry[];
  /** Network messages sent since the previous delta (the newest few). */
  readonly traffic: readonly TrafficView[];
  /** Requests completed since the previous delta. */
  readonly requests: readonly RequestView[];
  readonly etcd: EtcdSummary;
  /** etcd writes since the previous delta, as a watch on "" --prefix would see them. */
  readonly etcdEvents: readonly EtcdEventView[];
  /** Output of the terminal's foreground command (kubectl get -w) since the previous delta. */
  readonly terminalOutput: string;
}

export interface EtcdEventView {
  readonly revision: number;
  readonly type: 'PUT' | 'DELETE';
  readonly key: string;
  readonly time: number;
}

/** One stored revision of an etcd key, decoded for the etcd panel. */
export interface EtcdRevisionView {
  readonly modRevision: number;
  readonly createRevision: number;
  readonly version: number;
  readonly tombstone: boolean;
  readonly value: string;
  readonly lease: string;
}

export interface EtcdKeyHistory {
  readonly key: string;
  readonly revisions: readonly EtcdRevisionView[];
}

export interface AdmissionPluginView {
  readonly name: string;
  readonly enabled: boolean;
  readonly mutating: boolean;
  readonly validating: boolean;
}

export type ApplyResult =
  | { readonly ok: true; readonly output: string }
  | { readonly ok: false; readonly errors: readonly ManifestError[]; readonly output: string };
