/**
 * The pod subresources the control plane uses: `binding` (the scheduler's decision: sets
 * spec.nodeName once, pkg/registry/core/pod/storage.BindingREST) and `eviction` (a delete on
 * behalf of a drain; PodDisruptionBudgets are not simulated yet, which the UI says).
 */
import type { KubeObject } from '../../../../api/kube-object';
import { etcdKey } from '../../../../api/resources';
import { simulatedTimestamp } from '../../../../api/time';
import type { Engine } from '../../../../engine';
import type { Etcd3Store } from '../../../storage/etcd3-store';
import { newBadRequest, newConflict, StatusError } from '../../../status';
import type { Done } from '../../generic-registry';
import type { RequestContext } from '../../request-context';
import { interpretStorageError } from '../../storage-errors';

export function bindPod(engine: Engine, store: Etcd3Store, ctx: RequestContext, body: unknown, done: Done<KubeObject>): void {
  const binding = body as { target?: { kind?: string; name?: string }; metadata?: { name?: string } } | null;
  const nodeName = binding?.target?.name;
  if (!nodeName) return done({ ok: false, error: newBadRequest('Binding.target.name: Required value') });
  if (binding?.target?.kind && binding.target.kind !== 'Node') {
    return done({ ok: false, error: newBadRequest(`Binding.target.kind: Unsupported value: "${binding.target.kind}": supported values: "Node"`) });
  }
  const key = etcdKey(ctx.resource, ctx.info.namespace, ctx.info.name);
  store.guaranteedUpdate(
    key,
    (pod) => {
      const spec = (pod['spec'] ?? {}) as { nodeName?: string };
      if (pod.metadata['deletionTimestamp']) {
        throw newConflict(ctx.resource, ctx.info.name, 'pod is being deleted, cannot be assigned to a host');
      }
      if (spec.nodeName) {
        throw newConflict(ctx.resource, ctx.info.name, `pod ${ctx.info.name} is already assigned to node "${spec.nodeName}"`);
      }
      const status = (pod['status'] ?? {}) as { conditions?: { type: string }[] };
      const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
      conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: simulatedTimestamp(engine.now()) } as { type: string });
      return { ...pod, spec: { ...spec, nodeName }, status: { ...status, conditions } } as KubeObject;
    },
    (r) => {
      ctx.stages.push({ name: 'etcd', outcome: r.ok ? 'passed' : 'failed', detail: `bind to ${nodeName}`, at: engine.now() });
      if (!r.ok) return done({ ok: false, error: r.error instanceof StatusError ? r.error : interpretStorageError(r.error, ctx.resource, ctx.info.name) });
      done({ ok: true, value: r.value });
    },
    { requestId: ctx.requestId },
  );
}
