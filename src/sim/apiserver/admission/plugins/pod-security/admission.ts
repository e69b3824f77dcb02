/**
 * PodSecurity (plugin/pkg/admission/security/podsecurity, k8s.io/pod-security-admission): the
 * Pod Security Standards, enforced per namespace by the label
 * `pod-security.kubernetes.io/enforce: privileged|baseline|restricted` (and `-version`, which
 * only names the policy version in the message here: the checks are always the latest ones).
 * A pod that violates the level is Forbidden with every violation listed:
 * `violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (...), ...`.
 *
 * The `warn` and `audit` labels produce response warnings and audit annotations upstream; the
 * simulated apiserver has neither yet, so they are read by nobody. Workload resources
 * (Deployments ...) are only ever warned about upstream, so they are not checked either.
 */
import type { KubeObject } from '../../../../api/kube-object';
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from '../../types';
import { newAdmissionForbidden } from '../admission-errors';
import { isPodRequest, podSpec, type PodJSON } from '../pod-spec';
import { evaluatePod, forbiddenDetail, type PodSecurityLevel } from './checks';

export const POD_SECURITY = 'PodSecurity';
export const ENFORCE_LEVEL_LABEL = 'pod-security.kubernetes.io/enforce';
export const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

const LEVELS: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];

/**
 * api.PolicyToEvaluate for the enforce mode, as `level:version`. The default (no label) is
 * privileged:latest; a label that does not parse fails closed, to restricted, and a bad version
 * to latest, as ParseLevel and ParseVersion do.
 */
export function enforcePolicy(labels: Readonly<Record<string, string>>): { level: PodSecurityLevel; version: string } {
  const levelLabel = labels[ENFORCE_LEVEL_LABEL];
  const level: PodSecurityLevel = levelLabel === undefined ? 'privileged' : LEVELS.includes(levelLabel as PodSecurityLevel) ? (levelLabel as PodSecurityLevel) : 'restricted';
  const versionLabel = labels[ENFORCE_VERSION_LABEL];
  const version = versionLabel !== undefined && /^v1\.(0|[1-9][0-9]*)$/.test(versionLabel) ? versionLabel : 'latest';
  return { level, version };
}

/** isSignificantPodUpdate: pod specs are mostly immutable; only images and seccomp annotations matter. */
function isSignificantPodUpdate(pod: PodJSON, old: PodJSON): boolean {
  const seccompPod = 'seccomp.security.alpha.kubernetes.io/pod';
  const annotations = pod.metadata.annotations ?? {};
  const oldAnnotations = old.metadata.annotations ?? {};
  if (annotations[seccompPod] !== oldAnnotations[seccompPod]) return true;
  const spec = podSpec(pod);
  const oldSpec = podSpec(old);
  for (const field of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    const now = spec[field] ?? [];
    const before = oldSpec[field] ?? [];
    if (now.length !== before.length) return true;
    for (let i = 0; i < now.length; i++) {
      const c = now[i];
      const o = before[i];
      if (!c || !o || c.image !== o.image) return true;
      const key = `container.seccomp.security.alpha.kubernetes.io/${c.name}`;
      if (annotations[key] !== oldAnnotations[key]) return true;
    }
  }
  return false;
}

export function podSecurity(): AdmissionPlugin {
  return {
    name: POD_SECURITY,
    validate(a: AdmissionAttributes, context: AdmissionContext) {
      if (!isPodRequest(a, ['', 'ephemeralcontainers']) || !a.object) return;
      if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return;
      if (a.operation === 'UPDATE' && a.subresource === '' && a.oldObject && !isSignificantPodUpdate(a.object as PodJSON, a.oldObject as PodJSON)) return;
      const namespace: KubeObject | undefined = context.get('namespaces', '', a.namespace);
      if (!namespace) return;
      const { level, version } = enforcePolicy(namespace.metadata.labels ?? {});
      const detail = forbiddenDetail(evaluatePod(level, a.object.metadata, podSpec(a.object)));
      if (detail === undefined) return;
      throw newAdmissionForbidden(a, `violates PodSecurity "${level}:${version}": ${detail}`);
    },
  };
}
