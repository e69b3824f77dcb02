/**
 * PriorityClass validation (pkg/apis/scheduling/validation/validation.go, v1.32): a name with the
 * reserved `system-` prefix must be one of the system classes with their exact value and
 * globalDefault (scheduling.IsKnownSystemPriorityClass); any other class may not go above
 * HighestUserDefinablePriority; preemptionPolicy is one of the two policies; value and
 * preemptionPolicy are immutable. Only one globalDefault is the Priority admission plugin's
 * check, not validation's: it needs the other stored classes.
 */
import { FieldPath, forbidden, notSupported, required, type FieldError } from '../field-errors';
import type { KubeObject } from '../kube-object';
import { nameIsDNSSubdomain } from './name-rules';
import { validateImmutableField, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';

/** scheduling.HighestUserDefinablePriority. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
/** scheduling.SystemCriticalPriority: system-cluster-critical's value; system-node-critical is 1000 above. */
export const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;
export const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-';
export const PREEMPT_LOWER_PRIORITY = 'PreemptLowerPriority';
export const PREEMPT_NEVER = 'Never';

export interface SystemPriorityClass {
  readonly name: string;
  readonly value: number;
  readonly description: string;
}

/** scheduling.SystemPriorityClasses(): neither is a global default. */
export const SYSTEM_PRIORITY_CLASSES: readonly SystemPriorityClass[] = [
  { name: 'system-node-critical', value: SYSTEM_CRITICAL_PRIORITY + 1000, description: 'Used for system critical pods that must not be moved from their current node.' },
  { name: 'system-cluster-critical', value: SYSTEM_CRITICAL_PRIORITY, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.' },
];

/** scheduling.IsKnownSystemPriorityClass: undefined when known, else its error text. */
function unknownSystemClass(name: string, value: unknown, globalDefault: boolean): string | undefined {
  const spc = SYSTEM_PRIORITY_CLASSES.find((c) => c.name === name);
  if (!spc) return `${name} is not a known system priority class`;
  if (spc.value !== value) return `value of ${spc.name} PriorityClass must be ${spc.value}`;
  if (globalDefault) return `globalDefault of ${spc.name} PriorityClass must be false`;
  return undefined;
}

/** ValidatePreemptionPolicy (pkg/apis/core/validation): the same rule as a pod's spec.preemptionPolicy. */
function validatePreemptionPolicy(policy: unknown, path: FieldPath): FieldError[] {
  if (policy === PREEMPT_LOWER_PRIORITY || policy === PREEMPT_NEVER) return [];
  if (policy === '') return [required(path)];
  return [notSupported(path, policy, [PREEMPT_LOWER_PRIORITY, PREEMPT_NEVER])];
}

export function validatePriorityClass(pc: KubeObject): FieldError[] {
  const errs = validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain);
  const name = pc.metadata.name ?? '';
  const value = typeof pc['value'] === 'number' ? pc['value'] : 0;
  if (name.startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const why = unknownSystemClass(name, value, pc['globalDefault'] === true);
    if (why) errs.push(forbidden(FieldPath.root('metadata').child('name'), `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${why}`));
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden(FieldPath.root('value'), `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc['preemptionPolicy'] !== undefined && pc['preemptionPolicy'] !== null) errs.push(...validatePreemptionPolicy(pc['preemptionPolicy'], FieldPath.root('preemptionPolicy')));
  return errs;
}

export function validatePriorityClassUpdate(pc: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(pc.metadata, old.metadata);
  if ((pc['value'] ?? 0) !== (old['value'] ?? 0)) errs.push(forbidden(FieldPath.root('value'), 'may not be changed in an update.'));
  errs.push(...validateImmutableField(pc['preemptionPolicy'], old['preemptionPolicy'], FieldPath.root('preemptionPolicy')));
  return errs;
}
