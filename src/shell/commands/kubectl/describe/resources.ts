/**
 * The smaller describers of kubectl pkg/describe/describe.go (release 1.32): namespaces,
 * deployments, services, config maps, secrets, service accounts and role bindings.
 */
import { base64Decode, utf8Text } from '../../../../sim/base64';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ConfigMap, Endpoints, PodTemplateSpec, Secret, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import type { ClusterRoleBinding, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from '../printers/describe-writer';
import { byteOrder, formatLabels, selectorString } from '../printers/labels';
import { formatEndpoints } from '../printers/table';
import { formatRFC1123Z } from '../printers/timestamps';
import { describePodTemplate } from './containers';
import type { DescribeContext } from './context';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './fields';
import { controllerOf } from '../../../../sim/controllers/controller-utils/types';
import { describeLimitRanges, describeResourceQuotas } from './quotas';

/** JSON with object keys sorted, so that two objects compare whatever their key order. */
function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value,
  );
}

function as<T>(obj: KubeObject): T {
  return obj as unknown as T;
}

function header(w: DescribeWriter, obj: KubeObject, namespaced: boolean): void {
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  if (namespaced) w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
}

export function describeNamespace(obj: KubeObject, ctx: DescribeContext): string {
  const name = obj.metadata.name ?? '';
  const quotas = ctx.list('resourcequotas', name);
  const limitRanges = ctx.list('limitranges', name);
  const status = obj['status'] as { phase?: string; conditions?: readonly { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }[] } | undefined;
  const w = new DescribeWriter();
  header(w, obj, false);
  w.write(LEVEL_0, `Status:\t${status?.phase ?? ''}\n`);
  if ((status?.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of status?.conditions ?? []) w.write(LEVEL_1, `${c.type}\t${c.status}\t${formatRFC1123Z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  w.write(LEVEL_0, '\n');
  describeResourceQuotas(w, 'items' in quotas ? quotas.items : []);
  w.write(LEVEL_0, '\n');
  describeLimitRanges(w, 'items' in limitRanges ? limitRanges.items : []);
  return w.text();
}

function intOrString(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

export function describeDeployment(obj: KubeObject, ctx: DescribeContext): string {
  const d = as<Deployment>(obj);
  const events = ctx.events(obj);
  const rsList = ctx.list('replicasets', obj.metadata.namespace);
  const owned = ('items' in rsList ? rsList.items : []).filter((rs) => controllerOf(rs)?.uid === obj.metadata.uid);
  // FindNewReplicaSet: the oldest ReplicaSet whose template is the Deployment's, the
  // pod-template-hash label aside (EqualIgnoreHash); a template differing only in its
  // annotations (rollout restart) is another ReplicaSet.
  const withoutHash = (t: PodTemplateSpec | undefined) => {
    const labels = { ...(t?.metadata?.labels ?? {}) };
    delete labels['pod-template-hash'];
    return canonicalJson({ ...t, metadata: { ...t?.metadata, labels } });
  };
  const wanted = withoutHash(d.spec?.template);
  const byAge = [...owned].sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const newRS = byAge.filter((rs) => withoutHash((rs as unknown as ReplicaSet).spec?.template) === wanted).slice(0, 1);
  const oldRS = owned.filter((rs) => !newRS.includes(rs) && ((rs as unknown as ReplicaSet).spec?.replicas ?? 0) > 0);
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(obj.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${selectorString(d.spec?.selector) ?? ''}\n`);
  const s = d.status;
  w.write(LEVEL_0, `Replicas:\t${d.spec?.replicas ?? 1} desired | ${s?.updatedReplicas ?? 0} updated | ${s?.replicas ?? 0} total | ${s?.availableReplicas ?? 0} available | ${s?.unavailableReplicas ?? 0} unavailable\n`);
  w.write(LEVEL_0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
  const ru = d.spec?.strategy?.rollingUpdate;
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
  describePodTemplate(d.spec?.template, w);
  if ((s?.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of s?.conditions ?? []) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const rsText = (list: KubeObject[]) =>
    list.map((rs) => `${rs.metadata.name ?? ''} (${(rs as unknown as ReplicaSet).status?.replicas ?? 0}/${(rs as unknown as ReplicaSet).spec?.replicas ?? 1} replicas created)`).join(', ') || '<none>';
  if (oldRS.length > 0 || newRS.length > 0) {
    w.write(LEVEL_0, `OldReplicaSets:\t${rsText(oldRS)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${rsText(newRS)}\n`);
  }
  describeEvents(events, w, ctx.nowMs);
  return w.text();
}

export function describeService(obj: KubeObject, ctx: DescribeContext): string {
  const svc = as<Service>(obj);
  const endpoints = ctx.get('endpoints', obj.metadata.namespace, obj.metadata.name ?? '') as unknown as Endpoints | undefined;
  const events = ctx.events(obj);
  const spec = svc.spec;
  const w = new DescribeWriter();
  header(w, obj, true);
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec?.selector)}\n`);
  w.write(LEVEL_0, `Type:\t${spec?.type ?? ''}\n`);
  if (spec?.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${(spec?.ipFamilies ?? []).length > 0 ? (spec?.ipFamilies ?? []).join(',') : '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec?.clusterIP ?? ''}\n`);
  w.write(LEVEL_0, `IPs:\t${(spec?.clusterIPs ?? []).length > 0 ? (spec?.clusterIPs ?? []).join(',') : '<none>'}\n`);
  if ((spec?.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${(spec?.externalIPs ?? []).join(',')}\n`);
  if (spec?.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec?.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  // buildIngressString: the IP with its ipMode in parentheses (kubectl 1.31+), or the hostname.
  if (ingress.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingress.map((i) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : (i.hostname ?? ''))).join(', ')}\n`);
  for (const sp of spec?.ports ?? []) {
    const name = sp.name || '<unset>';
    const protocol = sp.protocol ?? 'TCP';
    w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${protocol}\n`);
    w.write(LEVEL_0, `TargetPort:\t${String(sp.targetPort ?? sp.port)}/${protocol}\n`);
    if (sp.appProtocol) w.write(LEVEL_0, `AppProtocol:\t${sp.appProtocol}\n`);
    if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${protocol}\n`);
    w.write(LEVEL_0, `Endpoints:\t${endpoints ? formatEndpoints(endpoints, new Set([sp.name ?? ''])) : ''}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec?.sessionAffinity ?? ''}\n`);
  if (spec?.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec?.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec?.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if ((spec?.loadBalancerSourceRanges ?? []).length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${(spec?.loadBalancerSourceRanges ?? []).join(',')}\n`);
  describeEvents(events, w, ctx.nowMs);
  return w.text();
}

export function describeConfigMap(obj: KubeObject, ctx: DescribeContext): string {
  const cm = as<ConfigMap>(obj);
  const events = ctx.events(obj);
  const w = new DescribeWriter();
  header(w, obj, true);
  w.write(LEVEL_0, '\nData\n====\n');
  for (const k of Object.keys(cm.data ?? {}).sort(byteOrder)) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${cm.data?.[k] ?? ''}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort(byteOrder)) w.write(LEVEL_0, `${k}: ${base64Length(cm.binaryData?.[k] ?? '')} bytes\n`);
  w.write(LEVEL_0, '\n');
  describeEvents(events, w, ctx.nowMs);
  return w.text();
}

function base64Length(text: string): number {
  const clean = text.replace(/=+$/, '');
  return Math.floor((clean.length * 3) / 4);
}

export function describeSecret(obj: KubeObject): string {
  const secret = as<Secret>(obj);
  const w = new DescribeWriter();
  header(w, obj, true);
  w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  for (const k of Object.keys(secret.data ?? {}).sort(byteOrder)) {
    const value = secret.data?.[k] ?? '';
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${k}:\t${utf8Text(base64Decode(value) ?? new Uint8Array())}\n`);
    else w.write(LEVEL_0, `${k}:\t${base64Length(value)} bytes\n`);
  }
  return w.text();
}

export function describeServiceAccount(obj: KubeObject, ctx: DescribeContext): string {
  const sa = as<ServiceAccount>(obj);
  const events = ctx.events(obj);
  const w = new DescribeWriter();
  header(w, obj, true);
  const pull = (sa.imagePullSecrets ?? []).map((s) => s.name ?? '');
  const mountable = (sa.secrets ?? []).map((s) => s.name ?? '');
  const rows: [string, string[]][] = [
    ['Image pull secrets:', pull],
    ['Mountable secrets: ', mountable],
    ['Tokens:            ', []],
  ];
  for (const [title, names] of rows) {
    if (names.length === 0) w.write(LEVEL_0, `${title}\t<none>\n`);
    else names.forEach((n, i) => w.write(LEVEL_0, `${i === 0 ? title : '                   '}\t${n}\n`));
  }
  describeEvents(events, w, ctx.nowMs);
  return w.text();
}

export function describeRoleBinding(obj: KubeObject): string {
  const binding = as<RoleBinding | ClusterRoleBinding>(obj);
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, 'Role:\n');
  w.write(LEVEL_1, `Kind:\t${binding.roleRef.kind}\n`);
  w.write(LEVEL_1, `Name:\t${binding.roleRef.name}\n`);
  w.write(LEVEL_0, 'Subjects:\n');
  w.write(LEVEL_1, 'Kind\tName\tNamespace\n');
  w.write(LEVEL_1, '----\t----\t---------\n');
  for (const s of binding.subjects ?? []) w.write(LEVEL_1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
  return w.text();
}

