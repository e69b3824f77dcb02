/** The container runtime's side of pod DNS: the /etc/resolv.conf it writes from a sandbox's CRI DNSConfig. */
import type { DNSConfig } from './cri';

/** resolv.conf as containerd writes it: search, then each nameserver, then options. */
/** The text of each shared (frozen) config, by identity: the pods of a namespace share one file's text. */
const texts = new WeakMap<DNSConfig, string>();

export function resolvConfText(config: DNSConfig): string {
  let text = texts.get(config);
  if (text === undefined) {
    text = resolvConfTextOf(config);
    // Only frozen configs are kept: a caller's own object could change after.
    if (Object.isFrozen(config)) texts.set(config, text);
  }
  return text;
}

function resolvConfTextOf(config: DNSConfig): string {
  const lines: string[] = [];
  if (config.searches.length) lines.push(`search ${config.searches.join(' ')}`);
  for (const s of config.servers) lines.push(`nameserver ${s}`);
  if (config.options.length) lines.push(`options ${config.options.join(' ')}`);
  return lines.map((l) => `${l}\n`).join('');
}
