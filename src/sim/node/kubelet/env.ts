/**
 * The environment a container starts with (kubelet_pods.go makeEnvironmentVariables): the
 * image's PATH and HOSTNAME, the Service links of the default `kubernetes` Service, then the
 * container's env in order, resolving the downward API (fieldRef, resourceFieldRef) and
 * `$(VAR)` references. ConfigMap and Secret references are looked up through `lookup`; a
 * missing one is CreateContainerConfigError, as upstream.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../../api/quantity';

export interface EnvLookup {
  configMap(namespace: string, name: string): Readonly<Record<string, string>> | undefined;
  secret(namespace: string, name: string): Readonly<Record<string, string>> | undefined;
}

export type EnvResult = { readonly env: [string, string][] } | { readonly error: string };

function fieldRef(pod: Pod, path: string, podIP: string, hostIP: string): string | undefined {
  const meta = pod.metadata ?? {};
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? meta.labels : meta.annotations)?.[m[2] ?? ''] ?? '';
  switch (path) {
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? '';
    case 'metadata.uid':
      return meta.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP':
    case 'status.podIPs':
      return podIP;
    case 'status.hostIP':
    case 'status.hostIPs':
      return hostIP;
    default:
      return undefined;
  }
}

/** resourceFieldRef: limits/requests divided by the divisor, rounded up (as upstream). */
function resourceRef(container: Container | undefined, resource: string, divisor: string | undefined, nodeAllocatable: { cpu: number; memory: number }): string {
  const [kind, name] = resource.split('.') as [string, string];
  const table = kind === 'limits' ? container?.resources?.limits : container?.resources?.requests;
  const raw = table?.[name];
  const div = divisor ? parseQuantity(divisor) : parseQuantity('1');
  if (name === 'cpu') {
    const milli = raw !== undefined ? parseQuantity(String(raw)).milliValue() : kind === 'limits' ? nodeAllocatable.cpu : 0;
    return String(Math.max(Math.ceil(milli / Math.max(div.milliValue(), 1)), kind === 'limits' || milli > 0 ? 1 : 0));
  }
  const bytes = raw !== undefined ? parseQuantity(String(raw)).value() : kind === 'limits' ? nodeAllocatable.memory : 0;
  return String(Math.ceil(bytes / Math.max(div.value(), 1)));
}

export function makeEnvironmentVariables(pod: Pod, container: Container, podIP: string, hostIP: string, lookup: EnvLookup, nodeAllocatable: { cpu: number; memory: number }): EnvResult {
  const ns = pod.metadata?.namespace ?? 'default';
  const out = new Map<string, string>();
  out.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  out.set('HOSTNAME', pod.spec?.hostname ?? pod.metadata?.name ?? '');
  for (const from of container.envFrom ?? []) {
    const data = from.configMapRef ? lookup.configMap(ns, from.configMapRef.name ?? '') : from.secretRef ? lookup.secret(ns, from.secretRef.name ?? '') : undefined;
    if (!data) {
      const optional = from.configMapRef?.optional ?? from.secretRef?.optional;
      if (optional) continue;
      return { error: from.configMapRef ? `configmap "${from.configMapRef.name}" not found` : `secret "${from.secretRef?.name}" not found` };
    }
    for (const [k, v] of Object.entries(data)) out.set(`${from.prefix ?? ''}${k}`, v);
  }
  const expand = (value: string) => value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => out.get(name) ?? whole).replace(/\$\$/g, '$');
  for (const e of container.env ?? []) {
    const vf = e.valueFrom;
    if (!vf) {
      out.set(e.name, expand(e.value ?? ''));
      continue;
    }
    if (vf.fieldRef) {
      const v = fieldRef(pod, vf.fieldRef.fieldPath, podIP, hostIP);
      if (v === undefined) return { error: `unsupported fieldPath: ${vf.fieldRef.fieldPath}` };
      out.set(e.name, v);
    } else if (vf.resourceFieldRef) {
      const target = vf.resourceFieldRef.containerName ? (pod.spec?.containers ?? []).find((c) => c.name === vf.resourceFieldRef?.containerName) : container;
      out.set(e.name, resourceRef(target, vf.resourceFieldRef.resource, vf.resourceFieldRef.divisor as string | undefined, nodeAllocatable));
    } else if (vf.configMapKeyRef || vf.secretKeyRef) {
      const ref = vf.configMapKeyRef ?? vf.secretKeyRef;
      const isCm = !!vf.configMapKeyRef;
      const data = isCm ? lookup.configMap(ns, ref?.name ?? '') : lookup.secret(ns, ref?.name ?? '');
      const v = data?.[ref?.key ?? ''];
      if (v === undefined) {
        if (ref?.optional) continue;
        if (!data) return { error: `${isCm ? 'configmap' : 'secret'} "${ref?.name}" not found` };
        return { error: `couldn't find key ${ref?.key} in ${isCm ? 'ConfigMap' : 'Secret'} ${ns}/${ref?.name}` };
      }
      out.set(e.name, v);
    }
  }
  // Service links (enableServiceLinks): the `kubernetes` Service is always there.
  if (pod.spec?.enableServiceLinks !== false || ns === 'default') {
    const svc: [string, string][] = [
      ['KUBERNETES_SERVICE_HOST', '10.96.0.1'],
      ['KUBERNETES_SERVICE_PORT', '443'],
      ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
      ['KUBERNETES_PORT', 'tcp://10.96.0.1:443'],
      ['KUBERNETES_PORT_443_TCP', 'tcp://10.96.0.1:443'],
      ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'],
      ['KUBERNETES_PORT_443_TCP_PORT', '443'],
      ['KUBERNETES_PORT_443_TCP_ADDR', '10.96.0.1'],
    ];
    for (const [k, v] of svc) if (!out.has(k)) out.set(k, v);
  }
  if (!out.has('HOME')) out.set('HOME', '/root');
  return { env: [...out] };
}
