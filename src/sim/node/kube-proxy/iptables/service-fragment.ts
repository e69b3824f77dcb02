/**
 * The rules one service port contributes to a sync, kept between syncs so that an unchanged
 * service costs nothing to rewrite: its KUBE-SERVICES/KUBE-NODEPORTS and filter rules (written on
 * every sync) and its own nat chains, each with its whole rule list. Those lists are what the node's
 * netfilter loads (it keeps them), so a full sync neither copies nor wraps its 150,000
 * per-service rules; the restore text is spelled from them only when asked for.
 */
import type { RuleList, WholeChains } from '../../netfilter/netfilter';
import type { RuleSpec } from '../../netfilter/rule';

/** One `-A` line: its chain and the rule (which spells itself as kube-proxy writes it and as iptables-save prints it). */
export interface RuleLine {
  readonly chain: string;
  readonly spec: RuleSpec;
}

/**
 * `names` are the service's own chains (all active), in the order kube-proxy declares them
 * (EXT, FW, SVC, SVL, then the SEPs); `rules[i]` the rules of `names[i]`.
 */
export interface ServiceFragment extends WholeChains {
  readonly filterRules: readonly RuleLine[];
  /** KUBE-SERVICES / KUBE-NODEPORTS nat rules: written on every sync. */
  readonly natTopRules: readonly RuleLine[];
  /**
   * The chain whose first rule kube-proxy writes before all the others (the cluster IP's
   * masquerade rule leads the internal policy chain, ahead of the EXT and FW rules), or -1.
   * Otherwise it writes the rules chain by chain in `names` order.
   */
  readonly leadChain: number;
}

/** The fragment's nat chain rules as `-A` lines, in the order kube-proxy writes them. */
export function writeNatChainRules(out: string[], f: ServiceFragment): void {
  const lead = f.leadChain;
  if (lead >= 0) out.push(`-A ${f.names[lead] as string} ${(f.rules[lead]?.at(0) as RuleSpec).restoreText}`);
  for (let i = 0; i < f.names.length; i++) {
    const name = f.names[i] as string;
    const rules = f.rules[i] as RuleList;
    for (let j = i === lead ? 1 : 0; j < rules.length; j++) out.push(`-A ${name} ${(rules.at(j) as RuleSpec).restoreText}`);
  }
}
