/**
 * The simulated network between the cluster's parts. Every message (a request to the
 * apiserver, its response, an etcd call, a watch event) is sent here: it arrives after a latency
 * on the engine's clock, and observers see it in flight, so the page can draw the journey.
 *
 * Links are named by the component ids of the topology ("kubelet/node-1" -> "kube-apiserver").
 * A partitioned host drops what is sent to or from it (used by `kubearch node partition`).
 */
import { MessageLabel, type Engine } from '../engine';
import { boundedMemo } from '../bounded-memo';

export type MessageKind = 'request' | 'response' | 'watch-event' | 'etcd';

export interface Message {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly kind: MessageKind;
  /** Short, for the graph: "POST pods", "200", "MODIFIED Lease". */
  readonly label: string;
  readonly sentAt: number;
  readonly arrivesAt: number;
  /** The request this message belongs to (audit id), when there is one. */
  readonly requestId?: string;
}

export type MessageObserver = (message: Message) => void;

export interface NetworkOptions {
  /** One hop between machines (a node and the control plane), in virtual ms. */
  readonly nodeLatencyMs?: number;
  /** One hop on the control-plane machine (apiserver <-> etcd, scheduler -> apiserver). */
  readonly localLatencyMs?: number;
}

/**
 * Each component's host, worked out once: every message asks for both ends' hosts. The
 * components are few (one per part and node); the bound only guards odd callers.
 */
const hostOf = boundedMemo(4096, (component) => {
  // kubectl runs on the learner's machine, outside the cluster.
  if (component === 'kubectl') return 'client';
  const slash = component.indexOf('/');
  return slash < 0 ? 'control-plane' : component.slice(slash + 1);
});

export class Network {
  private nextId = 1;
  private readonly observers = new Set<MessageObserver>();
  private readonly partitioned = new Set<string>();
  private readonly nodeLatency: number;
  private readonly localLatency: number;

  constructor(
    private readonly engine: Engine,
    options: NetworkOptions = {},
  ) {
    this.nodeLatency = options.nodeLatencyMs ?? 2;
    this.localLatency = options.localLatencyMs ?? 0.5;
  }

  /** Host of a component id: "kubelet/node-1" runs on node-1; bare names run on the control plane. */
  static hostOf(component: string): string {
    return hostOf(component);
  }

  latency(from: string, to: string): number {
    return Network.hostOf(from) === Network.hostOf(to) ? this.localLatency : this.nodeLatency;
  }

  observe(observer: MessageObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  partition(host: string): void {
    this.partitioned.add(host);
  }

  heal(host: string): void {
    this.partitioned.delete(host);
  }

  isPartitioned(host: string): boolean {
    return this.partitioned.has(host);
  }

  /** An endpoint busy for `ms` before it answers (a command run over a stream that stays open). */
  wait(ms: number, label: string, run: () => void): void {
    this.engine.schedule(ms, label, run);
  }

  /**
   * Send a message; `deliver` runs when it arrives. Returns false (and never delivers) when
   * either end is cut off by a partition, as a dropped packet would be.
   */
  send(from: string, to: string, kind: MessageKind, label: string, deliver: () => void, requestId?: string): boolean {
    if (this.partitioned.size > 0 && (this.partitioned.has(Network.hostOf(from)) || this.partitioned.has(Network.hostOf(to)))) return false;
    const latency = this.latency(from, to);
    const id = this.nextId++;
    // Nobody draws the journey in a headless run or a benchmark: no message object then.
    if (this.observers.size > 0) {
      const message: Message = {
        id,
        from,
        to,
        kind,
        label,
        sentAt: this.engine.now(),
        arrivesAt: this.engine.now() + latency,
        ...(requestId ? { requestId } : {}),
      };
      for (const observer of this.observers) observer(message);
    }
    this.engine.schedule(latency, new MessageLabel(to, kind, from, label), deliver);
    return true;
  }
}
