/**
 * The scale subresource of Deployments, ReplicaSets and StatefulSets (their storage.go ScaleREST):
 * an autoscaling/v1 Scale view of spec.replicas and status (what `kubectl scale` and autoscalers
 * use); a write of the Scale is a merge patch of the object's spec.replicas.
 */
import type { KubeObject } from '../../../api/kube-object';
import { newBadRequest, type StatusError } from '../../status';
import type { GenericRegistry } from '../generic-registry';
import { onMainResource, type RestStorage } from '../rest-storage';

/** The label map a Scale's status.selector prints: a LabelSelector's matchLabels; a ReplicationController's selector is the map itself. */
export type ScaleSelectorOf = (spec: { selector?: unknown }) => Record<string, string> | undefined;

const matchLabelsOf: ScaleSelectorOf = (spec) => (spec.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;

export function scaleOfObject(object: KubeObject, selectorOf: ScaleSelectorOf = matchLabelsOf): KubeObject {
  const spec = (object['spec'] ?? {}) as { replicas?: number; selector?: unknown };
  const status = (object['status'] ?? {}) as { replicas?: number };
  const selector = Object.entries(selectorOf(spec) ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: {
      name: object.metadata.name,
      namespace: object.metadata.namespace,
      uid: object.metadata.uid,
      resourceVersion: object.metadata.resourceVersion,
      creationTimestamp: object.metadata.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 1 },
    status: { replicas: status.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

/** Apply a Scale's spec.replicas to the object. */
export function applyScale(object: KubeObject, scale: unknown): KubeObject {
  const replicas = (scale as { spec?: { replicas?: unknown } } | null)?.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) throw newBadRequest('Scale.spec.replicas: Required value');
  return { ...object, spec: { ...(object['spec'] as object), replicas } };
}

function mergeScale(scale: KubeObject, patch: unknown): unknown {
  const replicas = (patch as { spec?: { replicas?: unknown } } | null)?.spec?.replicas;
  return { ...scale, spec: { replicas: replicas ?? (scale['spec'] as { replicas: number }).replicas } };
}

/** `<resource>/scale`: get, update (PUT of a Scale) and patch. */
export function scaleStorage(registry: GenericRegistry, selectorOf: ScaleSelectorOf = matchLabelsOf): RestStorage {
  const scaleOf = (object: KubeObject) => scaleOfObject(object, selectorOf);
  return {
    get: (ctx, _request, respond) => registry.get(onMainResource(ctx), respond.answer(200, scaleOf)),
    update: (ctx, request, respond) =>
      registry.patch(onMainResource(ctx), { spec: { replicas: (request.body as { spec?: { replicas?: number } })?.spec?.replicas } }, 'application/merge-patch+json', respond.answer(200, scaleOf)),
    patch: (ctx, request, respond) => {
      const mainCtx = onMainResource(ctx);
      registry.get(mainCtx, (r) => {
        if (!r.ok) return respond.reply(r.error.code, r.error.status);
        let scale: KubeObject;
        try {
          scale = applyScale(scaleOf(r.value), mergeScale(scaleOf(r.value), request.body));
        } catch (error) {
          const status = error as StatusError;
          return respond.reply(status.code, status.status);
        }
        registry.patch(mainCtx, { spec: { replicas: (scale['spec'] as { replicas: number }).replicas } }, 'application/merge-patch+json', respond.answer(200, scaleOf));
      });
    },
  };
}
