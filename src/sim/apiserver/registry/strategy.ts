/**
 * The strategy contract (pkg/registry/<group>/<resource>/strategy.go) and the steps of it the
 * generic registry runs for every resource: what a create resets, what an update keeps, when
 * metadata.generation moves, and how the status subresource differs from the main resource.
 * Each resource's own rules live in its folder (registry/core/pods/strategy.ts...); this module
 * knows no resource by name.
 *
 * - Resources with a status subresource ignore status on create/update of the main resource
 *   and ignore everything but status on an update of /status (PrepareForUpdate upstream).
 * - metadata.generation starts at 1 and grows when the spec (anything but metadata and status)
 *   changes, for the resources whose strategies keep one.
 */
import type { Rng } from '../../engine';
import type { ResourceInfo } from '../../api/resources';
import type { KubeObject } from '../../api/kube-object';
import { withFields } from '../../api/object-copy';

/** A resource's rules on writes; every hook is optional, and a resource without one is plain storage. */
export interface ResourceStrategy {
  /** What a new object's status is, for a resource with a status subresource (pods start Pending). */
  initialStatus?(object: KubeObject): unknown;
  /**
   * PrepareForCreate's `Generation = 1`: the workloads, whose controllers report the generation
   * they saw. Pods get one only from 1.33; Services, Namespaces, Nodes never do.
   */
  readonly tracksGeneration?: boolean;
  /**
   * An update of /status may change annotations too (the apps status strategies reset only the
   * spec and labels): the Deployment controller writes deployment.kubernetes.io/revision so.
   */
  readonly statusUpdateTakesAnnotations?: boolean;
  /** An update of the main resource may set status too (nodes): it is not reset to the stored one. */
  readonly updateKeepsStatus?: boolean;
  /** The resource's own PrepareForCreate, after the generic steps (status, generation). */
  prepareForCreate?(object: KubeObject): KubeObject;
  /** BeginCreate: allocation a new object needs (a Service's cluster IP), given the stored ones. */
  beginCreate?(object: KubeObject, existing: () => readonly KubeObject[], rng: Rng): KubeObject;
  /**
   * The resource's own PrepareForUpdate of the main resource, after the generic steps (a
   * namespace keeps its spec.finalizers: only the finalize subresource changes them).
   */
  prepareForUpdate?(object: KubeObject, old: KubeObject): KubeObject;
  /** BeginUpdate: after defaulting, before admission (a Service keeps its allocated addresses). */
  beginUpdate?(object: KubeObject, old: KubeObject): KubeObject;
  /** CheckGracefulDelete: the grace period in seconds; 0 (the default) deletes at once. */
  gracePeriod?(object: KubeObject, requested: number | undefined): number;
  /** Finalizers the object's spec holds (a namespace's), which make a delete graceful as metadata's do. */
  specFinalizers?(object: KubeObject): readonly string[];
  /** What else a graceful delete writes beside deletionTimestamp (a namespace turns Terminating). */
  markDeleting?(object: KubeObject): KubeObject;
}

/** The strategy of a resource with no rules of its own. */
export const PLAIN_STRATEGY: ResourceStrategy = {};

function specOf(object: KubeObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = object;
  return JSON.stringify(rest);
}

export function prepareForCreate(info: ResourceInfo, strategy: ResourceStrategy, object: KubeObject): KubeObject {
  let out: KubeObject = object;
  if (info.subresources.includes('status')) {
    const status = strategy.initialStatus?.(object);
    const { status: _dropped, ...rest } = out;
    // withFields, not a spread: a new field on a spread copy is slow (object-copy.ts).
    out = (status === undefined ? rest : withFields(rest, { status })) as KubeObject;
  }
  if (strategy.tracksGeneration) out = { ...out, metadata: withFields(out.metadata, { generation: 1 }) };
  return strategy.prepareForCreate ? strategy.prepareForCreate(out) : out;
}

/** An update of the main resource: status is kept from the stored object; generation follows the spec. */
export function prepareForUpdate(info: ResourceInfo, strategy: ResourceStrategy, object: KubeObject, old: KubeObject): KubeObject {
  let out: KubeObject = object;
  if (info.subresources.includes('status') && !strategy.updateKeepsStatus) {
    const { status: _dropped, ...rest } = out;
    out = (old['status'] === undefined ? rest : { ...rest, status: old['status'] }) as KubeObject;
  }
  if (strategy.tracksGeneration) {
    const oldGeneration = typeof old.metadata['generation'] === 'number' ? (old.metadata['generation'] as number) : 1;
    const generation = specOf(out) === specOf(old) ? oldGeneration : oldGeneration + 1;
    out = { ...out, metadata: { ...out.metadata, generation } };
  }
  return out;
}

/** An update of /status: only status changes; spec and metadata (but for labels/annotations upstream) stay. */
export function prepareForStatusUpdate(object: KubeObject, old: KubeObject, strategy: ResourceStrategy = PLAIN_STRATEGY): KubeObject {
  if (strategy.statusUpdateTakesAnnotations) {
    const { annotations: _a, ...rest } = old.metadata;
    const annotations = object.metadata.annotations;
    return { ...old, metadata: { ...rest, ...(annotations && Object.keys(annotations).length ? { annotations } : {}) }, status: object['status'] } as KubeObject;
  }
  return { ...old, status: object['status'] } as KubeObject;
}

/** The system-owned metadata a client may not change on update: kept from the stored object. */
/** Whether `meta` has its own name, namespace, uid and creationTimestamp as `m` has them, and the deletion fields and generateName `m` has. */
function keepsSystemMetadata(meta: KubeObject['metadata'], m: KubeObject['metadata']): boolean {
  return (
    meta.name === m.name &&
    meta.namespace === m.namespace &&
    meta.uid === m.uid &&
    meta.creationTimestamp === m.creationTimestamp &&
    Object.hasOwn(meta, 'name') &&
    Object.hasOwn(meta, 'namespace') &&
    Object.hasOwn(meta, 'uid') &&
    Object.hasOwn(meta, 'creationTimestamp') &&
    (m['deletionTimestamp'] === undefined || meta['deletionTimestamp'] === m['deletionTimestamp']) &&
    (m['deletionGracePeriodSeconds'] === undefined || meta['deletionGracePeriodSeconds'] === m['deletionGracePeriodSeconds']) &&
    (m.generateName === undefined || meta.generateName === m.generateName)
  );
}

export function keepSystemMetadata(object: KubeObject, old: KubeObject): KubeObject {
  const m = old.metadata;
  // An update that already carries them (every patch and status write does) is its own answer:
  // the copy would hold the same keys, in the same order, with the same values.
  if (keepsSystemMetadata(object.metadata, m)) return object;
  return {
    ...object,
    metadata: {
      ...object.metadata,
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      creationTimestamp: m.creationTimestamp,
      ...(m['deletionTimestamp'] !== undefined ? { deletionTimestamp: m['deletionTimestamp'] } : {}),
      ...(m['deletionGracePeriodSeconds'] !== undefined ? { deletionGracePeriodSeconds: m['deletionGracePeriodSeconds'] } : {}),
      ...(m.generateName !== undefined ? { generateName: m.generateName } : {}),
    },
  };
}
