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

/** A selector with no requirements, shared: Selector is never changed once made. */
const NOTHING = new Selector([]);

/**
 * LabelSelectorAsSelector of a controller's spec.selector, once per selector object: the
 * informer's ReplicaSet keeps that object from version to version and never changes it (a
 * ReplicaSet's selector is immutable in apps/v1), and every pod of the ReplicaSet asks for it in
 * each of its cycles. Upstream converts it per pod; the result is the same Selector.
 */
const controllerSelectors = new WeakMap<LabelSelector, Selector | undefined>();

function controllerSelectorOf(ps: LabelSelector | undefined): Selector | undefined {
  if (!ps) return undefined;
  if (controllerSelectors.has(ps)) return controllerSelectors.get(ps);
  const sel = labelSelectorAsSelector(ps);
  controllerSelectors.set(ps, sel);
  return sel;
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
  const owners = (pod.metadata['ownerReferences'] as OwnerReference[] | undefined) ?? [];
  const owner = owners.find((o) => o.controller);
  let other: Selector | undefined;
  if (owner?.apiVersion === 'apps/v1' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet') && owner.name) {
    other = controllerSelectorOf(sources.controllerSelector(owner.kind, ns, owner.name));
  }
  // No Service selects the pod (the usual case): SelectorFromSet of nothing has no requirements,
  // so the selector is the controller's own, shared as it is (the same requirements in the same
  // order as the copy upstream makes).
  if (!set) return other ?? NOTHING;
  const requirements: Requirement[] = [...Selector.fromSet(set).requirements];
  if (other) requirements.push(...other.requirements);
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
