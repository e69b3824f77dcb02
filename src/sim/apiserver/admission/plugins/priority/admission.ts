/**
 * Priority (plugin/pkg/admission/priority): resolves a new pod's priority from its
 * PriorityClass. A pod naming no class gets the global default class (the lowest-valued one if
 * several), or priority 0 when there is none; every pod gets the class's preemptionPolicy
 * (PreemptLowerPriority by default). Naming a class that does not exist, or writing a priority
 * or policy that differs from the class's, is Forbidden with upstream's message. On update the
 * stored values are kept.
 *
 * The simulated apiserver does not serve priorityclasses yet; the two system classes the real
 * apiserver creates at start-up (system-cluster-critical, system-node-critical) are known here.
 * Validation of PriorityClass objects themselves waits for that resource.
 */
import type { KubeObject } from '../../../../api/kube-object';
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from '../../types';
import { newAdmissionForbidden } from '../admission-errors';
import { clonePod, isPodRequest, podSpec, type PodSpecJSON } from '../pod-spec';

export const PRIORITY = 'Priority';
export const DEFAULT_PREEMPTION_POLICY = 'PreemptLowerPriority';

interface PriorityClassInfo {
  name: string;
  value: number;
  preemptionPolicy: string;
}

/** scheduling.SystemPriorityClasses(), as the apiserver's post-start hook creates them. */
export const SYSTEM_PRIORITY_CLASSES: readonly PriorityClassInfo[] = [
  { name: 'system-node-critical', value: 2000001000, preemptionPolicy: DEFAULT_PREEMPTION_POLICY },
  { name: 'system-cluster-critical', value: 2000000000, preemptionPolicy: DEFAULT_PREEMPTION_POLICY },
];

function classInfo(object: KubeObject): PriorityClassInfo {
  return {
    name: object.metadata.name ?? '',
    value: typeof object['value'] === 'number' ? object['value'] : 0,
    preemptionPolicy: typeof object['preemptionPolicy'] === 'string' ? object['preemptionPolicy'] : DEFAULT_PREEMPTION_POLICY,
  };
}

function findClass(context: AdmissionContext, name: string): PriorityClassInfo | undefined {
  const stored = context.get('priorityclasses', '', name);
  if (stored) return classInfo(stored);
  return SYSTEM_PRIORITY_CLASSES.find((c) => c.name === name);
}

/** getDefaultPriority: the lowest-valued globalDefault class, else "", 0, PreemptLowerPriority. */
function defaultClass(context: AdmissionContext): PriorityClassInfo {
  let best: PriorityClassInfo | undefined;
  for (const pc of context.list('priorityclasses', '')) {
    if (pc['globalDefault'] !== true) continue;
    const info = classInfo(pc);
    if (!best || info.value < best.value) best = info;
  }
  return best ?? { name: '', value: 0, preemptionPolicy: DEFAULT_PREEMPTION_POLICY };
}

export function priority(): AdmissionPlugin {
  return {
    name: PRIORITY,
    admit(a: AdmissionAttributes, context: AdmissionContext) {
      if (!isPodRequest(a) || !a.object) return undefined;
      if (a.operation === 'UPDATE') {
        // Validation forbids changing these; keep what admission set at creation.
        const old = podSpec(a.oldObject);
        const spec = podSpec(a.object);
        const keepPriority = spec.priority === undefined && old.priority !== undefined;
        const keepPolicy = spec.preemptionPolicy === undefined && old.preemptionPolicy !== undefined;
        if (!keepPriority && !keepPolicy) return undefined;
        const pod = clonePod(a.object);
        const next = pod.spec as PodSpecJSON;
        if (keepPriority) next.priority = old.priority;
        if (keepPolicy) next.preemptionPolicy = old.preemptionPolicy;
        return pod;
      }
      if (a.operation !== 'CREATE') return undefined;
      const pod = clonePod(a.object);
      const spec = pod.spec as PodSpecJSON;
      let pc: PriorityClassInfo;
      if (!spec.priorityClassName) {
        pc = defaultClass(context);
        if (pc.name) spec.priorityClassName = pc.name;
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
      spec.priority = pc.value;
      if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== pc.preemptionPolicy) {
        throw newAdmissionForbidden(
          a,
          `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${pc.preemptionPolicy} from the given PriorityClass name`,
        );
      }
      spec.preemptionPolicy = pc.preemptionPolicy;
      return pod;
    },
  };
}
