/**
 * How the iptables tab paints kube-proxy's chains: each chain name gets a colour class by the
 * part it plays (the entry chains, a Service's chains, an endpoint's, the external and firewall
 * ones, masquerade), and a line is split into plain text and chain names for that.
 */

export type ChainRole = 'entry' | 'svc' | 'sep' | 'ext' | 'masq' | 'kube' | 'builtin';

const ENTRY = new Set(['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-NODE-PORT', 'KUBE-EXTERNAL-SERVICES', 'KUBE-LOAD-BALANCER', 'KUBE-PORTALS-CONTAINER', 'KUBE-PORTALS-HOST']);
const MASQ = new Set(['KUBE-MARK-MASQ', 'KUBE-POSTROUTING', 'KUBE-MARK-DROP']);

export function chainRole(name: string): ChainRole {
  if (!name.startsWith('KUBE-')) return 'builtin';
  if (ENTRY.has(name)) return 'entry';
  if (MASQ.has(name)) return 'masq';
  if (name.startsWith('KUBE-SVC-') || name.startsWith('KUBE-SVL-')) return 'svc';
  if (name.startsWith('KUBE-SEP-')) return 'sep';
  if (name.startsWith('KUBE-EXT-') || name.startsWith('KUBE-FW-')) return 'ext';
  return 'kube';
}

/** The line cut at each KUBE-* name: plain text and chain names alternate, text first. */
export function splitChains(text: string): { readonly text: string; readonly chain?: string }[] {
  const out: { text: string; chain?: string }[] = [];
  const re = /KUBE-[A-Z0-9-]*[A-Z0-9]/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index) });
    out.push({ text: m[0], chain: m[0] });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

/** A rule's identity across refreshes: its chain, its text without the counters, and which copy of that text it is. */
export function ruleKeys(lines: readonly { readonly kind: string; readonly text: string; readonly chain?: string }[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    if (l.kind !== 'rule') return '';
    const body = `${l.chain ?? ''}|${l.text.slice(l.text.indexOf(']') + 1)}`;
    const n = (seen.get(body) ?? 0) + 1;
    seen.set(body, n);
    return `${body}|${n}`;
  });
}
