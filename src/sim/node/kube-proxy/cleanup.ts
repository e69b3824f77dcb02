/**
 * What each mode leaves behind and how kube-proxy removes it when the node changes mode
 * (CleanupLeftovers in pkg/proxy/iptables and pkg/proxy/ipvs; `kube-proxy --cleanup`).
 * The iptables part follows the v1.32 source: it unlinks the jumps, then flushes and deletes
 * KUBE-SERVICES, KUBE-NODEPORTS, KUBE-POSTROUTING and every service chain in nat, and the four
 * filter chains; KUBE-MARK-MASQ, KUBE-PROXY-FIREWALL and KUBE-FIREWALL stay, as on a real node.
 * The ipvs and userspace parts are from memory of those proxiers.
 */
import type { Netfilter, TableName } from '../netfilter/netfilter';
import { isServiceChainName } from './chain-names';
import { iptablesJumpChains } from './iptables/proxier';
import { ipsetInfo, ipvsChains, ipvsJumpChains } from './ipvs/proxier';
import {
  iptablesContainerNodePortChain,
  iptablesContainerPortalChain,
  iptablesHostNodePortChain,
  iptablesHostPortalChain,
  iptablesNonLocalNodePortChain,
} from './userspace/proxier';
import type { ProxyMode } from './config';

function removeChains(nf: Netfilter, table: TableName, chains: readonly string[]): void {
  const t = nf.tables.get(table);
  if (!t) return;
  for (const c of chains) if (t.chain(c)) nf.deleteChain(table, c);
}

/** Remove the jump rules in `table` that target `chain`. */
function unlink(nf: Netfilter, table: TableName, chain: string): void {
  const t = nf.tables.get(table);
  if (!t) return;
  for (const c of t.chains.values()) c.rules = c.rules.filter((r) => r.spec.target?.name !== chain);
}

export function cleanupIptablesLeftovers(nf: Netfilter): void {
  for (const jump of iptablesJumpChains) {
    const args = [...jump.extraArgs, '-m', 'comment', '--comment', jump.comment, '-j', jump.dstChain];
    nf.deleteRule(jump.table, jump.srcChain, args);
  }
  const nat = nf.tables.get('nat');
  if (nat) {
    const service = [...nat.chains.keys()].filter(isServiceChainName);
    removeChains(nf, 'nat', ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', ...service]);
  }
  removeChains(nf, 'filter', ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS']);
}

export function cleanupIpvsLeftovers(nf: Netfilter): void {
  for (const vs of [...nf.ipvs.services.values()]) nf.ipvs.deleteVirtualServer(vs.protocol, vs.address, vs.port);
  nf.dummyInterfaceAddresses.clear();
  for (const [table, from, to, comment] of ipvsJumpChains) nf.deleteRule(table, from, ['-m', 'comment', '--comment', comment, '-j', to]);
  removeChains(nf, 'nat', ipvsChains.nat.filter((c) => c !== 'KUBE-MARK-MASQ'));
  removeChains(nf, 'filter', ipvsChains.filter);
  for (const info of ipsetInfo) nf.ipsets.destroy(info.name);
}

export function cleanupUserspaceLeftovers(nf: Netfilter): void {
  for (const c of [iptablesContainerPortalChain, iptablesHostPortalChain, iptablesContainerNodePortChain, iptablesHostNodePortChain]) unlink(nf, 'nat', c);
  unlink(nf, 'filter', iptablesNonLocalNodePortChain);
  removeChains(nf, 'nat', [iptablesContainerPortalChain, iptablesHostPortalChain, iptablesContainerNodePortChain, iptablesHostNodePortChain]);
  removeChains(nf, 'filter', [iptablesNonLocalNodePortChain]);
}

export function cleanupLeftovers(nf: Netfilter, mode: ProxyMode): void {
  if (mode === 'iptables') cleanupIptablesLeftovers(nf);
  else if (mode === 'ipvs') cleanupIpvsLeftovers(nf);
  else cleanupUserspaceLeftovers(nf);
}
