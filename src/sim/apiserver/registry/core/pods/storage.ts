/**
 * Pods (pkg/registry/core/pod/storage/storage.go): the pod strategy, and the subresources the
 * control plane and kubectl use: `binding` (the scheduler's decision), `eviction` (a delete on
 * behalf of a drain that honours the pod's PodDisruptionBudget), `log` (the kubelet's lines,
 * through the apiserver), `exec` (a command run in a container, through the kubelet) and
 * `status` (the kubelet's writes).
 */
import type { StatusError } from '../../../status';
import type { KubeObject } from '../../../../api/kube-object';
import type { Network } from '../../../../network/network';
import type { RequestContext, RequestQuery } from '../../request-context';
import { genericStorage, onMainResource, successStatus, type ResourceRegistration, type RestResponder, type StorageDeps } from '../../rest-storage';
import type { KubeletConnections } from './log';
import { bindPod } from './binding';
import { evictPod } from './eviction';
import { servePodLog } from './log';
import { servePodExec } from './exec';
import { podStrategy } from './strategy';

export const pods: ResourceRegistration = {
  resource: 'pods',
  strategy: podStrategy,
  storage: (deps) => ({
    'pods/status': genericStorage(deps.registry),
    'pods/binding': {
      create: (ctx, request, respond) => bindPod(deps.engine, deps.store, ctx, request.body, respond.answer(201, successStatus(201))),
    },
    'pods/eviction': {
      create: (ctx, request, respond) => evictPod(deps, ctx, request.body, respond.answer(201, successStatus(201))),
    },
    'pods/log': { get: (ctx, _request, respond) => withPod(deps, ctx, respond, servePodLog) },
    'pods/exec': { create: (ctx, _request, respond) => withPod(deps, ctx, respond, servePodExec) },
  }),
};

/** A subresource served by the pod's kubelet (log, exec): read the pod, then hand it on; a refusal is the apiserver's Status. */
function withPod(
  deps: StorageDeps,
  ctx: RequestContext,
  respond: RestResponder,
  serve: (network: Network, kubelets: KubeletConnections | undefined, pod: KubeObject, query: RequestQuery, reply: (code: number, body: unknown) => void) => void,
): void {
  deps.registry.get(onMainResource(ctx), (r) => {
    if (!r.ok) return respond.reply(r.error.code, r.error.status);
    try {
      serve(deps.network, deps.kubelets(), r.value, ctx.query, (code, body) => respond.reply(code, body));
    } catch (error) {
      const status = error as StatusError;
      respond.reply(status.code, status.status);
    }
  });
}
