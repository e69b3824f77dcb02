/**
 * What crosses the worker boundary, as plain data. The page changes the simulator with
 * `perform(ActionRequest)`, reads large views on demand with `view(name, args)`, and receives
 * `SimulationDelta`s, keyed by view, in batches (at most about 60 a second), which it applies
 * to its zustand stores. The types the page needs from the layers below are re-exported here:
 * src/ui imports src/worker only (a lint rule keeps it so).
 */
import type { TraceEntry } from '../sim/engine';
import type { WatchEventType } from '../sim/api/watch';
import type { Topology } from '../sim/topology';
import type { Status } from '../sim/api/status';
import type { ManifestError } from '../shell/manifest';
import type { ScriptOutcome } from '../shell/shell';
import type { Completion } from '../shell/completion';

export type { TraceEntry } from '../sim/engine';
export type { WatchEventType } from '../sim/api/watch';
export type { ComponentInfo, Topology } from '../sim/topology';
export type { Status, StatusCause } from '../sim/api/status';
export type { ManifestError } from '../shell/manifest';
export type { Completion } from '../shell/completion';
export type { ActionName, ActionRequest, ActionResult, StepTarget } from '../shell/actions';
export type { BreakCondition } from '../sim/breakpoints/breakpoints';
export type * from './node-view-types';
import type { NodesView, PodExplanationView, SchedulerView } from './node-view-types';

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
  /** What the next event will do (its trace label), shown beside its time so a quiet cluster does not look idle. */
  readonly nextEventLabel?: string;
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
  /** The request (audit id) a response or an etcd call belongs to; absent on the request itself, sent before the apiserver names it. */
  readonly requestId?: string;
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

/**
 * What changed since the previous delta, keyed by the view it belongs to; a view that did not
 * change is absent (the clock is always there).
 */
export interface DeltaViews {
  readonly clock: ClockState;
  /** Watch events delivered, oldest first. */
  readonly watchEvents: readonly WatchEventView[];
  /** The engine events run (the newest few), oldest first. */
  readonly engineEvents: readonly TraceEntry[];
  /** Network messages sent (the newest few). */
  readonly traffic: readonly TrafficView[];
  /** Requests completed. */
  readonly requests: readonly RequestView[];
  readonly etcd: EtcdSummary;
  /** etcd writes, as a watch on "" --prefix would see them. */
  readonly etcdEvents: readonly EtcdEventView[];
  /** Output of the terminal's foreground command (kubectl get -w). */
  readonly terminalOutput: string;
  /**
   * Set once, in the delta after a reset performed on the running page (not on the first
   * delta): the new cluster's seed and the terminal command the reset stopped, if one ran. The
   * terminal says so and the editor drops the results that were about the old cluster.
   */
  readonly clusterReset: { readonly seed: number; readonly stopped?: string };
  /** The breakpoints set and why the engine last stopped (always sent: it is small). */
  readonly debugger: DebuggerView;
}

export interface DebuggerView {
  readonly breakpoints: readonly { readonly id: number; readonly text: string; readonly hits: number }[];
  /** The hit that stopped play or a step, until the next step or play: `breakpoint 1 (...) hit at 2.006s: PUT ...`. */
  readonly stop?: { readonly text: string; readonly at: number; readonly id?: number };
}

export interface SimulationDelta {
  /** True when the cluster was rebuilt: the page drops what it kept from the old one. */
  readonly reset: boolean;
  readonly views: Partial<DeltaViews> & Pick<DeltaViews, 'clock'>;
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

/** What the graph's side panel shows of one component beyond the topology: who it is, what it watches. */
export interface ComponentDetails {
  readonly id: string;
  /** The user and groups the apiserver authenticates it as (its client certificate); absent for etcd. */
  readonly identity?: { readonly user: string; readonly groups: readonly string[]; readonly by: string };
  /** The resources its shared informers list and watch ("pods", "nodes", "leases@kube-node-lease"). */
  readonly watches: readonly string[];
}

export interface AdmissionPluginView {
  readonly name: string;
  readonly enabled: boolean;
  readonly mutating: boolean;
  readonly validating: boolean;
}

/** What the editor's Submit did to one object of its text, in the text's order. */
export interface AppliedObject {
  readonly kind: string;
  readonly name: string;
  /** As written in the text; absent when the object did not say. */
  readonly namespace?: string;
  /** `not-sent`: kubectl stopped before it (a request timed out, a namespace mismatch). */
  readonly outcome: 'created' | 'configured' | 'unchanged' | 'failed' | 'not-sent';
  /** The server's refusal (metav1.Status, with details.causes for an Invalid object). */
  readonly status?: Status;
  /** kubectl's own refusal, before any request (a kind it cannot map to a resource). */
  readonly error?: string;
}

export interface ApplyResult {
  readonly ok: boolean;
  /** kubectl apply's text, stdout then stderr, as the terminal would show it. */
  readonly output: string;
  readonly objects: readonly AppliedObject[];
  /** YAML errors, or the server's causes placed at their fields in the text. */
  readonly errors: readonly ManifestError[];
}

/** The simulated cloud beside the cluster (cloud-controller-manager's side); empty lists outside a cloud. */
export interface CloudView {
  readonly instances: readonly { readonly name: string; readonly providerID: string; readonly zone: string; readonly addresses: readonly { readonly type: string; readonly address: string }[] }[];
  readonly loadBalancers: readonly { readonly name: string; readonly service: string; readonly ip: string; readonly nodes: readonly string[] }[];
  readonly routes: readonly { readonly name: string; readonly destinationCIDR: string; readonly targetNode: string }[];
}

/** The views the page reads on demand with `view(name, args)`: their arguments and answers. */
export interface ViewSpecs {
  readonly topology: { readonly args: undefined; readonly result: Topology };
  readonly clock: { readonly args: undefined; readonly result: ClockState };
  readonly 'etcd-keys': { readonly args: { readonly prefix: string }; readonly result: string[] };
  readonly 'etcd-history': { readonly args: { readonly key: string }; readonly result: EtcdKeyHistory };
  readonly 'admission-plugins': { readonly args: undefined; readonly result: AdmissionPluginView[] };
  readonly component: { readonly args: { readonly id: string }; readonly result: ComponentDetails };
  readonly 'command-names': { readonly args: undefined; readonly result: string[] };
  readonly cloud: { readonly args: undefined; readonly result: CloudView };
  /** Tab in the terminal: completions of the line (src/shell/completion.ts). */
  readonly completions: { readonly args: { readonly line: string }; readonly result: Completion };
  readonly nodes: { readonly args: undefined; readonly result: NodesView };
  readonly scheduler: { readonly args: undefined; readonly result: SchedulerView };
  readonly 'pod-explanation': { readonly args: { readonly namespace: string; readonly name: string }; readonly result: PodExplanationView | undefined };
  /**
   * `lines: false`: the counts and the last sync only (the component panel), not the table's text;
   * `filter`: only the lines holding it, or whose chain stands for a Service holding it (case-blind).
   */
  readonly netfilter: { readonly args: { readonly node?: string; readonly table?: NetfilterTableName; readonly lines?: boolean; readonly filter?: string }; readonly result: NetfilterView };
  readonly 'packet-walk': { readonly args: { readonly since?: number }; readonly result: PacketWalksView };
}

export type ViewName = keyof ViewSpecs;
export type ViewArgs<N extends ViewName> = ViewSpecs[N]['args'];
export type ViewResult<N extends ViewName> = ViewSpecs[N]['result'];

/** Which of a node's tables the iptables tab shows: an iptables table, or IPVS (ipvs mode). */
export type NetfilterTableName = 'nat' | 'filter' | 'mangle' | 'ipvs';

/** One line of `iptables-save -c` (or of `ipvsadm -Ln`), with the rule's chain and counters parsed out. */
export interface NetfilterLine {
  readonly kind: 'comment' | 'table' | 'chain' | 'rule' | 'commit' | 'ipvs';
  /** The line exactly as the tool prints it. */
  readonly text: string;
  /** The chain a rule is in, or the chain a `:CHAIN` line declares. */
  readonly chain?: string;
  /** The rule's place in its chain (1-based), as `iptables -L --line-numbers` counts. */
  readonly rule?: number;
  readonly packets?: number;
  readonly bytes?: number;
}

/** One node's kube-proxy and tables, as the iptables tab shows them. */
export interface NetfilterView {
  readonly node: string;
  /** Every node that has tables, for the node picker. */
  readonly nodes: readonly string[];
  /** kube-proxy's mode; undefined while it is not running. */
  readonly mode: 'iptables' | 'ipvs' | 'userspace' | undefined;
  /** Why kube-proxy is not running, when it refused its configuration. */
  readonly failure?: string;
  readonly table: NetfilterTableName;
  readonly lines: readonly NetfilterLine[];
  /** Rules per table (nat, filter, mangle) and IPVS virtual servers. */
  readonly counts: Readonly<Record<NetfilterTableName, number>>;
  /** The last sync: engine time (ms), full or partial, Services (or virtual servers) it rewrote. */
  readonly lastSync?: { readonly at: number; readonly full: boolean; readonly rewritten: number };
  readonly syncCount: number;
  /** Hashed chain name -> the Service port or endpoint it stands for (from its rules' comments). */
  readonly annotations: Readonly<Record<string, string>>;
}

/** One step of a packet's walk through a node's netfilter. */
export interface WalkStepView {
  readonly hook: string;
  readonly table: string;
  readonly chain: string;
  readonly rule?: number;
  readonly ruleText?: string;
  readonly action: string;
  readonly detail?: string;
}

/** One connection the data plane carried (curl, wget, trace-packet), hop by hop. */
export interface WalkView {
  readonly seq: number;
  /** Engine time (ms) it was sent. */
  readonly at: number;
  readonly from: { readonly node: string; readonly address: string; readonly pod?: string };
  readonly to: { readonly address: string; readonly port: number };
  readonly outcome: 'connected' | 'refused' | 'rejected' | 'timeout';
  readonly reason?: string;
  readonly endpoint?: { readonly address: string; readonly port: number; readonly node: string; readonly pod?: string };
  readonly hops: readonly { readonly node: string; readonly steps: readonly WalkStepView[]; readonly dnat?: string; readonly verdict: string }[];
}

export interface PacketWalksView {
  /** The number of the newest connection (0 before the first). */
  readonly latest: number;
  readonly walks: readonly WalkView[];
}
