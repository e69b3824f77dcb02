/**
 * ServiceAccount (plugin/pkg/admission/serviceaccount): every pod runs as a ServiceAccount.
 * Mutating, on create: `spec.serviceAccountName` defaults to `default`; the account must exist
 * (`error looking up service account default/x: serviceaccount "x" not found`, Forbidden);
 * unless automounting is turned off, each container gets the projected `kube-api-access-xxxxx`
 * volume (a bound token expiring in 3607 s, the cluster CA from the kube-root-ca.crt ConfigMap,
 * the namespace from the downward API) mounted read-only at
 * /var/run/secrets/kubernetes.io/serviceaccount; the account's imagePullSecrets are copied when
 * the pod names none. Validating: the same existence check, mirror pods may not use accounts or
 * secrets, and accounts annotated `kubernetes.io/enforce-mountable-secrets: "true"` limit the
 * secrets a pod may reference.
 */
import { newNotFound } from '../../../status';
import type { KubeObject } from '../../../../api/kube-object';
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from '../../types';
import { newAdmissionForbidden } from '../admission-errors';
import { clonePodSpec, isPodRequest, podSpec, type PodJSON, type PodSpecJSON, type VolumeJSON } from '../pod-spec';
import { flatString } from '../../../../flat-string';

export const SERVICE_ACCOUNT = 'ServiceAccount';
export const DEFAULT_SERVICE_ACCOUNT_NAME = 'default';
export const SERVICE_ACCOUNT_VOLUME_NAME = 'kube-api-access';
export const DEFAULT_API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
export const ENFORCE_MOUNTABLE_SECRETS_ANNOTATION = 'kubernetes.io/enforce-mountable-secrets';
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: one hour and seven seconds. */
export const WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS = 3607;
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

interface ServiceAccountJSON extends KubeObject {
  secrets?: { name?: string }[];
  imagePullSecrets?: { name?: string }[];
  automountServiceAccountToken?: boolean;
}

/** TokenVolumeSource: the projected sources every auto-mounted pod gets. */
export function tokenVolumeSource(): Record<string, unknown> {
  return {
    sources: [
      { serviceAccountToken: { expirationSeconds: WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
    // corev1.ProjectedVolumeSourceDefaultMode (0644), set explicitly upstream (#104464).
    defaultMode: 420,
  };
}

function shouldIgnore(a: AdmissionAttributes): boolean {
  return !isPodRequest(a, ['', 'ephemeralcontainers']) || a.object === undefined;
}

function isMirrorPod(pod: KubeObject): boolean {
  return pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined;
}

/**
 * The account name the pod asks for. The v1 → internal conversion fills serviceAccountName from
 * the deprecated serviceAccount field when only that one is set; objects here stay v1, so the
 * plugin reads both.
 */
function accountName(spec: PodSpecJSON): string {
  return spec.serviceAccountName || spec.serviceAccount || '';
}

function lookUp(a: AdmissionAttributes, context: AdmissionContext, name: string): ServiceAccountJSON {
  // getServiceAccount: the lister first, then, when it has not seen the account yet (a pod
  // created right after its namespace, before the informer has the controller's `default`), a
  // live GET. Upstream retries the live GET up to 10 times, 100-199 ms apart, for `default`;
  // admission here cannot sleep on the engine's clock, so it reads once, after the write.
  const account = (context.get('serviceaccounts', a.namespace, name) ?? context.getLive('serviceaccounts', a.namespace, name)) as ServiceAccountJSON | undefined;
  if (account) return account;
  const notFound = newNotFound({ group: '', resource: 'serviceaccount' }, name);
  throw newAdmissionForbidden(a, `error looking up service account ${a.namespace}/${name}: ${notFound.message}`);
}

function shouldAutomount(account: ServiceAccountJSON, spec: PodSpecJSON): boolean {
  return spec.automountServiceAccountToken ?? account.automountServiceAccountToken ?? true;
}

/** mountServiceAccountToken: one volume, mounted by every container that has nothing at the path. */
function mountToken(spec: PodSpecJSON, context: AdmissionContext): void {
  const existing = (spec.volumes ?? []).find((v) => v.name.startsWith(`${SERVICE_ACCOUNT_VOLUME_NAME}-`));
  // names.SimpleNameGenerator: the prefix and five characters of utilrand's alphabet.
  const volumeName = existing?.name ?? flatString(`${SERVICE_ACCOUNT_VOLUME_NAME}-${context.rng.string(5)}`);
  let needsVolume = false;
  for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if ((container.volumeMounts ?? []).some((m) => m.mountPath === DEFAULT_API_TOKEN_MOUNT_PATH)) continue;
    container.volumeMounts = [...(container.volumeMounts ?? []), { name: volumeName, readOnly: true, mountPath: DEFAULT_API_TOKEN_MOUNT_PATH }];
    needsVolume = true;
  }
  if (!existing && needsVolume) {
    const volume: VolumeJSON = { name: volumeName, projected: tokenVolumeSource() };
    spec.volumes = [...(spec.volumes ?? []), volume];
  }
}

/** limitSecretReferences: for accounts that enforce mountable secrets. */
function secretReferenceError(account: ServiceAccountJSON, spec: PodSpecJSON): string | undefined {
  const name = account.metadata.name ?? '';
  const mountable = new Set((account.secrets ?? []).map((s) => s.name));
  for (const volume of spec.volumes ?? []) {
    const secretName = (volume['secret'] as { secretName?: string } | undefined)?.secretName;
    if (secretName === undefined) continue;
    if (!mountable.has(secretName)) return `volume with secret.secretName="${secretName}" is not allowed because service account ${name} does not reference that secret`;
  }
  const groups: [string, PodSpecJSON['containers']][] = [
    ['init container', spec.initContainers],
    ['container', spec.containers],
  ];
  for (const [kind, containers] of groups) {
    for (const c of containers ?? []) {
      for (const env of c.env ?? []) {
        const ref = env.valueFrom?.secretKeyRef?.name;
        if (ref !== undefined && !mountable.has(ref)) {
          return `${kind} ${c.name} with envVar ${env.name} referencing secret.secretName="${ref}" is not allowed because service account ${name} does not reference that secret`;
        }
      }
      for (const from of c.envFrom ?? []) {
        const ref = from.secretRef?.name;
        if (ref !== undefined && !mountable.has(ref)) {
          return `${kind} ${c.name} with envFrom referencing secret.secretName="${ref}" is not allowed because service account ${name} does not reference that secret`;
        }
      }
    }
  }
  const pullSecrets = new Set((account.imagePullSecrets ?? []).map((s) => s.name));
  const pulls = spec.imagePullSecrets ?? [];
  for (let i = 0; i < pulls.length; i++) {
    const ref = pulls[i]?.name;
    if (!pullSecrets.has(ref)) return `imagePullSecrets[${i}].name="${ref ?? ''}" is not allowed because service account ${name} does not reference that imagePullSecret`;
  }
  return undefined;
}

function validatePod(a: AdmissionAttributes, context: AdmissionContext): void {
  if (shouldIgnore(a) || !a.object) return;
  // Ephemeral containers (the ephemeralcontainers subresource) are not simulated.
  if (a.operation !== 'CREATE') return;
  const pod = a.object as PodJSON;
  const spec = podSpec(pod);
  if (isMirrorPod(pod)) {
    if (accountName(spec)) throw newAdmissionForbidden(a, 'a mirror pod may not reference service accounts');
    const referencesSecrets =
      (spec.volumes ?? []).some((v) => v['secret'] !== undefined) ||
      (spec.imagePullSecrets ?? []).length > 0 ||
      [...(spec.initContainers ?? []), ...(spec.containers ?? [])].some(
        (c) => (c.env ?? []).some((e) => e.valueFrom?.secretKeyRef) || (c.envFrom ?? []).some((e) => e.secretRef),
      );
    if (referencesSecrets) throw newAdmissionForbidden(a, 'a mirror pod may not reference secrets');
    for (const v of spec.volumes ?? []) {
      const sources = (v['projected'] as { sources?: Record<string, unknown>[] } | undefined)?.sources ?? [];
      if (sources.some((s) => s['serviceAccountToken'] !== undefined)) {
        throw newAdmissionForbidden(a, 'a mirror pod may not use ServiceAccountToken volume projections');
      }
    }
    return;
  }
  const name = accountName(spec);
  if (!name) throw newAdmissionForbidden(a, `no service account specified for pod ${a.namespace}/${pod.metadata.name ?? ''}`);
  const account = lookUp(a, context, name);
  if (account.metadata.annotations?.[ENFORCE_MOUNTABLE_SECRETS_ANNOTATION] === 'true') {
    const error = secretReferenceError(account, spec);
    if (error) throw newAdmissionForbidden(a, error);
  }
}

export function serviceAccount(): AdmissionPlugin {
  return {
    name: SERVICE_ACCOUNT,
    admit(a: AdmissionAttributes, context: AdmissionContext) {
      if (shouldIgnore(a) || !a.object || a.operation !== 'CREATE') return undefined;
      // Mirror pods are never changed (the kubelet would delete them), only checked.
      if (isMirrorPod(a.object)) {
        validatePod(a, context);
        return undefined;
      }
      // The spec's and the containers' own fields change (volumeMounts, replaced): those are copied.
      const pod = clonePodSpec(a.object);
      const spec = pod.spec;
      const name = accountName(spec) || DEFAULT_SERVICE_ACCOUNT_NAME;
      // The v1 serialisation writes the deprecated field alongside (Convert_core_PodSpec_To_v1_PodSpec).
      spec.serviceAccountName = name;
      spec.serviceAccount = name;
      const account = lookUp(a, context, name);
      if (shouldAutomount(account, spec)) mountToken(spec, context);
      if ((spec.imagePullSecrets ?? []).length === 0 && (account.imagePullSecrets ?? []).length > 0) {
        spec.imagePullSecrets = (account.imagePullSecrets ?? []).map((s) => ({ name: s.name ?? '' }));
      }
      validatePod({ ...a, object: pod }, context);
      return pod;
    },
    validate: validatePod,
  };
}
