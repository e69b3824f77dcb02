/**
 * Priority (plugin/pkg/admission/priority): resolves a new pod's priority from its
 * PriorityClass. A pod naming no class gets the global default class (the lowest-valued one if
 * several), or priority 0 when there is none; every pod gets the class's preemptionPolicy
 * (PreemptLowerPriority by default). Naming a class that does not exist, or writing a priority
 * or policy that differs from the class's, is Forbidden with upstream's message. On update the
 * stored values are kept.
 *
 * Classes are read from the apiserver's cache of stored PriorityClasses (the system ones are
 * created by the post-start hook). Its validating half (validatePriorityClass) keeps a second
 * globalDefault class out: "Only one default can exist".
 */
import type { KubeObject } from '../../../../api/kube-object';
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from '../../types';
import { newAdmissionForbidden } from '../admission-errors';
import { isPodRequest, podSpec, withPodSpecFields, type PodSpecJSON } from '../pod-spec';

export const PRIORITY = 'Priority';
export const DEFAULT_PREEMPTION_POLICY = 'PreemptLowerPriority';

interface PriorityClassInfo {
  name: string;
  value: number;
  preemptionPolicy: string;
}

function classInfo(object: KubeObject): PriorityClassInfo {
  return {
    name: object.metadata.name ?? '',
    value: typeof object['value'] === 'number' ? object['value'] : 0,
    preemptionPolicy: typeof object['preemptionPolicy'] === 'string' ? object['preemptionPolicy'] : DEFAULT_PREEMPTION_POLICY,
  };
}

function findClass(context: AdmissionContext, name: string): PriorityClassInfo | undefined {
  const stored = context.get('priorityclasses', '', name);
  return stored ? classInfo(stored) : undefined;
}

/** getDefaultPriorityClass: the lowest-valued globalDefault class, if any. */
function defaultPriorityClass(context: AdmissionContext): KubeObject | undefined {
  let best: KubeObject | undefined;
  for (const pc of context.list('priorityclasses', '')) {
    if (pc['globalDefault'] !== true) continue;
    if (!best || classInfo(pc).value < classInfo(best).value) best = pc;
  }
  return best;
}

/** getDefaultPriority: the default class, else "", 0, PreemptLowerPriority. */
function defaultClass(context: AdmissionContext): PriorityClassInfo {
  const pc = defaultPriorityClass(context);
  return pc ? classInfo(pc) : { name: '', value: 0, preemptionPolicy: DEFAULT_PREEMPTION_POLICY };
}

/** validatePriorityClass: a class may become the global default only while no other one is. */
function validatePriorityClass(a: AdmissionAttributes, context: AdmissionContext): void {
  if (a.object?.['globalDefault'] !== true) return;
  const current = defaultPriorityClass(context);
  if (!current) return;
  if (a.operation === 'CREATE' || (a.operation === 'UPDATE' && current.metadata.name !== a.object.metadata.name)) {
    throw newAdmissionForbidden(a, `PriorityClass ${current.metadata.name ?? ''} is already marked as default. Only one default can exist`);
  }
}

export function priority(): AdmissionPlugin {
  return {
    name: PRIORITY,
    validate(a: AdmissionAttributes, context: AdmissionContext) {
      if (a.subresource || a.resource.resource !== 'priorityclasses') return;
      if (a.operation === 'CREATE' || a.operation === 'UPDATE') validatePriorityClass(a, context);
    },
    admit(a: AdmissionAttributes, context: AdmissionContext) {
      if (!isPodRequest(a) || !a.object) return undefined;
      if (a.operation === 'UPDATE') {
        // Validation forbids changing these; keep what admission set at creation.
        const old = podSpec(a.oldObject);
        const spec = podSpec(a.object);
        const keepPriority = spec.priority === undefined && old.priority !== undefined;
        const keepPolicy = spec.preemptionPolicy === undefined && old.preemptionPolicy !== undefined;
        if (!keepPriority && !keepPolicy) return undefined;
        const fields: Partial<PodSpecJSON> = {};
        if (keepPriority) fields.priority = old.priority;
        if (keepPolicy) fields.preemptionPolicy = old.preemptionPolicy;
        return withPodSpecFields(a.object, fields);
      }
      if (a.operation !== 'CREATE') return undefined;
      // Only the spec's own fields change: a copy of the pod and its spec, the rest shared.
      const spec = podSpec(a.object);
      let pc: PriorityClassInfo;
      let className: string | undefined;
      if (!spec.priorityClassName) {
        pc = defaultClass(context);
        if (pc.name) className = pc.name;
      } else {
        const found = findClass(context, spec.priorityClassName);
        if (!found) throw newAdmissionForbidden(a, `no PriorityClass with name ${spec.priorityClassName} was found`);
        pc = found;
      }
      if (spec.priority !== undefined && spec.priority !== pc.value) {
        throw newAdmissionForbidden(
          a,
          `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${pc.value} from the given PriorityClass name`,
        );
      }
      if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== pc.preemptionPolicy) {
        throw newAdmissionForbidden(
          a,
          `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${pc.preemptionPolicy} from the given PriorityClass name`,
        );
      }
      // The fields in the order the plugin sets them (a new one goes at the end of the spec).
      const fields: Partial<PodSpecJSON> = className !== undefined ? { priorityClassName: className } : {};
      fields.priority = pc.value;
      fields.preemptionPolicy = pc.preemptionPolicy;
      return withPodSpecFields(a.object, fields);
    },
  };
}
