/**
 * helper.DefaultSelector (plugins/helper/spread.go): the selector for a pod's system-default
 * topology spreading — the union of the selectors of the Services that select it, and of the
 * ReplicaSet or StatefulSet that controls it. (ReplicationControllers are not served yet.)
 */
import { labelSelectorAsSelector, type LabelSelector } from '../../../api/labels/label-selector';
import { Selector, type Requirement } from '../../../api/labels/selector';
import type { V1Pod } from '../../framework/v1';

export interface SpreadingSources {
  /** spec.selector of each Service in the namespace. */
  services(namespace: string): readonly (Readonly<Record<string, string>> | undefined)[];
  /** spec.selector of the named ReplicaSet / StatefulSet, if it exists. */
  controllerSelector(kind: 'ReplicaSet' | 'StatefulSet', namespace: string, name: string): LabelSelector | undefined;
}

interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  controller?: boolean;
}

export function defaultSelector(pod: V1Pod, sources: SpreadingSources): Selector {
  const ns = pod.metadata.namespace ?? '';
  const labels = pod.metadata.labels ?? {};
  let set: Record<string, string> | undefined;
  for (const sel of sources.services(ns)) {
    // GetPodServices: a Service with a selector that matches the pod's labels.
    if (!sel || !selectsLabels(sel, labels)) continue;
    Object.assign((set ??= {}), sel);
  }
  // No Service selects the pod (the usual case): SelectorFromSet of nothing has no requirements.
  const requirements: Requirement[] = set ? [...Selector.fromSet(set).requirements] : [];
  const owners = (pod.metadata['ownerReferences'] as OwnerReference[] | undefined) ?? [];
  const owner = owners.find((o) => o.controller);
  if (owner?.apiVersion === 'apps/v1' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet') && owner.name) {
    const other = labelSelectorAsSelector(sources.controllerSelector(owner.kind, ns, owner.name));
    if (other) requirements.push(...other.requirements);
  }
  return new Selector(requirements);
}

/** Whether a Service's selector, non-empty, selects these labels (an empty one selects nothing here). */
function selectsLabels(sel: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  let empty = true;
  for (const k in sel) {
    if (!Object.hasOwn(sel, k)) continue;
    empty = false;
    if (labels[k] !== sel[k]) return false;
  }
  return !empty;
}
