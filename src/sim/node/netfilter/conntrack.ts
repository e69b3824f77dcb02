/**
 * The connection tracking table of one node, and `conntrack -L` as conntrack-tools 1.4.7 prints it.
 *
 * The packet walk adds an entry for the first packet of a connection (with the NAT it got), and
 * later packets of the same connection follow the entry instead of the nat table: that is why a
 * DNAT decision sticks for the life of a connection. Time is the engine's virtual seconds, passed in.
 */

export type Protocol = 'tcp' | 'udp' | 'sctp';

export const PROTOCOL_NUMBERS: Readonly<Record<Protocol, number>> = { tcp: 6, udp: 17, sctp: 132 };

export interface Tuple {
  readonly src: string;
  readonly dst: string;
  readonly sport: number;
  readonly dport: number;
}

export interface ConntrackEntry {
  readonly protocol: Protocol;
  /** The tuple as the first packet had it. */
  readonly original: Tuple;
  /** The tuple replies carry: after DNAT the reply comes from the endpoint, after SNAT to the node. */
  readonly reply: Tuple;
  /** ESTABLISHED, SYN_SENT, ... for TCP; UDP has no state column. */
  state: string;
  /** Virtual second at which the entry expires. */
  expires: number;
  assured: boolean;
  replied: boolean;
  mark: number;
  /** Which NAT the connection got, so the walk can say why a reply was rewritten. */
  readonly dnat: boolean;
  readonly snat: boolean;
}

/** nf_conntrack's default timeouts in seconds. */
export const CONNTRACK_TIMEOUTS = { tcpEstablished: 432000, tcpSynSent: 120, udp: 30, udpStream: 120 } as const;

function key(protocol: Protocol, t: Tuple): string {
  return `${protocol} ${t.src}:${t.sport} ${t.dst}:${t.dport}`;
}

export class Conntrack {
  private readonly byOriginal = new Map<string, ConntrackEntry>();
  private readonly byReply = new Map<string, ConntrackEntry>();

  /** The entry a packet belongs to, in either direction, unless it has expired by `now`. */
  lookup(protocol: Protocol, t: Tuple, now: number): { entry: ConntrackEntry; direction: 'original' | 'reply' } | undefined {
    const o = this.byOriginal.get(key(protocol, t));
    if (o && o.expires > now) return { entry: o, direction: 'original' };
    const r = this.byReply.get(key(protocol, t));
    if (r && r.expires > now) return { entry: r, direction: 'reply' };
    return undefined;
  }

  add(entry: ConntrackEntry): void {
    this.byOriginal.set(key(entry.protocol, entry.original), entry);
    this.byReply.set(key(entry.protocol, entry.reply), entry);
  }

  /** Entries still alive at `now`, oldest first. */
  entries(now: number): ConntrackEntry[] {
    return [...this.byOriginal.values()].filter((e) => e.expires > now);
  }

  /** Drop expired entries and, like `conntrack -D`, those matching a filter (kube-proxy clears UDP entries of removed endpoints). */
  delete(filter: (e: ConntrackEntry) => boolean): number {
    let n = 0;
    for (const [k, e] of this.byOriginal) {
      if (!filter(e)) continue;
      this.byOriginal.delete(k);
      this.byReply.delete(key(e.protocol, e.reply));
      n++;
    }
    return n;
  }

  get size(): number {
    return this.byOriginal.size;
  }
}

function tupleText(t: Tuple): string {
  return `src=${t.src} dst=${t.dst} sport=${t.sport} dport=${t.dport}`;
}

/** One line of `conntrack -L`. */
export function conntrackLine(e: ConntrackEntry, now: number): string {
  const head = `${e.protocol.padEnd(8)} ${PROTOCOL_NUMBERS[e.protocol]} ${Math.max(0, Math.ceil(e.expires - now))} `;
  const state = e.protocol === 'tcp' ? `${e.state} ` : '';
  const unreplied = e.replied ? '' : ' [UNREPLIED]';
  const assured = e.assured ? ' [ASSURED]' : '';
  return `${head}${state}${tupleText(e.original)}${unreplied} ${tupleText(e.reply)}${assured} mark=${e.mark} use=1`;
}

/** `conntrack -L`: the entries on stdout, the count on stderr, as conntrack-tools prints them. */
export function conntrackList(table: Conntrack, now: number): { stdout: string; stderr: string } {
  const lines = table.entries(now).map((e) => conntrackLine(e, now));
  return {
    stdout: lines.map((l) => `${l}\n`).join(''),
    stderr: `conntrack v1.4.7 (conntrack-tools): ${lines.length} flow entries have been shown.\n`,
  };
}
