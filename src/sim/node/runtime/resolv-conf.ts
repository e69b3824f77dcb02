/** The container runtime's side of pod DNS: the /etc/resolv.conf it writes from a sandbox's CRI DNSConfig. */
import type { DNSConfig } from './cri';

/** resolv.conf as containerd writes it: search, then each nameserver, then options. */
export function resolvConfText(config: DNSConfig): string {
  const lines: string[] = [];
  if (config.searches.length) lines.push(`search ${config.searches.join(' ')}`);
  for (const s of config.servers) lines.push(`nameserver ${s}`);
  if (config.options.length) lines.push(`options ${config.options.join(' ')}`);
  return lines.map((l) => `${l}\n`).join('');
}
