/**
 * kube-apiserver and etcd as entries of the cluster's component list. Both are built before the
 * list starts (every client needs the apiserver to send to); starting the apiserver runs its
 * post-start hooks (default namespaces, the default RBAC policy) through its loopback client.
 */
import type { Component, ComponentContext } from '../component';
import type { Etcd } from '../etcd';
import type { KubeObject } from '../api/kube-object';
import { APISERVER_CERTIFICATE } from './auth-setup';
import { runPostStartHooks } from './bootstrap/post-start-hooks';

export function etcdComponent(etcd: Etcd): Component & { readonly etcd: Etcd } {
  // etcd serves from the first moment: nothing to schedule.
  return { name: 'etcd', kind: 'etcd', host: 'control-plane', etcd, start: () => undefined };
}

export function kubeApiServerComponent(rbacDefaults: readonly KubeObject[]): Component {
  return {
    name: 'kube-apiserver',
    kind: 'kube-apiserver',
    host: 'control-plane',
    credentials: { clientCertificate: APISERVER_CERTIFICATE },
    start: (ctx: ComponentContext) => runPostStartHooks(ctx.client, rbacDefaults, ctx.engine),
  };
}
