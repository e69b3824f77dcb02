/**
 * The page's views of the nodes' network plumbing, read on demand: `netfilter` (one node's
 * kube-proxy mode, its last sync, and one table as `iptables-save -c` prints it, with each rule's
 * chain and counters parsed out so the page can colour chains and mark counters that rose; or
 * `ipvsadm -Ln` in ipvs mode) and `packet-walk` (the last connections the data plane carried,
 * hop by hop, so the page can draw the newest on the graph and list its steps).
 */
import type { Cluster } from '../sim/cluster';
import type { WalkRecord } from '../sim/network/recent-walks';
import { SIMULATION_EPOCH_MS } from '../sim/api/time';
import { iptablesSave } from '../sim/node/netfilter/save';
import { ipvsadmList } from '../sim/node/netfilter/ipvs';
import type { Netfilter } from '../sim/node/netfilter/netfilter';
import type { NetfilterLine, NetfilterTableName, NetfilterView, PacketWalksView, WalkView } from './protocol';

const IPTABLES_TABLES = ['nat', 'filter', 'mangle'] as const;
/** Chains kube-proxy names by a hash of the Service port or endpoint they stand for. */
const HASHED = /^KUBE-(SVC|SVL|EXT|FW|SEP)-/;
const COMMENT = /--comment "([^"]*)"/;

export function netfilterView(cluster: Cluster, args: { readonly node?: string; readonly table?: NetfilterTableName; readonly lines?: boolean }): NetfilterView {
  const proxies = cluster.kubeProxies;
  const nodes = proxies.map((p) => p.host);
  const proxy = proxies.find((p) => p.host === args.node) ?? proxies[0];
  if (!proxy) throw new Error('this cluster has no nodes with kube-proxy');
  const nf = proxy.netfilter;
  const running = proxy.kubeProxy;
  const mode = running?.config.mode;
  // IPVS only means something in ipvs mode; any other mode shows its nat table instead.
  const table: NetfilterTableName = args.table === 'ipvs' && mode !== 'ipvs' ? 'nat' : (args.table ?? 'nat');
  const last = running?.syncs[running.syncs.length - 1];
  return {
    node: proxy.host,
    nodes,
    mode,
    ...(proxy.failure !== undefined ? { failure: proxy.failure } : {}),
    table,
    lines: args.lines === false ? [] : table === 'ipvs' ? ipvsLines(nf) : saveLines(nf, table, new Date(SIMULATION_EPOCH_MS + cluster.engine.now())),
    counts: {
      nat: ruleCount(nf, 'nat'),
      filter: ruleCount(nf, 'filter'),
      mangle: ruleCount(nf, 'mangle'),
      ipvs: nf.ipvs.services.size,
    },
    ...(last ? { lastSync: { at: last.at, full: last.full, rewritten: rewritten(last.result) } } : {}),
    syncCount: running?.syncs.length ?? 0,
    annotations: annotations(nf),
  };
}

function ruleCount(nf: Netfilter, table: (typeof IPTABLES_TABLES)[number]): number {
  let n = 0;
  for (const c of nf.tables.get(table)?.chains.values() ?? []) n += c.rules.length;
  return n;
}

function rewritten(result: { readonly mode: string } & ({ rewrittenServices: number } | { virtualServers: number } | { proxyPorts: ReadonlyMap<string, number> })): number {
  if ('rewrittenServices' in result) return result.rewrittenServices;
  if ('virtualServers' in result) return result.virtualServers;
  return result.proxyPorts.size;
}

/** `iptables-save -c -t TABLE`, line by line, the rules' chains and counters parsed back out of the text. */
function saveLines(nf: Netfilter, table: Exclude<NetfilterTableName, 'ipvs'>, now: Date): NetfilterLine[] {
  if (!nf.tables.get(table)) return [];
  const text = iptablesSave(nf, { table, counters: true, now });
  const out: NetfilterLine[] = [];
  const position = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) out.push({ kind: 'comment', text: line });
    else if (line.startsWith('*')) out.push({ kind: 'table', text: line });
    else if (line === 'COMMIT') out.push({ kind: 'commit', text: line });
    else if (line.startsWith(':')) out.push({ kind: 'chain', text: line, chain: line.slice(1, line.indexOf(' ')) });
    else {
      // `[packets:bytes] -A CHAIN ...`
      const close = line.indexOf(']');
      const [packets, bytes] = line.slice(1, close).split(':').map(Number);
      const rest = line.slice(close + 5);
      const chain = rest.slice(0, rest.indexOf(' '));
      const rule = (position.get(chain) ?? 0) + 1;
      position.set(chain, rule);
      out.push({ kind: 'rule', text: line, chain, rule, packets: packets ?? 0, bytes: bytes ?? 0 });
    }
  }
  return out;
}

function ipvsLines(nf: Netfilter): NetfilterLine[] {
  return ipvsadmList(nf.ipvs)
    .split('\n')
    .filter((l) => l !== '')
    .map((text) => ({ kind: 'ipvs' as const, text }));
}

/** Each hashed chain's Service port or endpoint: the comment of its first commented rule. */
function annotations(nf: Netfilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const table of IPTABLES_TABLES) {
    for (const chain of nf.tables.get(table)?.chains.values() ?? []) {
      if (!HASHED.test(chain.name) || out[chain.name] !== undefined) continue;
      for (const rule of chain.rules) {
        const comment = COMMENT.exec(rule.spec.saveText)?.[1];
        if (comment === undefined) continue;
        out[chain.name] = chain.name.startsWith('KUBE-SEP-') ? comment : comment.replace(/ cluster IP$/, '');
        break;
      }
    }
  }
  return out;
}

export function packetWalksView(cluster: Cluster, args: { readonly since?: number }): PacketWalksView {
  const recent = cluster.dataplane.recent;
  return { latest: recent.latest, walks: recent.list(args.since ?? 0).map((r) => walkView(cluster, r)) };
}

function podName(cluster: Cluster, address: string): string | undefined {
  const found = cluster.dataplane.podAt(address);
  return found ? `${found.sandbox.metadata.namespace}/${found.sandbox.metadata.name}` : undefined;
}

function walkView(cluster: Cluster, r: WalkRecord): WalkView {
  const d = r.delivery;
  const sourceNode = cluster.dataplane.node(r.source.node);
  const fromPod = r.source.podIP !== undefined ? podName(cluster, r.source.podIP) : undefined;
  const endpoint = 'endpoint' in d ? d.endpoint : undefined;
  return {
    seq: r.seq,
    at: r.at,
    from: { node: r.source.node, address: r.source.podIP ?? sourceNode?.nodeIP ?? '', ...(fromPod ? { pod: fromPod } : {}) },
    to: { address: r.address, port: r.port },
    outcome: d.outcome,
    ...(d.outcome === 'timeout' ? { reason: d.reason } : {}),
    ...(endpoint
      ? { endpoint: { address: endpoint.address, port: endpoint.port, node: endpoint.node, ...(endpoint.pod ? { pod: `${endpoint.pod.namespace}/${endpoint.pod.name}` } : {}) } }
      : {}),
    hops: d.hops.map((h) => ({
      node: h.node,
      steps: h.walk.steps.map((s) => ({
        hook: s.hook,
        table: s.table,
        chain: s.chain,
        ...(s.rule !== undefined ? { rule: s.rule } : {}),
        ...(s.ruleText !== undefined ? { ruleText: s.ruleText } : {}),
        action: s.action,
        ...(s.detail !== undefined ? { detail: s.detail } : {}),
      })),
      ...(h.walk.dnat ? { dnat: `${h.walk.destination.address}:${h.walk.destination.port}` } : {}),
      verdict: h.walk.verdict,
    })),
  };
}
