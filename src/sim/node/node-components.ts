/**
 * A worker node's components for the cluster's list: its container runtime (containerd or
 * CRI-O, serving CRI on the node) and its kubelet (`system:node:<name>`), which boots a little
 * after the machine does, at a moment drawn from the engine's seeded generator, as real
 * machines come up at slightly different times.
 */
import type { Component, ComponentContext } from '../component';
import { kubeletCertificate } from '../apiserver/authentication/x509';
import { Kubelet, nodeContainerRuntime } from './kubelet';
import type { ContainerRuntime } from './runtime/container-runtime';
import type { NodeShape } from './node-object';
import type { Engine } from '../engine';

export interface ContainerRuntimeComponent extends Component {
  readonly runtime: ContainerRuntime;
}

export interface KubeletComponent extends Component {
  /** The kubelet, once started (the cluster starts its list when it is assembled). */
  readonly kubelet: Kubelet;
}

export function containerRuntimeComponent(engine: Engine, shape: NodeShape): ContainerRuntimeComponent {
  const runtime = nodeContainerRuntime(engine, shape);
  return {
    name: `container-runtime/${shape.name}`,
    kind: 'container-runtime',
    host: shape.name,
    runtime,
    // The runtime serves CRI as soon as the machine is up: nothing to schedule.
    start: () => undefined,
  };
}

export function kubeletComponent(shape: NodeShape, runtime: ContainerRuntime): KubeletComponent {
  let kubelet: Kubelet | undefined;
  return {
    name: `kubelet/${shape.name}`,
    kind: 'kubelet',
    host: shape.name,
    credentials: { clientCertificate: kubeletCertificate(shape.name) },
    get kubelet(): Kubelet {
      if (!kubelet) throw new Error(`kubelet/${shape.name} has not started`);
      return kubelet;
    },
    start(ctx: ComponentContext) {
      kubelet = new Kubelet(ctx.engine, ctx.client, shape, runtime);
      kubelet.start(200 + ctx.engine.rng.int(0, 800));
    },
  };
}
