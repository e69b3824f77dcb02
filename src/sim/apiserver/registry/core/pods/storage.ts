/**
 * Pods (pkg/registry/core/pod/storage/storage.go): the pod strategy, and the subresources the
 * control plane and kubectl use: `binding` (the scheduler's decision), `eviction` (a delete on
 * behalf of a drain; PodDisruptionBudgets are not simulated yet, which the UI says), `log` (the
 * kubelet's lines, through the apiserver), `exec` (a command run in a container, through the
 * kubelet) and `status` (the kubelet's writes).
 */
import type { StatusError } from '../../../status';
import { genericStorage, onMainResource, successStatus, type ResourceRegistration } from '../../rest-storage';
import { bindPod } from './binding';
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
      create: (ctx, _request, respond) => deps.registry.delete(onMainResource(ctx), {}, respond.answer(201, successStatus(201))),
    },
    'pods/log': {
      get: (ctx, _request, respond) =>
        deps.registry.get(onMainResource(ctx), (r) => {
          if (!r.ok) return respond.reply(r.error.code, r.error.status);
          try {
            servePodLog(deps.network, deps.kubelets(), r.value, ctx.query, (code, body) => respond.reply(code, body));
          } catch (error) {
            const status = error as StatusError;
            respond.reply(status.code, status.status);
          }
        }),
    },
    'pods/exec': {
      create: (ctx, _request, respond) =>
        deps.registry.get(onMainResource(ctx), (r) => {
          if (!r.ok) return respond.reply(r.error.code, r.error.status);
          try {
            servePodExec(deps.network, deps.kubelets(), r.value, ctx.query, (code, body) => respond.reply(code, body));
          } catch (error) {
            const status = error as StatusError;
            respond.reply(status.code, status.status);
          }
        }),
    },
  }),
};
