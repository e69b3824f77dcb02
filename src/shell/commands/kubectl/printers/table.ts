/**
 * `kubectl get` tables. Each resource has the columns and row function the apiserver's table
 * convertor has in kubernetes pkg/printers/internalversion/printers.go (release 1.32): the server
 * always fills every cell, wide ones included, and kubectl drops the priority-1 columns unless
 * `-o wide`, then decorates the table (NAMESPACE first for -A, `-L` label columns and LABELS last,
 * `kind/` before the name for `get all`) and lays it out with its tabwriter.
 *
 * Pure: objects and the simulated clock in, the exact text kubectl would print out. Callers sort
 * (kubectl prints rows in the order the list came back, which is etcd key order).
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type {
  ConfigMap,
  Container,
  Endpoints,
  Event,
  EventSource,
  Namespace,
  Node,
  Pod,
  ReplicationController,
  ResourceQuota,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import { findResource, type ResourceInfo } from '../../../../sim/api/resources';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { formatLabelSelector, formatLabels, selectorString } from './labels';
import { hpaRow } from './hpa';
import { podRow } from './pod';
import { canonicalQuantity } from './quantity';
import { formatTable } from './tabwriter';
import { formatRFC3339, humanDuration, timeMs, translateTimestampSince } from './timestamps';

export interface TableOptions {
  /** Virtual milliseconds now, for AGE and the other durations. */
  readonly nowMs: number;
  /** `-o wide`: show the priority-1 columns. */
  readonly wide?: boolean;
  /** `-A`: a NAMESPACE column first (for namespaced resources). */
  readonly allNamespaces?: boolean;
  /** `--show-labels`: a LABELS column last. */
  readonly showLabels?: boolean;
  /** `-L key,...`: one column per label key, headed by the upper-cased last path segment. */
  readonly labelColumns?: readonly string[];
  /** `--no-headers`. */
  readonly noHeaders?: boolean;
  /** `kubectl get all` / several types: names printed as `pod/web`, `deployment.apps/web`. */
  readonly showKind?: boolean;
}

export interface ColumnDefinition {
  /** As the server's TableColumnDefinition names it; kubectl prints it upper-cased. */
  readonly name: string;
  /** 1 for the `-o wide` columns. */
  readonly priority?: 0 | 1;
  /** 'name' marks the column `--show-kind` prefixes. */
  readonly format?: 'name';
}

/** A resource's table handler: its columns and the cells of one object's row (all columns). */
export interface TableHandler {
  readonly columns: readonly ColumnDefinition[];
  row(obj: KubeObject, nowMs: number): string[];
}

const NAME: ColumnDefinition = { name: 'Name', format: 'name' };
const AGE: ColumnDefinition = { name: 'Age' };
const CONTAINERS_IMAGES_SELECTOR: ColumnDefinition[] = [
  { name: 'Containers', priority: 1 },
  { name: 'Images', priority: 1 },
  { name: 'Selector', priority: 1 },
];

/** A KubeObject seen as its kubernetes-types shape; the objects come from the apiserver as JSON. */
function as<T>(obj: KubeObject): T {
  return obj as unknown as T;
}

function age(obj: KubeObject, nowMs: number): string {
  return translateTimestampSince(nowMs, obj.metadata.creationTimestamp);
}

/** printers.go layoutContainerCells: names and images joined with commas. */
function layoutContainerCells(containers: readonly Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

// --- Services, endpoints -------------------------------------------------------------------------

const LOAD_BALANCER_WIDTH = 16;

function loadBalancerStatusStringer(svc: Service, wide: boolean): string {
  const result = new Set<string>();
  for (const ingress of svc.status?.loadBalancer?.ingress ?? []) {
    if (ingress.ip) result.add(ingress.ip);
    else if (ingress.hostname) result.add(ingress.hostname);
  }
  let r = [...result].sort().join(',');
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...`;
  return r;
}

/** printers.go getServiceExternalIP. The server always prints with wide=true, so nothing is clipped. */
export function serviceExternalIP(svc: Service, wide = true): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerStatusStringer(svc, wide);
      if (externalIPs.length > 0) return [...(lbIps ? lbIps.split(',') : []), ...externalIPs].join(',');
      return lbIps || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** printers.go makePortString: `80/TCP`, `80:30080/TCP`, comma-joined. */
export function servicePorts(svc: Service): string {
  return (svc.spec?.ports ?? [])
    .map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',');
}

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * printers.go formatEndpoints (ports undefined: every port): up to three `ip:port`, then
 * ` + N more...`; `<none>` with no subsets.
 */
export function formatEndpoints(endpoints: Endpoints | undefined, ports?: ReadonlySet<string>): string {
  const subsets = endpoints?.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    if ((ss.ports ?? []).length === 0) {
      // It's possible to have headless services with no ports.
      count += addresses.length;
      for (const addr of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(addr.ip);
      }
      continue;
    }
    for (const port of ss.ports ?? []) {
      if (ports === undefined || ports.has(port.name ?? '')) {
        count += addresses.length;
        for (const addr of addresses) {
          if (list.length === max) {
            more = true;
            break;
          }
          list.push(joinHostPort(addr.ip, port.port));
        }
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function listWithMoreString(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret || '<unset>';
}

function formatDiscoveryPorts(slice: EndpointSlice): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const port of slice.ports ?? []) {
    if (list.length < max) list.push(port.port !== undefined ? String(port.port) : (port.name ?? '*'));
    else if (list.length === max) more = true;
    count++;
  }
  return listWithMoreString(list, more, count, max);
}

function formatDiscoveryEndpoints(slice: EndpointSlice): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const endpoint of slice.endpoints ?? []) {
    for (const address of endpoint.addresses) {
      if (list.length < max) list.push(address);
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMoreString(list, more, count, max);
}

// --- Nodes -------------------------------------------------------------------------------------

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

/** printers.go findNodeRoles: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role` values, sorted. */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

/** printers.go printNode's STATUS: Ready / NotReady / Unknown, then `,SchedulingDisabled`. */
export function nodeStatus(node: Node): string {
  const status: string[] = [];
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').at(-1);
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeAddress(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

// --- Events ------------------------------------------------------------------------------------

/** printers.go formatEventSource: component (or reportingController), then `, host`. */
export function formatEventSource(source: EventSource | undefined, reportingController?: string, reportingInstance?: string): string {
  const component = source?.component || reportingController || '';
  const instance = source?.host || reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

function eventRow(e: Event, nowMs: number): string[] {
  let firstTimestamp = translateTimestampSince(nowMs, e.firstTimestamp);
  if (!e.firstTimestamp) firstTimestamp = translateTimestampSince(nowMs, e.eventTime);
  let lastTimestamp = translateTimestampSince(nowMs, e.lastTimestamp);
  if (!e.lastTimestamp) lastTimestamp = firstTimestamp;
  let count = e.count ?? 0;
  if (e.series) {
    lastTimestamp = translateTimestampSince(nowMs, e.series.lastObservedTime);
    count = e.series.count ?? 0;
  } else if (count === 0) {
    // Singleton events don't have a count set in the new API.
    count = 1;
  }
  const kind = (e.involvedObject.kind ?? '').toLowerCase();
  const target = e.involvedObject.name ? `${kind}/${e.involvedObject.name}` : kind;
  return [
    lastTimestamp,
    e.type ?? '',
    e.reason ?? '',
    target,
    e.involvedObject.fieldPath ?? '',
    formatEventSource(e.source, e.reportingComponent, e.reportingInstance),
    (e.message ?? '').trim(),
    firstTimestamp,
    String(count),
    e.metadata.name ?? '',
  ];
}

// --- RBAC --------------------------------------------------------------------------------------

/** rbac.SubjectsStrings: users, groups and `namespace:name` service accounts. */
function subjectsStrings(subjects: readonly Subject[] | undefined): [string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(s.namespace ? `${s.namespace}/${s.name}` : s.name);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return [users, groups, sas];
}

function bindingRow(binding: RoleBinding | ClusterRoleBinding, obj: KubeObject, nowMs: number): string[] {
  const [users, groups, sas] = subjectsStrings(binding.subjects);
  return [obj.metadata.name ?? '', `${binding.roleRef.kind}/${binding.roleRef.name}`, age(obj, nowMs), users.join(', '), groups.join(', '), sas.join(', ')];
}

const BINDING_COLUMNS: ColumnDefinition[] = [
  NAME,
  { name: 'Role' },
  AGE,
  { name: 'Users', priority: 1 },
  { name: 'Groups', priority: 1 },
  { name: 'ServiceAccounts', priority: 1 },
];

// --- Jobs --------------------------------------------------------------------------------------

function hasJobCondition(job: Job, type: string): boolean {
  const condition = (job.status?.conditions ?? []).find((c) => c.type === type);
  return condition?.status === 'True';
}

function jobRow(job: Job, obj: KubeObject, nowMs: number): string[] {
  let completions: string;
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions !== undefined) {
    completions = `${succeeded}/${job.spec.completions}`;
  } else {
    const parallelism = job.spec?.parallelism ?? 0;
    completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
  }
  const start = timeMs(job.status?.startTime);
  const completion = timeMs(job.status?.completionTime);
  let jobDuration = '';
  if (start !== undefined) jobDuration = humanDuration((completion ?? nowMs) - start);
  let status: string;
  if (hasJobCondition(job, 'Complete')) status = 'Complete';
  else if (hasJobCondition(job, 'Failed')) status = 'Failed';
  else if (job.metadata?.deletionTimestamp) status = 'Terminating';
  else if (hasJobCondition(job, 'Suspended')) status = 'Suspended';
  else if (hasJobCondition(job, 'FailureTarget')) status = 'FailureTarget';
  else status = 'Running';
  const [names, images] = layoutContainerCells(job.spec?.template.spec?.containers);
  return [obj.metadata.name ?? '', status, completions, jobDuration, age(obj, nowMs), names, images, formatLabelSelector(job.spec?.selector)];
}

/** printCronJob: TIMEZONE `<none>` unless set, SUSPEND as printBoolPtr, LAST SCHEDULE `<none>` before the first run. */
function cronJobRow(cj: CronJob, obj: KubeObject, nowMs: number): string[] {
  const suspend = cj.spec?.suspend === undefined ? '<unset>' : cj.spec.suspend ? 'True' : 'False';
  const last = cj.status?.lastScheduleTime ? translateTimestampSince(nowMs, cj.status.lastScheduleTime) : '<none>';
  const jobSpec = cj.spec?.jobTemplate.spec;
  const [names, images] = layoutContainerCells(jobSpec?.template.spec?.containers);
  return [
    obj.metadata.name ?? '',
    cj.spec?.schedule ?? '',
    cj.spec?.timeZone ?? '<none>',
    suspend,
    String((cj.status?.active ?? []).length),
    last,
    age(obj, nowMs),
    names,
    images,
    formatLabelSelector(jobSpec?.selector),
  ];
}

// --- Resource quotas ---------------------------------------------------------------------------

function resourceQuotaRow(quota: ResourceQuota, obj: KubeObject, nowMs: number): string[] {
  const hard = quota.status?.hard ?? {};
  const used = quota.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const resource of Object.keys(hard).sort()) {
    const pieces = resource.split('.');
    const target = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
    target.push(`${resource}: ${canonicalQuantity(used[resource] ?? '0')}/${canonicalQuantity(hard[resource] ?? '0')}`);
  }
  // 1.32 order: NAME AGE REQUEST LIMIT (AGE moved last only in 1.33).
  return [obj.metadata.name ?? '', age(obj, nowMs), request.join(', '), limit.join(', ')];
}

// --- The registry ------------------------------------------------------------------------------

/** Table handlers by resource (plural, lower case), as AddHandlers registers them. */
export const TABLE_HANDLERS: Readonly<Record<string, TableHandler>> = {
  pods: {
    columns: [
      NAME,
      { name: 'Ready' },
      { name: 'Status' },
      { name: 'Restarts' },
      AGE,
      { name: 'IP', priority: 1 },
      { name: 'Node', priority: 1 },
      { name: 'Nominated Node', priority: 1 },
      { name: 'Readiness Gates', priority: 1 },
    ],
    row: (obj, nowMs) => podRow(as<Pod>(obj), nowMs),
  },
  nodes: {
    columns: [
      NAME,
      { name: 'Status' },
      { name: 'Roles' },
      AGE,
      { name: 'Version' },
      { name: 'Internal-IP', priority: 1 },
      { name: 'External-IP', priority: 1 },
      { name: 'OS-Image', priority: 1 },
      { name: 'Kernel-Version', priority: 1 },
      { name: 'Container-Runtime', priority: 1 },
    ],
    row: (obj, nowMs) => {
      const node = as<Node>(obj);
      const info = node.status?.nodeInfo;
      return [
        obj.metadata.name ?? '',
        nodeStatus(node),
        findNodeRoles(node).join(',') || '<none>',
        age(obj, nowMs),
        info?.kubeletVersion ?? '',
        nodeAddress(node, 'InternalIP'),
        nodeAddress(node, 'ExternalIP'),
        info?.osImage || '<unknown>',
        info?.kernelVersion || '<unknown>',
        info?.containerRuntimeVersion || '<unknown>',
      ];
    },
  },
  namespaces: {
    columns: [NAME, { name: 'Status' }, AGE],
    row: (obj, nowMs) => [obj.metadata.name ?? '', as<Namespace>(obj).status?.phase ?? '', age(obj, nowMs)],
  },
  services: {
    columns: [NAME, { name: 'Type' }, { name: 'Cluster-IP' }, { name: 'External-IP' }, { name: 'Port(s)' }, AGE, { name: 'Selector', priority: 1 }],
    row: (obj, nowMs) => {
      const svc = as<Service>(obj);
      // v1 → internal conversion fills clusterIPs from clusterIP.
      const internalIP = svc.spec?.clusterIPs?.[0] || svc.spec?.clusterIP || '<none>';
      return [
        obj.metadata.name ?? '',
        svc.spec?.type ?? 'ClusterIP',
        internalIP,
        serviceExternalIP(svc),
        servicePorts(svc) || '<none>',
        age(obj, nowMs),
        formatLabels(svc.spec?.selector),
      ];
    },
  },
  endpoints: {
    columns: [NAME, { name: 'Endpoints' }, AGE],
    row: (obj, nowMs) => [obj.metadata.name ?? '', formatEndpoints(as<Endpoints>(obj)), age(obj, nowMs)],
  },
  endpointslices: {
    columns: [NAME, { name: 'AddressType' }, { name: 'Ports' }, { name: 'Endpoints' }, AGE],
    row: (obj, nowMs) => {
      const slice = as<EndpointSlice>(obj);
      return [obj.metadata.name ?? '', slice.addressType ?? '', formatDiscoveryPorts(slice), formatDiscoveryEndpoints(slice), age(obj, nowMs)];
    },
  },
  configmaps: {
    columns: [NAME, { name: 'Data' }, AGE],
    row: (obj, nowMs) => {
      const cm = as<ConfigMap>(obj);
      return [obj.metadata.name ?? '', String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length), age(obj, nowMs)];
    },
  },
  secrets: {
    columns: [NAME, { name: 'Type' }, { name: 'Data' }, AGE],
    row: (obj, nowMs) => {
      const secret = as<Secret>(obj);
      return [obj.metadata.name ?? '', secret.type ?? 'Opaque', String(Object.keys(secret.data ?? {}).length), age(obj, nowMs)];
    },
  },
  serviceaccounts: {
    columns: [NAME, { name: 'Secrets' }, AGE],
    row: (obj, nowMs) => [obj.metadata.name ?? '', String((as<ServiceAccount>(obj).secrets ?? []).length), age(obj, nowMs)],
  },
  events: {
    columns: [
      { name: 'Last Seen' },
      { name: 'Type' },
      { name: 'Reason' },
      { name: 'Object' },
      { name: 'Subobject', priority: 1 },
      { name: 'Source', priority: 1 },
      { name: 'Message' },
      { name: 'First Seen', priority: 1 },
      { name: 'Count', priority: 1 },
      { name: 'Name', priority: 1, format: 'name' },
    ],
    row: (obj, nowMs) => eventRow(as<Event>(obj), nowMs),
  },
  leases: {
    columns: [NAME, { name: 'Holder' }, AGE],
    row: (obj, nowMs) => [obj.metadata.name ?? '', as<Lease>(obj).spec?.holderIdentity ?? '', age(obj, nowMs)],
  },
  // printPodDisruptionBudget: an unset bound prints N/A.
  poddisruptionbudgets: {
    columns: [NAME, { name: 'Min Available' }, { name: 'Max Unavailable' }, { name: 'Allowed Disruptions' }, AGE],
    row: (obj, nowMs) => {
      const spec = (obj['spec'] ?? {}) as { minAvailable?: number | string; maxUnavailable?: number | string };
      const status = (obj['status'] ?? {}) as { disruptionsAllowed?: number };
      const bound = (v: number | string | undefined) => (v === undefined || v === null ? 'N/A' : String(v));
      return [obj.metadata.name ?? '', bound(spec.minAvailable), bound(spec.maxUnavailable), String(status.disruptionsAllowed ?? 0), age(obj, nowMs)];
    },
  },
  // printPriorityClass.
  priorityclasses: {
    columns: [NAME, { name: 'Value' }, { name: 'Global-Default' }, AGE, { name: 'PreemptionPolicy' }],
    row: (obj, nowMs) => [
      obj.metadata.name ?? '',
      String(typeof obj['value'] === 'number' ? obj['value'] : 0),
      String(obj['globalDefault'] === true),
      age(obj, nowMs),
      typeof obj['preemptionPolicy'] === 'string' ? obj['preemptionPolicy'] : 'PreemptLowerPriority',
    ],
  },
  resourcequotas: {
    columns: [NAME, AGE, { name: 'Request' }, { name: 'Limit' }],
    row: (obj, nowMs) => resourceQuotaRow(as<ResourceQuota>(obj), obj, nowMs),
  },
  deployments: {
    columns: [NAME, { name: 'Ready' }, { name: 'Up-to-date' }, { name: 'Available' }, AGE, ...CONTAINERS_IMAGES_SELECTOR],
    row: (obj, nowMs) => {
      const d = as<Deployment>(obj);
      const [names, images] = layoutContainerCells(d.spec?.template.spec?.containers);
      const selector = selectorString(d.spec?.selector);
      return [
        obj.metadata.name ?? '',
        `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
        String(d.status?.updatedReplicas ?? 0),
        String(d.status?.availableReplicas ?? 0),
        age(obj, nowMs),
        names,
        images,
        selector ?? '<invalid>',
      ];
    },
  },
  horizontalpodautoscalers: {
    columns: [NAME, { name: 'Reference' }, { name: 'Targets' }, { name: 'MinPods' }, { name: 'MaxPods' }, { name: 'Replicas' }, AGE],
    row: (obj, nowMs) => hpaRow(obj, age(obj, nowMs)),
  },
  // printReplicationController: the selector is a label map (labels.FormatLabels).
  replicationcontrollers: {
    columns: [NAME, { name: 'Desired' }, { name: 'Current' }, { name: 'Ready' }, AGE, ...CONTAINERS_IMAGES_SELECTOR],
    row: (obj, nowMs) => {
      const rc = as<ReplicationController>(obj);
      const [names, images] = layoutContainerCells(rc.spec?.template?.spec?.containers);
      return [
        obj.metadata.name ?? '',
        String(rc.spec?.replicas ?? 1),
        String(rc.status?.replicas ?? 0),
        String(rc.status?.readyReplicas ?? 0),
        age(obj, nowMs),
        names,
        images,
        formatLabels(rc.spec?.selector),
      ];
    },
  },
  replicasets: {
    columns: [NAME, { name: 'Desired' }, { name: 'Current' }, { name: 'Ready' }, AGE, ...CONTAINERS_IMAGES_SELECTOR],
    row: (obj, nowMs) => {
      const rs = as<ReplicaSet>(obj);
      const [names, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
      return [
        obj.metadata.name ?? '',
        String(rs.spec?.replicas ?? 1),
        String(rs.status?.replicas ?? 0),
        String(rs.status?.readyReplicas ?? 0),
        age(obj, nowMs),
        names,
        images,
        formatLabelSelector(rs.spec?.selector),
      ];
    },
  },
  daemonsets: {
    columns: [
      NAME,
      { name: 'Desired' },
      { name: 'Current' },
      { name: 'Ready' },
      { name: 'Up-to-date' },
      { name: 'Available' },
      { name: 'Node Selector' },
      AGE,
      ...CONTAINERS_IMAGES_SELECTOR,
    ],
    row: (obj, nowMs) => {
      const ds = as<DaemonSet>(obj);
      const status = ds.status;
      const [names, images] = layoutContainerCells(ds.spec?.template.spec?.containers);
      return [
        obj.metadata.name ?? '',
        String(status?.desiredNumberScheduled ?? 0),
        String(status?.currentNumberScheduled ?? 0),
        String(status?.numberReady ?? 0),
        String(status?.updatedNumberScheduled ?? 0),
        String(status?.numberAvailable ?? 0),
        formatLabels(ds.spec?.template.spec?.nodeSelector),
        age(obj, nowMs),
        names,
        images,
        formatLabelSelector(ds.spec?.selector),
      ];
    },
  },
  // printControllerRevision: the controller as `kind.group/name` (formatResourceName with its kind).
  controllerrevisions: {
    columns: [NAME, { name: 'Controller' }, { name: 'Revision' }, AGE],
    row: (obj, nowMs) => {
      const ref = ((obj.metadata['ownerReferences'] ?? []) as { apiVersion?: string; kind?: string; name?: string; controller?: boolean }[]).find((r) => r.controller === true);
      let controller = '<none>';
      if (ref) {
        const group = ref.apiVersion?.includes('/') ? ref.apiVersion.split('/')[0] : '';
        controller = `${(ref.kind ?? '').toLowerCase()}${group ? `.${group}` : ''}/${ref.name ?? ''}`;
      }
      return [obj.metadata.name ?? '', controller, String(typeof obj['revision'] === 'number' ? obj['revision'] : 0), age(obj, nowMs)];
    },
  },
  statefulsets: {
    columns: [NAME, { name: 'Ready' }, AGE, { name: 'Containers', priority: 1 }, { name: 'Images', priority: 1 }],
    row: (obj, nowMs) => {
      const sts = as<StatefulSet>(obj);
      const [names, images] = layoutContainerCells(sts.spec?.template.spec?.containers);
      return [obj.metadata.name ?? '', `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 1}`, age(obj, nowMs), names, images];
    },
  },
  jobs: {
    columns: [NAME, { name: 'Status' }, { name: 'Completions' }, { name: 'Duration' }, AGE, ...CONTAINERS_IMAGES_SELECTOR],
    row: (obj, nowMs) => jobRow(as<Job>(obj), obj, nowMs),
  },
  cronjobs: {
    columns: [NAME, { name: 'Schedule' }, { name: 'Timezone' }, { name: 'Suspend' }, { name: 'Active' }, { name: 'Last Schedule' }, AGE, ...CONTAINERS_IMAGES_SELECTOR],
    row: (obj, nowMs) => cronJobRow(as<CronJob>(obj), obj, nowMs),
  },
  rolebindings: {
    columns: BINDING_COLUMNS,
    row: (obj, nowMs) => bindingRow(as<RoleBinding>(obj), obj, nowMs),
  },
  clusterrolebindings: {
    columns: BINDING_COLUMNS,
    row: (obj, nowMs) => bindingRow(as<ClusterRoleBinding>(obj), obj, nowMs),
  },
};

/**
 * The apiserver's default table convertor (rest.NewDefaultTableConvertor), which serves every
 * built-in resource without a printer — roles, clusterroles, limitranges in 1.32.
 */
export const CREATED_AT_HANDLER: TableHandler = {
  columns: [NAME, { name: 'Created At' }],
  row: (obj) => [obj.metadata.name ?? '', formatRFC3339(obj.metadata.creationTimestamp)],
};

/** What a custom resource without printer columns gets: NAME and AGE. */
export const NAME_AGE_HANDLER: TableHandler = {
  columns: [NAME, AGE],
  row: (obj, nowMs) => [obj.metadata.name ?? '', age(obj, nowMs)],
};

/** The handler kubectl's table comes from for a resource (plural, singular, short name or kind). */
export function tableHandlerFor(resource: string): TableHandler {
  const info = findResource(resource);
  const key = info?.resource ?? resource.toLowerCase();
  return TABLE_HANDLERS[key] ?? (info ? CREATED_AT_HANDLER : NAME_AGE_HANDLER);
}

/** `pod`, `deployment.apps`, `role.rbac.authorization.k8s.io`: GroupKind.String() lower-cased. */
export function kindPrefix(obj: KubeObject, info?: ResourceInfo): string {
  const kind = info?.kind ?? obj.kind;
  const group = info?.group ?? (obj.apiVersion.includes('/') ? (obj.apiVersion.split('/')[0] ?? '') : '');
  return (group ? `${kind}.${group}` : kind).toLowerCase();
}

/** printers.EscapeTerminal, plus the table printer's cut at the first line break. */
function printableCell(value: string): string {
  let text = value;
  let truncated = false;
  const breakAt = text.search(/[\f\n\r]/);
  if (breakAt >= 0) {
    text = text.slice(0, breakAt);
    truncated = true;
  }
  text = text.replaceAll('\x1b', '^[');
  return truncated ? `${text}...` : text;
}

/** `-L` headers: the label key's last path segment, upper-cased. */
function labelColumnHeader(key: string): string {
  return (key.split('/').at(-1) ?? key).toUpperCase();
}

/** The columns and rows of a table before layout: kubectl's decorateTable + printTable. */
export function buildTable(resource: string, objects: readonly KubeObject[], opts: TableOptions): string[][] {
  const info = findResource(resource);
  const handler = tableHandlerFor(resource);
  const namespaced = info?.namespaced ?? objects.some((o) => Boolean(o.metadata.namespace));
  const withNamespace = Boolean(opts.allNamespaces) && namespaced;
  const labelColumns = opts.labelColumns ?? [];
  const nameColumn = opts.showKind ? handler.columns.findIndex((c) => c.format === 'name') : -1;
  const visible = handler.columns.map((c) => Boolean(opts.wide) || (c.priority ?? 0) === 0);

  const rows: string[][] = [];
  if (!opts.noHeaders) {
    rows.push([
      ...(withNamespace ? ['NAMESPACE'] : []),
      ...handler.columns.filter((_, i) => visible[i]).map((c) => c.name.toUpperCase()),
      ...labelColumns.map(labelColumnHeader),
      ...(opts.showLabels ? ['LABELS'] : []),
    ]);
  }
  for (const obj of objects) {
    const cells = handler.row(obj, opts.nowMs);
    if (nameColumn >= 0) cells[nameColumn] = `${kindPrefix(obj, info)}/${cells[nameColumn] ?? ''}`;
    const labels = obj.metadata.labels ?? {};
    rows.push(
      [
        ...(withNamespace ? [obj.metadata.namespace ?? ''] : []),
        ...cells.filter((_, i) => visible[i]),
        ...labelColumns.map((key) => labels[key] ?? ''),
        ...(opts.showLabels ? [formatLabels(labels)] : []),
      ].map(printableCell),
    );
  }
  return rows;
}

/**
 * `kubectl get <resource>` as kubectl prints it. Nothing at all for no objects: kubectl then
 * writes `No resources found in <ns> namespace.` to stderr (see noResourcesFound).
 */
export function printTable(resource: string, objects: readonly KubeObject[], opts: TableOptions): string {
  if (objects.length === 0) return '';
  return formatTable(buildTable(resource, objects, opts));
}

/** kubectl get's stderr line when a list comes back empty. */
export function noResourcesFound(namespace?: string): string {
  return namespace ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n';
}
