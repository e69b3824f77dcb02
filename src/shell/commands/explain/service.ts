/**
 * `kubearch explain service NAME`: which pods a Service's selector matches, which of them are
 * ready, what the EndpointSlice controller published for it, and one sentence why traffic to it
 * goes where it goes — or nowhere ("selector app=web matches no pods", "2 pods match, none ready").
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../sim/api/kube-object';
import { type ClusterReader, table } from './cluster-reader';
import { isReady, readinessText } from './pod-readiness';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function selectorText(selector: Readonly<Record<string, string>>): string {
  return Object.keys(selector)
    .sort()
    .map((k) => `${k}=${selector[k]}`)
    .join(',');
}

function portText(p: ServicePort): string {
  return `${p.port}/${p.protocol ?? 'TCP'}→${p.targetPort ?? p.port}`;
}

/** The container port a Service port's targetPort names in this pod (FindPort); undefined when the pod has none by that name. */
function targetPortIn(pod: Pod, p: ServicePort): number | undefined {
  const target = p.targetPort ?? p.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) for (const cp of c.ports ?? []) if (cp.name === target && (cp.protocol ?? 'TCP') === (p.protocol ?? 'TCP')) return cp.containerPort;
  return undefined;
}

/** Pods in the namespace carrying a selector key with another value: the likely typo. */
function nearMisses(pods: readonly KubeObject[], selector: Readonly<Record<string, string>>): string[] {
  const seen = new Map<string, number>();
  for (const pod of pods) {
    for (const [k, v] of Object.entries(pod.metadata.labels ?? {})) {
      if (k in selector && selector[k] !== v) seen.set(`${k}=${v}`, (seen.get(`${k}=${v}`) ?? 0) + 1);
    }
  }
  return [...seen].sort(([a], [b]) => (a < b ? -1 : 1)).map(([l, n]) => `${l} (${n} pod${n === 1 ? '' : 's'})`);
}

function sliceSummary(slices: readonly KubeObject[]): { lines: string[]; ready: string[] } {
  const lines: string[] = [];
  const ready: string[] = [];
  for (const obj of slices) {
    const s = obj as unknown as EndpointSlice;
    const eps = s.endpoints ?? [];
    const readyEps = eps.filter((e) => e.conditions?.ready !== false);
    const ports = (s.ports ?? []).map((p) => `${p.name ? `${p.name}:` : ''}${p.port ?? '?'}`).join(',') || '<none>';
    for (const e of readyEps) for (const a of e.addresses) ready.push(`${a}${e.targetRef?.name ? ` (${e.targetRef.name})` : ''}`);
    lines.push(`  ${obj.metadata.name ?? ''}: ${eps.length} endpoint${eps.length === 1 ? '' : 's'}, ${readyEps.length} ready; ports ${ports}`);
  }
  return { lines, ready };
}

export function explainService(reader: ClusterReader, namespace: string, name: string): string {
  const obj = reader.get('services', namespace, name);
  if (!obj) throw new Error(`services "${name}" not found in namespace ${namespace}`);
  const svc = obj as unknown as Service;
  const spec = svc.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  const ports = spec.ports ?? [];
  const out = [`Service ${namespace}/${name}: ${type}${spec.clusterIP ? `, IP ${spec.clusterIP}` : ''}${ports.length ? `, ports ${ports.map(portText).join(', ')}` : ''}`];
  if (type === 'ExternalName') {
    out.push('', `Why: an ExternalName Service is only a DNS alias (a CNAME to ${spec.externalName ?? '?'}); kube-proxy writes no rules for it and it has no endpoints.`, '');
    return out.join('\n');
  }
  const slices = reader.list('endpointslices', namespace, `${SERVICE_NAME_LABEL}=${name}`);
  const summary = sliceSummary(slices);
  const selector = spec.selector ?? {};
  if (Object.keys(selector).length === 0) {
    out.push('Selector: <none>', 'EndpointSlices:', ...(summary.lines.length ? summary.lines : ['  <none>']), '');
    out.push(
      `Why: with no selector the EndpointSlice controller leaves this Service alone: its endpoints are the EndpointSlices you create with the label ${SERVICE_NAME_LABEL}=${name} (or an Endpoints object, which the mirroring controller copies); ${summary.ready.length ? `${summary.ready.length} ready endpoint(s) now: ${summary.ready.join(', ')}.` : 'there are none, so connections are rejected.'}`,
      '',
    );
    return out.join('\n');
  }
  const sel = selectorText(selector);
  const matching = reader.list('pods', namespace, sel);
  out.push(`Selector: ${sel}`);
  if (matching.length === 0) {
    const all = reader.list('pods', namespace);
    const misses = nearMisses(all, selector);
    out.push('', `Why: the selector ${sel} matches no pods in namespace ${namespace}, so the Service has no endpoints and a connection to it is rejected.${misses.length ? ` Pods here carry ${misses.join(', ')}: is the selector or the pod template's label mistyped?` : ''}`, '');
    return out.join('\n');
  }
  const rows = matching.map((p) => {
    const pod = p as unknown as Pod;
    const missing = ports.filter((sp) => targetPortIn(pod, sp) === undefined).map((sp) => String(sp.targetPort));
    const state = missing.length ? `${readinessText(p)}; no container port named ${missing.join(', ')}` : readinessText(p);
    return [p.metadata.name ?? '', pod.spec?.nodeName ?? '<none>', pod.status?.podIP ?? '<none>', state];
  });
  out.push(`Pods matching the selector (${matching.length}):`, ...table(['NAME', 'NODE', 'IP', 'STATE'], rows).map((l) => `  ${l}`));
  out.push('EndpointSlices:', ...(summary.lines.length ? summary.lines : ['  <none>']), '');
  const ready = matching.filter((p) => isReady(p) && !p.metadata.deletionTimestamp);
  let why: string;
  if (ready.length === 0 && !spec.publishNotReadyAddresses) {
    why = `${matching.length} pod${matching.length === 1 ? ' matches' : 's match'} ${sel}, none is ready, so the EndpointSlices list no ready endpoint and kube-proxy rejects connections to ${spec.clusterIP ?? name}.`;
  } else if (summary.ready.length === 0) {
    why = `${ready.length} matching pod${ready.length === 1 ? ' is' : 's are'} ready but no ready endpoint is published yet: the EndpointSlice controller has not synced this Service since (it batches changes), or the pods lack the named target port.`;
  } else {
    const first = ports[0];
    const target = first ? `${spec.clusterIP ?? name}:${first.port}` : name;
    why = `${matching.length} pod${matching.length === 1 ? ' matches' : 's match'} ${sel} and ${ready.length} ${ready.length === 1 ? 'is' : 'are'} ready${spec.publishNotReadyAddresses ? ' (publishNotReadyAddresses: not-ready pods are published too)' : ''}; a connection to ${target} goes to one of ${summary.ready.join(', ')}, chosen by kube-proxy's rules on the client's node.`;
  }
  out.push(`Why: ${why}`, '');
  return out.join('\n');
}
