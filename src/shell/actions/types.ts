/**
 * What an action is: one thing a learner can do to the simulator (not to Kubernetes), with
 * typed arguments, performed the same way whoever asks: a `kubearch` command in the shell, a
 * button on the page, later a lab step. Actions are plain data in (`ActionRequest`) and plain
 * data out (`ActionResult`), so the request can cross the worker boundary unchanged.
 */
import type { Simulator } from '../host/simulator';
import type { CommandResult } from '../types';
import type { BreakCondition } from '../../sim/breakpoints/breakpoints';
import type { ProxyModeRequest, ProxyRestartRequest } from './kube-proxy-actions';

/**
 * Runs the engine against wall-clock time, and rebuilds the cluster: only the worker has real
 * timers (the core never does), so only the worker provides one. Without it, play, pause,
 * speed and reset say they cannot.
 */
export interface ClockDriver {
  readonly playing: boolean;
  play(): void;
  pause(): void;
  setSpeed(factor: number): void;
  /** Throw away the cluster and boot a new one from `seed`. */
  reset(seed: number): void;
}

export interface ActionContext {
  /** The simulator handle `kubearch` gets (not a Kubernetes client: actions drive the simulation itself). */
  readonly simulator: Simulator;
  /** Run a shell command as the operator would type it (`etcdctl compaction 42`). */
  readonly exec: (argv: readonly string[]) => CommandResult;
  readonly driver?: ClockDriver;
}

/** What "Step to next ..." runs to: the next API request, the next etcd write, the next watch event. */
export type StepTarget = 'request' | 'etcd-write' | 'watch-event';
export const STEP_TARGETS: readonly StepTarget[] = ['request', 'etcd-write', 'watch-event'];

export type NodeVerb = 'stop' | 'start' | 'partition' | 'heal';
export const NODE_VERBS: readonly NodeVerb[] = ['stop', 'start', 'partition', 'heal'];

/** Every action with its arguments; `name` says which. */
export type ActionRequest =
  | { readonly name: 'step'; readonly count?: number; readonly to?: StepTarget }
  | { readonly name: 'breakpoint'; readonly verb: 'add'; readonly condition: BreakCondition }
  | { readonly name: 'breakpoint'; readonly verb: 'delete'; readonly id: number }
  | { readonly name: 'breakpoint'; readonly verb: 'list' }
  | { readonly name: 'play' }
  | { readonly name: 'pause' }
  | { readonly name: 'speed'; readonly factor: number }
  | { readonly name: 'reset'; readonly seed?: number }
  | { readonly name: 'compact-etcd'; readonly revision?: number }
  | { readonly name: 'admission-plugin'; readonly plugin: string; readonly enabled: boolean }
  | { readonly name: 'node'; readonly verb: NodeVerb; readonly node: string }
  | { readonly name: 'node-add'; readonly shape: NodeAddShape }
  | { readonly name: 'scheduler-config'; readonly document: unknown }
  | ProxyRestartRequest
  | ProxyModeRequest;

/** A joining machine: plain data, so the page can send it across the worker boundary. */
export interface NodeAddShape {
  readonly name: string;
  readonly cpu: string;
  readonly memory: string;
  readonly pods: number;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly { readonly key: string; readonly value?: string; readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
  readonly images?: Readonly<Record<string, number>>;
  readonly runtime?: 'containerd' | 'cri-o';
}

export type ActionName = ActionRequest['name'];

/** What the caller prints: the shell writes `output` to stdout (ok) or stderr (not ok). */
export interface ActionResult {
  readonly ok: boolean;
  /** Lines as `kubearch` prints them, without a trailing newline. */
  readonly output: string;
}

export interface ActionDefinition<R extends ActionRequest> {
  readonly name: R['name'];
  /** One line for help texts and the page's tooltips. */
  readonly summary: string;
  perform(ctx: ActionContext, request: R): ActionResult;
}
