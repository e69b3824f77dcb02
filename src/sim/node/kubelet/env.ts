/**
 * The environment a container starts with (kubelet_pods.go makeEnvironmentVariables): the
 * image's PATH and HOSTNAME, the container's envFrom (ConfigMaps and Secrets, with a prefix)
 * then its env in order, resolving the downward API (fieldRef, resourceFieldRef), ConfigMap and
 * Secret keys, and `$(VAR)` references to what is defined before (expansion.Expand: `$$` is a
 * literal `$`, an unknown `$(X)` stays as written), then the Service links of the `kubernetes`
 * Service. A missing ConfigMap, Secret or key that is not optional is the error the container's
 * start fails with (CreateContainerConfigError), worded as upstream. The command and args are
 * expanded against the result (kubecontainer.ExpandContainerCommandAndArgs).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../../api/quantity';
import type { CachedObject } from './object-manager';

/** The kubelet's ConfigMap and Secret managers; undefined is an object nobody has (absent). */
export interface EnvLookup {
  configMap(namespace: string, name: string): CachedObject | undefined;
  secret(namespace: string, name: string): CachedObject | undefined;
}

export type EnvResult = { readonly env: readonly (readonly [string, string])[] } | { readonly error: string };

/** third_party/forked/golang/expansion Expand: `$(NAME)` from `lookup`, `$$` -> `$`. */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  if (!input.includes('$')) return input;
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input[cursor + 1];
    let advance = 1;
    if (next === '$') out += '$';
    else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close < 0) out += '$(';
      else {
        const name = input.slice(cursor + 2, close);
        out += lookup(name) ?? `$(${name})`;
        advance = close - cursor;
      }
    } else out += `$${next}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

function hasDollar(list: readonly string[] | undefined): boolean {
  if (list) for (const a of list) if (a.includes('$')) return true;
  return false;
}

/** ExpandContainerCommandAndArgs: `$(VAR)` in command and args from the container's environment. */
export function expandCommandAndArgs(container: Container, env: readonly (readonly [string, string])[]): { command: readonly string[] | undefined; args: readonly string[] | undefined } {
  // Most commands have no `$`: looked for in place, without joining the two lists first.
  if (!hasDollar(container.command) && !hasDollar(container.args)) return { command: container.command, args: container.args };
  const vars = new Map(env);
  const lookup = (name: string) => vars.get(name);
  return { command: container.command?.map((a) => expand(a, lookup)), args: container.args?.map((a) => expand(a, lookup)) };
}
export function fieldRef(pod: Pod, path: string, podIP: string, hostIP: string): string | undefined {
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
    // Single-stack: the plural fields hold one address (upstream joins them with commas).
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
export function resourceRef(container: Container | undefined, resource: string, divisor: string | undefined, nodeAllocatable: { cpu: number; memory: number }): string {
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

/** The data of a referenced ConfigMap or Secret, or the error the kubelet gives for it. */
function referenced(lookup: EnvLookup, isConfigMap: boolean, ns: string, name: string): { data: Readonly<Record<string, string>> } | { notFound: boolean; error: string } {
  const object = (isConfigMap ? lookup.configMap(ns, name) : lookup.secret(ns, name)) ?? ABSENT;
  if (object.state === 'present') return { data: object.data };
  const kind = isConfigMap ? 'configmap' : 'secret';
  if (object.state === 'absent') return { notFound: true, error: `${kind} "${name}" not found` };
  return { notFound: false, error: `failed to sync ${kind} cache: timed out waiting for the condition` };
}

const ABSENT: CachedObject = { state: 'absent' };

// Frozen: the plain environment hands these entries out to every container.
const SERVICE_LINKS: readonly (readonly [string, string])[] = Object.freeze(
  (
    [
      ['KUBERNETES_SERVICE_HOST', '10.96.0.1'],
      ['KUBERNETES_SERVICE_PORT', '443'],
      ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
      ['KUBERNETES_PORT', 'tcp://10.96.0.1:443'],
      ['KUBERNETES_PORT_443_TCP', 'tcp://10.96.0.1:443'],
      ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'],
      ['KUBERNETES_PORT_443_TCP_PORT', '443'],
      ['KUBERNETES_PORT_443_TCP_ADDR', '10.96.0.1'],
    ] as [string, string][]
  ).map((e) => Object.freeze(e)),
);
const SERVICE_LINK_MAP: ReadonlyMap<string, string> = new Map(SERVICE_LINKS);

export function makeEnvironmentVariables(pod: Pod, container: Container, podIP: string, hostIP: string, lookup: EnvLookup, nodeAllocatable: { cpu: number; memory: number }): EnvResult {
  // Most containers set no env and no envFrom: their list is PATH, HOSTNAME, the service links
  // and HOME, in the order the map below would give, built without the map and its copy.
  if (!container.envFrom?.length && !container.env?.length) return { env: plainEnvironment(pod) };
  return makeEnvironmentVariablesMapped(pod, container, podIP, hostIP, lookup, nodeAllocatable);
}

const PATH_ENTRY: readonly [string, string] = Object.freeze(['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] as const);
const HOME_ENTRY: readonly [string, string] = Object.freeze(['HOME', '/root'] as const);

/** makeEnvironmentVariables for a container with no env and no envFrom (shared, frozen entries but HOSTNAME). */
function plainEnvironment(pod: Pod): readonly (readonly [string, string])[] {
  const ns = pod.metadata?.namespace ?? 'default';
  const hostname: readonly [string, string] = ['HOSTNAME', pod.spec?.hostname ?? pod.metadata?.name ?? ''];
  if (pod.spec?.enableServiceLinks !== false || ns === 'default') return [PATH_ENTRY, hostname, ...SERVICE_LINKS, HOME_ENTRY];
  return [PATH_ENTRY, hostname, HOME_ENTRY];
}

/** makeEnvironmentVariables through the map, for every container (the test's reference for the plain list). */
export function makeEnvironmentVariablesMapped(pod: Pod, container: Container, podIP: string, hostIP: string, lookup: EnvLookup, nodeAllocatable: { cpu: number; memory: number }): EnvResult {
  const ns = pod.metadata?.namespace ?? 'default';
  const out = new Map<string, string>();
  out.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  out.set('HOSTNAME', pod.spec?.hostname ?? pod.metadata?.name ?? '');
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const found = referenced(lookup, !!from.configMapRef, ns, ref.name ?? '');
    if ('error' in found) {
      if (found.notFound && ref.optional) continue;
      return { error: found.error };
    }
    for (const [k, v] of Object.entries(found.data)) out.set(`${from.prefix ?? ''}${k}`, v);
  }
  // The mapping sees what is defined so far and the service links (MappingFuncFor(tmpEnv, serviceEnv)).
  const mapping = (name: string) => out.get(name) ?? SERVICE_LINK_MAP.get(name);
  for (const e of container.env ?? []) {
    const vf = e.valueFrom;
    if (!vf) {
      out.set(e.name, expand(e.value ?? '', mapping));
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
      const found = referenced(lookup, isCm, ns, ref?.name ?? '');
      if ('error' in found) {
        if (found.notFound && ref?.optional) continue;
        return { error: found.error };
      }
      const v = found.data[ref?.key ?? ''];
      if (v === undefined) {
        if (ref?.optional) continue;
        return { error: `couldn't find key ${ref?.key} in ${isCm ? 'ConfigMap' : 'Secret'} ${ns}/${ref?.name}` };
      }
      out.set(e.name, v);
    }
  }
  // Service links (enableServiceLinks): the `kubernetes` Service is always there.
  if (pod.spec?.enableServiceLinks !== false || ns === 'default') {
    for (const [k, v] of SERVICE_LINKS) if (!out.has(k)) out.set(k, v);
  }
  if (!out.has('HOME')) out.set('HOME', '/root');
  return { env: [...out] };
}
