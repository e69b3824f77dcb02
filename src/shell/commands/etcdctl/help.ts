/** etcdctl's help pages (cobra with etcdctl's usage template), for the commands simulated here. */
import { ETCD_VERSION } from '../../../sim/etcd';
import type { CommandDef } from './ctl';
import { formatOptions, GLOBAL_FLAGS } from './flags';

/** Every runnable command as "path\tshort", the way etcdctl's root help lists them. */
function commandLines(defs: readonly CommandDef[], prefix = ''): string[] {
  const lines: string[] = [];
  for (const d of defs) {
    if (d.sub) lines.push(...commandLines(d.sub, `${prefix}${d.name} `));
    else lines.push(`\t${prefix}${d.name}\t\t${d.short}`);
  }
  return lines;
}

export function rootHelp(defs: readonly CommandDef[]): string {
  return `NAME:
\tetcdctl - A simple command line client for etcd3.

USAGE:
\tetcdctl [flags]

VERSION:
\t${ETCD_VERSION}

API VERSION:
\t${ETCD_VERSION.split('.').slice(0, 2).join('.')}


COMMANDS:
${commandLines(defs).join('\n')}

OPTIONS:
${formatOptions(GLOBAL_FLAGS)}

(simulated etcd: the commands above are the ones this etcdctl knows)
`;
}

export function commandHelp(def: CommandDef, path: string): string {
  const parts = [`NAME:\n\t${path} - ${def.short}\n`, `USAGE:\n\tetcdctl ${path.split(' ').slice(0, -1).concat(def.use).join(' ')}\n`];
  if (def.sub) parts.push(`COMMANDS:\n${commandLines(def.sub).join('\n')}\n`);
  if (def.flags.length) parts.push(`OPTIONS:\n${formatOptions(def.flags)}\n`);
  parts.push(`GLOBAL OPTIONS:\n${formatOptions(GLOBAL_FLAGS)}\n`);
  return parts.join('\n');
}
