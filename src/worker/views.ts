/**
 * The views the page fetches on demand (`view(name, args)`): too large, or wanted too rarely,
 * to push with every delta. One function per view, each a read of the cluster that changes
 * nothing.
 */
import type { Cluster } from '../sim/cluster';
import type { Shell } from '../shell/shell';
import { ADMIN_USERNAME, KUBECONFIG_USERS } from '../sim/apiserver/authentication/kubeconfig-users';
import { nodesView } from './node-view';
import { podExplanationView, schedulerView } from './scheduler-view';
import type { ClockState, ComponentDetails, ViewArgs, ViewName, ViewResult } from './protocol';
import { netfilterView, packetWalksView } from './netfilter-view';

export interface ViewSource {
  readonly cluster: Cluster;
  readonly shell: Shell;
  clock(): ClockState;
}

type ViewFunctions = { readonly [N in ViewName]: (source: ViewSource, args: ViewArgs<N>) => ViewResult<N> };

export const views: ViewFunctions = {
  topology: ({ cluster }) => cluster.topology,
  clock: (source) => source.clock(),
  'etcd-keys': ({ cluster }, { prefix }) => cluster.etcd.listKeys(prefix),
  'etcd-history': ({ cluster }, { key }) => ({
    key,
    revisions: cluster.etcd.history(key).map((h) => ({
      modRevision: h.main,
      createRevision: h.kv.createRevision,
      version: h.kv.version,
      tombstone: h.tombstone,
      value: h.kv.value,
      lease: h.kv.lease ? h.kv.lease.toString(16) : '',
    })),
  }),
  'admission-plugins': ({ cluster }) => {
    const chain = cluster.apiserver.admission;
    return chain.plugins.map((p) => ({ name: p.name, enabled: chain.isEnabled(p.name), mutating: p.admit !== undefined, validating: p.validate !== undefined }));
  },
  'command-names': ({ shell }) => shell.commandNames(),
  cloud: ({ cluster }) => {
    const cloud = cluster.cloud;
    if (!cloud) return { instances: [], loadBalancers: [], routes: [] };
    return {
      instances: cloud.listInstances().map((i) => ({ name: i.name, providerID: i.providerID, zone: i.zone, addresses: i.nodeAddresses.map((a) => ({ ...a })) })),
      loadBalancers: cloud.listLoadBalancers().map((lb) => ({ name: lb.name, service: lb.service, ip: lb.ip, nodes: [...lb.nodes] })),
      routes: cloud.listRoutesNow().map((r) => ({ ...r })),
    };
  },
  // Lists object names through the apiserver, as kubectl's completion does: a request shows in the audit trail.
  completions: ({ shell }, { line }) => shell.complete(line),
  component: ({ cluster }, { id }) => componentDetails(cluster, id),
  nodes: ({ cluster }) => nodesView(cluster),
  scheduler: ({ cluster, shell }) => schedulerView(cluster, shell),
  'pod-explanation': ({ cluster, shell }, { namespace, name }) => podExplanationView(cluster, shell, namespace, name),
  netfilter: ({ cluster }, args) => netfilterView(cluster, args),
  'packet-walk': ({ cluster }, args) => packetWalksView(cluster, args),
};

/**
 * Who a component is to the apiserver (the subject of its client certificate: CN the user, O
 * the groups) and what its shared informers watch. kubectl is the kubeconfig's admin user.
 */
function componentDetails(cluster: Cluster, id: string): ComponentDetails {
  if (id === 'kubectl') {
    const admin = KUBECONFIG_USERS.find((u) => u.name === ADMIN_USERNAME);
    return { id, identity: { user: ADMIN_USERNAME, groups: admin?.groups ?? [], by: 'x509 client certificate (kubeconfig)' }, watches: [] };
  }
  const component = cluster.components.find((c) => c.name === id);
  const cert = component?.credentials?.clientCertificate;
  const token = component?.credentials?.bearerToken;
  const identity = cert
    ? { user: cert.commonName, groups: cert.organizations, by: 'x509 client certificate' }
    : token
      ? { user: '(bearer token)', groups: [], by: 'bearer token' }
      : undefined;
  // The kubelet's pod source and watch managers are its own reflectors, not shared informers.
  const kubelet = cluster.kubelets.find((k) => k.component === id);
  const watches = kubelet ? kubelet.watches() : (cluster.informersOf(id)?.resources() ?? []);
  return { id, ...(identity ? { identity } : {}), watches };
}

export function readView<N extends ViewName>(source: ViewSource, name: N, args: ViewArgs<N>): ViewResult<N> {
  if (!Object.hasOwn(views, name)) throw new Error(`no view "${String(name)}"`);
  const read = views[name] as (source: ViewSource, args: ViewArgs<N>) => ViewResult<N>;
  return read(source, args);
}
