/**
 * ipsets of one node (ipvs mode keeps its service addresses in them), and `ipset list` as ipset 7
 * prints it. The header's hash sizes and memory figures are the kernel's defaults for a fresh set,
 * not measured: the simulator does not model set memory.
 */

export type IpsetType = 'hash:ip' | 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'hash:net' | 'bitmap:port';

/** The set-type revisions a v6.x kernel with ipset 7.x reports. */
const REVISIONS: Readonly<Record<IpsetType, number>> = {
  'hash:ip': 6,
  'hash:ip,port': 6,
  'hash:ip,port,ip': 6,
  'hash:ip,port,net': 8,
  'hash:net': 7,
  'bitmap:port': 3,
};

export interface Ipset {
  readonly name: string;
  readonly type: IpsetType;
  /** Entries in the text form `ipset add` takes: `10.96.0.1,tcp:443`, `30080`. Insertion order. */
  readonly entries: Set<string>;
  /** kube-proxy's description of what the set is for (it goes in the iptables rule comment). */
  readonly comment: string;
}

export class IpsetRegistry {
  readonly sets = new Map<string, Ipset>();

  /** `ipset create NAME TYPE -exist`. */
  ensure(name: string, type: IpsetType, comment = ''): Ipset {
    let s = this.sets.get(name);
    if (!s) {
      s = { name, type, entries: new Set(), comment };
      this.sets.set(name, s);
    }
    return s;
  }

  get(name: string): Ipset | undefined {
    return this.sets.get(name);
  }

  destroy(name: string): void {
    this.sets.delete(name);
  }

  /** Does `ipset test NAME ENTRY` succeed? */
  test(name: string, entry: string): boolean {
    return this.sets.get(name)?.entries.has(entry) ?? false;
  }
}

/** A stable pseudo initval from the set name, so two runs print the same header. */
function initval(name: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return `0x${h.toString(16).padStart(8, '0')}`;
}

function header(s: Ipset): string {
  if (s.type === 'bitmap:port') return 'range 0-65535 memsize 8264';
  return `family inet hashsize 1024 maxelem 65536 bucketsize 12 initval ${initval(s.name)}`;
}

/** `ipset list [NAME]`: `references` says how many iptables rules use each set. */
export function ipsetList(registry: IpsetRegistry, references: (name: string) => number, name?: string): string {
  const sets = name === undefined ? [...registry.sets.values()] : [registry.get(name)].filter((s): s is Ipset => s !== undefined);
  return sets
    .map((s) => {
      const size = s.type === 'bitmap:port' ? 8264 : 456 + 16 * s.entries.size;
      return [
        `Name: ${s.name}`,
        `Type: ${s.type}`,
        `Revision: ${REVISIONS[s.type]}`,
        `Header: ${header(s)}`,
        `Size in memory: ${size}`,
        `References: ${references(s.name)}`,
        `Number of entries: ${s.entries.size}`,
        'Members:',
        ...s.entries,
      ].join('\n');
    })
    .map((block) => `${block}\n`)
    .join('\n');
}
