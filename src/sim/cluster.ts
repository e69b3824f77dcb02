/**
 * Assembles a simulated cluster from options: the engine, the control plane, the worker nodes.
 * The worker and the headless runner both build clusters here, so the page and the runner
 * simulate the same thing for the same seed.
 */
import { Engine } from './engine';
import { TemporaryObjectStore } from './temporary-store/temporary-object-store';
import { startNodeLeaseHeartbeat } from './node/node-lease';
import { describeTopology, type ComponentKind, type Topology } from './topology';

export interface ClusterOptions {
  seed?: number;
  /** Worker node names; default node-1, node-2, node-3. */
  nodes?: readonly string[];
}

export const DEFAULT_NODES = ['node-1', 'node-2', 'node-3'] as const;

/** The parts built so far; the rest are drawn greyed as "not yet simulated". */
const SIMULATED: ReadonlySet<ComponentKind> = new Set<ComponentKind>(['kubelet']);

export class Cluster {
  readonly engine: Engine;
  readonly nodeNames: readonly string[];
  readonly topology: Topology;
  /** TEMPORARY stand-in for kube-apiserver + etcd, until issues 3 and 4. */
  readonly store: TemporaryObjectStore;

  constructor(options: ClusterOptions = {}) {
    this.engine = new Engine({ seed: options.seed ?? 1 });
    this.nodeNames = options.nodes ?? DEFAULT_NODES;
    this.topology = describeTopology(this.nodeNames, SIMULATED);
    this.store = new TemporaryObjectStore(this.engine);
    // Stagger the kubelets' first heartbeats by a seeded jitter, as real nodes start at different moments.
    for (const node of this.nodeNames) {
      startNodeLeaseHeartbeat(this.engine, this.store, node, 100 + this.engine.rng.int(0, 900));
    }
  }
}
