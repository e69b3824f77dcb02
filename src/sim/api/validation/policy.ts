/**
 * PodDisruptionBudget validation (pkg/apis/policy/validation/validation.go, v1.32,
 * ValidatePodDisruptionBudgetSpec): minAvailable and maxUnavailable are exclusive, each a
 * non-negative integer or a percentage no greater than 100%, the selector is a valid label
 * selector, and unhealthyPodEvictionPolicy is one of the two policies. In policy/v1 the spec may
 * change after creation, so an update validates the new object as a create does.
 */
import { FieldPath, goLiteral, invalid, notSupported, type FieldError } from '../field-errors';
import type { KubeObject } from '../kube-object';
import { validateLabelSelector, type LabelSelector } from '../labels/label-selector';
import { isObject, obj } from './json-access';
import { nameIsDNSSubdomain } from './name-rules';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { goIntOrString, validatePositiveIntOrPercent } from './workloads';

/** supportedUnhealthyPodEvictionPolicies, as sets.List() sorts them. */
export const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'] as const;

const specPath = FieldPath.root('spec');

/**
 * fmt's %v of the internal PodDisruptionBudgetSpec, whose fields are pointers: Go prints their
 * addresses, which differ per run; fixed ones stand in for them here.
 */
function goSpec(spec: Record<string, unknown>): ReturnType<typeof goLiteral> {
  const pointer = (present: boolean, type: string, address: string): string => `(*${type})(${present ? address : 'nil'})`;
  return goLiteral(
    `policy.PodDisruptionBudgetSpec{MinAvailable:${pointer(spec['minAvailable'] != null, 'intstr.IntOrString', '0xc000a10e80')}, ` +
      `Selector:${pointer(spec['selector'] != null, 'v1.LabelSelector', '0xc000a10ea0')}, ` +
      `MaxUnavailable:${pointer(spec['maxUnavailable'] != null, 'intstr.IntOrString', '0xc000a10ec0')}, ` +
      `UnhealthyPodEvictionPolicy:${pointer(spec['unhealthyPodEvictionPolicy'] != null, 'policy.UnhealthyPodEvictionPolicyType', '0xc000a10ee0')}}`,
  );
}

/** IsNotMoreThan100Percent. */
function notMoreThan100Percent(v: unknown, path: FieldPath): FieldError[] {
  return typeof v === 'string' && /^[0-9]+%$/.test(v) && parseInt(v, 10) > 100 ? [invalid(path, goIntOrString(v), 'must not be greater than 100%')] : [];
}

export function validatePodDisruptionBudgetSpec(spec: Record<string, unknown>): FieldError[] {
  const errs: FieldError[] = [];
  const min = spec['minAvailable'];
  const max = spec['maxUnavailable'];
  if (min != null && max != null) errs.push(invalid(specPath, goSpec(spec), 'minAvailable and maxUnavailable cannot be both set'));
  for (const [name, v] of [['minAvailable', min], ['maxUnavailable', max]] as const) {
    if (v == null) continue;
    errs.push(...validatePositiveIntOrPercent(v, specPath.child(name)), ...notMoreThan100Percent(v, specPath.child(name)));
  }
  errs.push(...validateLabelSelector(isObject(spec['selector']) ? (spec['selector'] as LabelSelector) : undefined, specPath.child('selector')));
  const policy = spec['unhealthyPodEvictionPolicy'];
  if (policy != null && !(UNHEALTHY_POD_EVICTION_POLICIES as readonly unknown[]).includes(policy)) {
    errs.push(notSupported(specPath.child('unhealthyPodEvictionPolicy'), policy, UNHEALTHY_POD_EVICTION_POLICIES));
  }
  return errs;
}

export function validatePodDisruptionBudget(pdb: KubeObject): FieldError[] {
  return [...validateObjectMeta(pdb.metadata, true, nameIsDNSSubdomain), ...validatePodDisruptionBudgetSpec(obj(pdb['spec']))];
}

export function validatePodDisruptionBudgetUpdate(pdb: KubeObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(pdb.metadata, old.metadata), ...validatePodDisruptionBudgetSpec(obj(pdb['spec']))];
}
