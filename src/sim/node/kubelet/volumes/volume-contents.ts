/**
 * What the kubelet's volume plugins write into a pod's volume directory (pkg/volume/configmap,
 * secret, downwardapi, projected: each builds a payload of files and hands it to the
 * AtomicWriter): the keys of a ConfigMap (data and binaryData) or a Secret (decoded), or only
 * the `items` asked for under their paths; the downward API's fields (labels and annotations
 * as `key="value"` lines, sorted, as fieldpath.FormatMap writes them); a projected volume's
 * sources combined. Errors are the plugins' own texts, which the FailedMount event quotes.
 *
 * Simplified: the AtomicWriter's `..data` symlink to a timestamped directory is not modelled
 * (the keys are plain files, replaced all at once), nor are file modes (defaultMode, mode):
 * `ls` shows what `ls` shows upstream, `ls -l` would not.
 */
import type { Container, DownwardAPIVolumeFile, KeyToPath, Pod, Volume } from 'kubernetes-types/core/v1';
import { goQuote } from '../../../api/field-errors';
import { base64Encode, utf8Bytes } from '../../../base64';
import type { CachedObject } from '../object-manager';
import { fieldRef, resourceRef } from '../env';

/** Where the kubelet finds what volumes need: the managers' caches and what it knows of itself. */
export interface VolumeSources {
  configMap(namespace: string, name: string): CachedObject | undefined;
  secret(namespace: string, name: string): CachedObject | undefined;
  readonly podIP: string;
  readonly hostIP: string;
  readonly nodeAllocatable: { readonly cpu: number; readonly memory: number };
}

/** A volume's files, or why it cannot be set up; `pending` while a watched object has not answered. */
export type VolumePayload = { readonly files: ReadonlyMap<string, string> } | { readonly error: string } | { readonly pending: true };

/** The plugin directory name under /var/lib/kubelet/pods/<uid>/volumes/. */
export function volumePluginDir(v: Volume): string {
  if (v.configMap) return 'kubernetes.io~configmap';
  if (v.secret) return 'kubernetes.io~secret';
  if (v.downwardAPI) return 'kubernetes.io~downward-api';
  if (v.projected) return 'kubernetes.io~projected';
  if (v.emptyDir) return 'kubernetes.io~empty-dir';
  if (v.hostPath) return 'kubernetes.io~host-path';
  return 'kubernetes.io~other';
}

/** Volumes whose files the kubelet rewrites on each sync (RequiresRemount), read-only in containers. */
export function isAtomicWriterVolume(v: Volume): boolean {
  return !!(v.configMap || v.secret || v.downwardAPI || v.projected);
}

/** fieldpath.FormatMap: sorted `key="value"` lines, no newline after the last. */
export function formatMap(m: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${goQuote(m?.[k] ?? '')}`)
    .join('\n');
}

type Payload = Map<string, string>;

/** The keys (or items) of a ConfigMap or Secret, as MakePayload builds them. */
function keysPayload(payload: Payload, data: Readonly<Record<string, string>>, items: readonly KeyToPath[] | undefined, optional: boolean, kind: 'configmap' | 'secret'): string | undefined {
  if (!items?.length) {
    for (const [k, v] of Object.entries(data)) payload.set(k, v);
    return undefined;
  }
  for (const item of items) {
    const v = data[item.key];
    if (v === undefined) {
      if (optional) continue;
      return kind === 'configmap' ? `configmap references non-existent config key: ${item.key}` : `references non-existent secret key: ${item.key}`;
    }
    payload.set(item.path, v);
  }
  return undefined;
}

function objectPayload(payload: Payload, cached: CachedObject | undefined, kind: 'configmap' | 'secret', name: string, items: readonly KeyToPath[] | undefined, optional: boolean): VolumePayload | undefined {
  const object = cached ?? { state: 'absent' };
  if (object.state === 'pending') return { pending: true };
  if (object.state === 'absent') return optional ? undefined : { error: `${kind} "${name}" not found` };
  const error = keysPayload(payload, object.data, items, optional, kind);
  return error ? { error } : undefined;
}

function downwardPayload(payload: Payload, pod: Pod, items: readonly DownwardAPIVolumeFile[], sources: VolumeSources): string | undefined {
  for (const item of items) {
    if (item.fieldRef) {
      const path = item.fieldRef.fieldPath;
      if (path === 'metadata.labels') payload.set(item.path, formatMap(pod.metadata?.labels));
      else if (path === 'metadata.annotations') payload.set(item.path, formatMap(pod.metadata?.annotations));
      else {
        const v = fieldRef(pod, path, sources.podIP, sources.hostIP);
        if (v === undefined) return `unsupported fieldPath: ${path}`;
        payload.set(item.path, v);
      }
    } else if (item.resourceFieldRef) {
      const ref = item.resourceFieldRef;
      const container: Container | undefined = (pod.spec?.containers ?? []).find((c) => c.name === ref.containerName);
      payload.set(item.path, resourceRef(container, ref.resource, ref.divisor as string | undefined, sources.nodeAllocatable));
    }
  }
  return undefined;
}

/** The files of one volume of a pod (SetUpAt's payload). emptyDir and others start empty. */
export function volumePayload(pod: Pod, v: Volume, sources: VolumeSources): VolumePayload {
  const ns = pod.metadata?.namespace ?? 'default';
  const payload: Payload = new Map();
  const done = (r: VolumePayload | string | undefined): VolumePayload => (typeof r === 'string' ? { error: r } : r ?? { files: payload });
  if (v.configMap) {
    const name = v.configMap.name ?? '';
    return done(objectPayload(payload, sources.configMap(ns, name), 'configmap', name, v.configMap.items, v.configMap.optional ?? false));
  }
  if (v.secret) {
    const name = v.secret.secretName ?? '';
    return done(objectPayload(payload, sources.secret(ns, name), 'secret', name, v.secret.items, v.secret.optional ?? false));
  }
  if (v.downwardAPI) return done(downwardPayload(payload, pod, v.downwardAPI.items ?? [], sources));
  if (v.projected) {
    // projected.go collectData: every source's files in one directory; errors are aggregated.
    const errors: string[] = [];
    for (const s of v.projected.sources ?? []) {
      let r: VolumePayload | undefined;
      if (s.configMap) r = objectPayload(payload, sources.configMap(ns, s.configMap.name ?? ''), 'configmap', s.configMap.name ?? '', s.configMap.items, s.configMap.optional ?? false);
      else if (s.secret) r = objectPayload(payload, sources.secret(ns, s.secret.name ?? ''), 'secret', s.secret.name ?? '', s.secret.items, s.secret.optional ?? false);
      else if (s.downwardAPI) {
        const error = downwardPayload(payload, pod, s.downwardAPI.items ?? [], sources);
        if (error) r = { error };
      } else if (s.serviceAccountToken) payload.set(s.serviceAccountToken.path, serviceAccountToken(pod));
      if (r && 'pending' in r) return r;
      if (r && 'error' in r) errors.push(r.error);
    }
    // utilerrors.NewAggregate: one error as itself, several as `[a, b]`.
    if (errors.length === 1) return { error: errors[0] ?? '' };
    if (errors.length > 1) return { error: `[${errors.join(', ')}]` };
    return { files: payload };
  }
  return { files: payload };
}

/**
 * A bound service-account token as the kubelet's token manager would get it (TokenRequest);
 * the simulation does not sign tokens, so this is a readable stand-in in the JWT's shape.
 */
export function serviceAccountToken(pod: Pod): string {
  const claims = `{"aud":["https://kubernetes.default.svc.cluster.local"],"kubernetes.io":{"namespace":"${pod.metadata?.namespace ?? 'default'}","pod":{"name":"${pod.metadata?.name ?? ''}"},"serviceaccount":{"name":"${pod.spec?.serviceAccountName ?? 'default'}"}}}`;
  return `eyJhbGciOiJSUzI1NiJ9.${btoaText(claims)}.simulated-signature`;
}

function btoaText(text: string): string {
  return base64Encode(utf8Bytes(text), 'url').replace(/=+$/, '');
}
