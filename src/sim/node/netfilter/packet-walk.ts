/**
 * The walk of one packet through a node's netfilter, returned as data (the page draws it; the
 * future `kubearch trace-packet` prints it): each hook, table, chain and rule it matched in order,
 * the DNAT it got (a statistic match draws from the engine's seeded Rng as the kernel draws
 * get_random_u32(); IPVS picks round-robin), the SNAT of masquerade, the conntrack entry, and the
 * verdict. Rule and chain-policy counters are incremented as the kernel would.
 *
 * The model: a packet arriving on an interface goes PREROUTING (mangle, nat), then INPUT (mangle,
 * filter, nat) if its destination is local after DNAT, else FORWARD (mangle, filter), then
 * POSTROUTING (mangle, nat). One sent by a local process goes OUTPUT (mangle, nat, filter), then
 * POSTROUTING. The nat table only sees the first packet of a connection; later packets follow
 * their conntrack entry. IPVS sits after the filter table on INPUT/OUTPUT for addresses it serves.
 */
import type { Rng } from '../../engine/rng';
import { CONNTRACK_TIMEOUTS, type ConntrackEntry, type Protocol, type Tuple } from './conntrack';
import type { Chain, Netfilter, TableName } from './netfilter';
import { addressContains, isChainTarget, parseAddress, storedProbability, type Match, type MatchOption, type Rule } from './rule';

export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

export interface Packet {
  readonly protocol: Protocol;
  readonly src: string;
  readonly sport: number;
  readonly dst: string;
  readonly dport: number;
  /** Bytes added to counters; a TCP SYN is 60. */
  readonly bytes?: number;
}

export interface WalkOptions {
  /** `local`: sent by a process on this node (OUTPUT); `external`: arrived on an interface (PREROUTING). */
  readonly origin: 'local' | 'external';
  /** The node's own addresses (its node IP, kube-ipvs0's, ...); 127.0.0.0/8 is always local. */
  readonly localAddresses: readonly string[];
  /** The address MASQUERADE rewrites the source to (the outgoing interface's). */
  readonly nodeIP: string;
  readonly rng: Rng;
  /** Engine time in seconds, for conntrack timeouts and `-m recent`. */
  readonly now: number;
  readonly inInterface?: string;
}

export type StepAction =
  | 'continue'
  | 'jump'
  | 'goto'
  | 'return'
  | 'accept'
  | 'drop'
  | 'reject'
  | 'dnat'
  | 'snat'
  | 'masquerade'
  | 'redirect'
  | 'mark'
  | 'policy'
  | 'ipvs'
  | 'conntrack';

export interface WalkStep {
  readonly hook: Hook;
  readonly table: TableName | 'ipvs' | 'conntrack';
  readonly chain: string;
  /** 1-based rule number in the chain, as `iptables -L --line-numbers` shows it. */
  readonly rule?: number;
  /** The rule as iptables-save prints it. */
  readonly ruleText?: string;
  readonly action: StepAction;
  readonly detail?: string;
}

export interface PacketWalk {
  readonly steps: readonly WalkStep[];
  readonly verdict: 'ACCEPT' | 'DROP' | 'REJECT';
  /** Where the packet goes after NAT. */
  readonly destination: { readonly address: string; readonly port: number };
  readonly source: { readonly address: string; readonly port: number };
  readonly dnat: boolean;
  readonly snat: boolean;
  /** The connection's entry: created for a new connection that was accepted, or the one it followed. */
  readonly conntrack?: ConntrackEntry;
  /** The packet belonged to a known connection (ctstate ESTABLISHED) and skipped the nat table. */
  readonly established: boolean;
  readonly mark: number;
}

const HOOK_TABLES: Readonly<Record<Hook, readonly TableName[]>> = {
  PREROUTING: ['raw', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'nat'],
  FORWARD: ['mangle', 'filter'],
  OUTPUT: ['raw', 'mangle', 'nat', 'filter'],
  POSTROUTING: ['mangle', 'nat'],
};

interface State {
  src: string;
  sport: number;
  dst: string;
  dport: number;
  mark: number;
  dnat: boolean;
  snat: boolean;
  ctstate: 'NEW' | 'ESTABLISHED';
  verdict: 'ACCEPT' | 'DROP' | 'REJECT' | undefined;
}

function opt(m: Match, flag: string): MatchOption | undefined {
  for (const o of m.options) if (o.flag === flag) return o;
  return undefined;
}

function portMatches(o: MatchOption | undefined, port: number): boolean {
  if (!o) return true;
  const [lo, hi] = (o.args[0] ?? '').split(':');
  const inRange = hi === undefined ? port === Number(lo) : port >= Number(lo || 0) && port <= Number(hi || 65535);
  return inRange !== o.negated;
}

function num(s: string | undefined): number {
  if (s === undefined) return 0;
  return (s.startsWith('0x') ? parseInt(s.slice(2), 16) : Number(s)) >>> 0;
}

class Walker {
  readonly steps: WalkStep[] = [];
  private readonly local: Set<string>;

  constructor(
    readonly nf: Netfilter,
    readonly packet: Packet,
    readonly options: WalkOptions,
    readonly s: State,
  ) {
    this.local = new Set([...options.localAddresses, ...nf.dummyInterfaceAddresses]);
  }

  isLocal(ip: string): boolean {
    return this.local.has(ip) || (!ip.includes(':') && ip.startsWith('127.'));
  }

  private matchSet(m: Match): boolean {
    const o = opt(m, '--match-set');
    if (!o) return false;
    const [name, flags = 'dst'] = o.args;
    const set = this.nf.ipsets.get(name ?? '');
    if (!set) return o.negated;
    const f = flags.split(',');
    const addr = (which: string | undefined) => (which === 'src' ? this.s.src : this.s.dst);
    const port = (which: string | undefined) => (which === 'src' ? this.s.sport : this.s.dport);
    let hit: boolean;
    if (set.type === 'bitmap:port') hit = set.entries.has(String(port(f[0])));
    else if (set.type === 'hash:ip') hit = set.entries.has(addr(f[0]));
    else if (set.type === 'hash:ip,port') hit = set.entries.has(`${addr(f[0])},${this.packet.protocol}:${port(f[1])}`);
    else if (set.type === 'hash:ip,port,ip') hit = set.entries.has(`${addr(f[0])},${this.packet.protocol}:${port(f[1])},${addr(f[2])}`);
    else {
      const head = `${addr(f[0])},${this.packet.protocol}:${port(f[1])},`;
      hit = [...set.entries].some((e) => e.startsWith(head) && addressContains(parseAddress(e.slice(head.length), false), addr(f[2])));
    }
    return hit !== o.negated;
  }

  private matchOne(m: Match): boolean {
    const s = this.s;
    switch (m.name) {
      case 'comment':
      case 'nfacct':
        return true;
      case 'tcp':
      case 'udp':
      case 'sctp':
        return this.packet.protocol === m.name && portMatches(opt(m, '--sport'), s.sport) && portMatches(opt(m, '--dport'), s.dport);
      case 'conntrack': {
        const st = opt(m, '--ctstate');
        if (!st) return true;
        const states = new Set([s.ctstate, ...(s.dnat ? ['DNAT'] : []), ...(s.snat ? ['SNAT'] : [])]);
        return (st.args[0] ?? '').split(',').some((x) => states.has(x)) !== st.negated;
      }
      case 'mark': {
        const o = opt(m, '--mark');
        const [v, mask] = (o?.args[0] ?? '0').split('/');
        const mk = mask === undefined ? 0xffffffff : num(mask);
        return (((s.mark & mk) >>> 0) === num(v)) !== (o?.negated ?? false);
      }
      case 'addrtype': {
        const src = opt(m, '--src-type');
        const dst = opt(m, '--dst-type');
        const typeOk = (o: MatchOption | undefined, ip: string) => !o || ((o.args[0] === 'LOCAL') === this.isLocal(ip)) !== o.negated;
        return typeOk(src, s.src) && typeOk(dst, s.dst);
      }
      case 'statistic': {
        const p = opt(m, '--probability');
        if (opt(m, '--mode')?.args[0] !== 'random' || !p) return false;
        return ((this.options.rng.nextUint32() & 0x7fffffff) < storedProbability(p.args[0] ?? '0')) !== p.negated;
      }
      case 'recent': {
        const name = opt(m, '--name')?.args[0] ?? 'DEFAULT';
        let list = this.nf.recent.get(name);
        if (!list) this.nf.recent.set(name, (list = new Map()));
        const inverted = m.options.some((o) => o.negated);
        if (opt(m, '--set')) {
          list.set(s.src, this.options.now);
          return !inverted;
        }
        const seen = list.get(s.src);
        const seconds = opt(m, '--seconds');
        let hit = seen !== undefined && (!seconds || this.options.now - seen <= Number(seconds.args[0]));
        if (opt(m, '--update') && hit) list.set(s.src, this.options.now);
        if (opt(m, '--remove') && hit) list.delete(s.src);
        if (opt(m, '--reap') && seen !== undefined && !hit) list.delete(s.src);
        hit = hit !== inverted;
        return hit;
      }
      case 'set':
        return this.matchSet(m);
      default:
        return false;
    }
  }

  private matches(r: Rule): boolean {
    const spec = r.spec.fields();
    const s = this.s;
    if (spec.source && addressContains(spec.source, s.src) === spec.source.negated) return false;
    if (spec.destination && addressContains(spec.destination, s.dst) === spec.destination.negated) return false;
    if (spec.protocol && spec.protocol.name !== 'all' && (spec.protocol.name === this.packet.protocol) === spec.protocol.negated) return false;
    if (spec.inInterface && (spec.inInterface.name === this.options.inInterface) === spec.inInterface.negated) return false;
    if (spec.outInterface && !spec.outInterface.negated) return false;
    for (const m of spec.matches) if (!this.matchOne(m)) return false;
    return true;
  }

  /** Traverse one table's built-in chain for a hook; false when the packet was dropped or rejected. */
  traverse(hook: Hook, table: TableName): boolean {
    const t = this.nf.tables.get(table);
    const base = t?.chain(hook);
    if (!t || !base) return true;
    const bytes = this.packet.bytes ?? 60;
    const stack: { chain: Chain; index: number }[] = [];
    let frame: { chain: Chain; index: number } | undefined = { chain: base, index: 0 };
    const step = (chain: string, rule: Rule | undefined, index: number, action: StepAction, detail?: string) =>
      this.steps.push({ hook, table, chain, ...(rule ? { rule: index + 1, ruleText: rule.spec.saveText } : {}), action, ...(detail ? { detail } : {}) });
    let guard = 0;
    while (frame) {
      if (++guard > 100000) throw new Error('packet walk: rule loop');
      const chain: Chain = frame.chain;
      if (frame.index >= chain.rules.length) {
        if (chain.builtin) {
          chain.packets++;
          chain.bytes += bytes;
          step(chain.name, undefined, 0, 'policy', chain.policy ?? 'ACCEPT');
          if (chain.policy === 'DROP') {
            this.s.verdict = 'DROP';
            return false;
          }
          return true;
        }
        frame = stack.pop();
        continue;
      }
      const i = frame.index++;
      const rule = chain.rules[i] as Rule;
      if (!this.matches(rule)) continue;
      rule.packets++;
      rule.bytes += bytes;
      const target = rule.spec.target;
      if (!target) {
        step(chain.name, rule, i, 'continue');
        continue;
      }
      const o = target.options;
      const arg = (flag: string) => o.find((x) => x.flag === flag)?.args[0];
      switch (target.name) {
        case 'ACCEPT':
          step(chain.name, rule, i, 'accept');
          return true;
        case 'DROP':
          step(chain.name, rule, i, 'drop');
          this.s.verdict = 'DROP';
          return false;
        case 'REJECT':
          step(chain.name, rule, i, 'reject', arg('--reject-with') ?? 'icmp-port-unreachable');
          this.s.verdict = 'REJECT';
          return false;
        case 'RETURN':
          step(chain.name, rule, i, 'return');
          frame = stack.pop();
          if (!frame) return true;
          continue;
        case 'MARK': {
          const set = arg('--set-xmark');
          let v = 0;
          let mask = 0xffffffff;
          if (set) [v, mask] = (set.split('/') as [string, string | undefined]).map((x, k) => (x === undefined ? (k ? 0xffffffff : 0) : num(x))) as [number, number];
          else if (arg('--or-mark')) v = mask = num(arg('--or-mark'));
          else if (arg('--xor-mark')) [v, mask] = [num(arg('--xor-mark')), 0];
          this.s.mark = ((this.s.mark & ~mask) ^ v) >>> 0;
          step(chain.name, rule, i, 'mark', `0x${this.s.mark.toString(16)}`);
          continue;
        }
        case 'DNAT': {
          const to = arg('--to-destination') ?? '';
          const colon = to.lastIndexOf(':');
          this.s.dst = colon > 0 ? to.slice(0, colon) : to;
          if (colon > 0) this.s.dport = Number(to.slice(colon + 1));
          this.s.dnat = true;
          step(chain.name, rule, i, 'dnat', to);
          return true;
        }
        case 'REDIRECT': {
          this.s.dst = hook === 'OUTPUT' ? '127.0.0.1' : this.options.nodeIP;
          this.s.dport = Number(arg('--to-ports') ?? this.s.dport);
          this.s.dnat = true;
          step(chain.name, rule, i, 'redirect', `${this.s.dst}:${this.s.dport}`);
          return true;
        }
        case 'MASQUERADE':
        case 'SNAT': {
          const to = target.name === 'SNAT' ? (arg('--to-source') ?? this.options.nodeIP) : this.options.nodeIP;
          this.s.src = to.split(':')[0] as string;
          this.s.snat = true;
          step(chain.name, rule, i, target.name === 'SNAT' ? 'snat' : 'masquerade', this.s.src);
          return true;
        }
        default: {
          if (!isChainTarget(target.name)) {
            step(chain.name, rule, i, 'continue', target.name);
            continue;
          }
          const next = t.chain(target.name);
          if (!next) continue;
          step(chain.name, rule, i, target.goto ? 'goto' : 'jump', target.name);
          if (!target.goto) stack.push(frame);
          frame = { chain: next, index: 0 };
        }
      }
    }
    return true;
  }

  /** IPVS on LOCAL_IN / LOCAL_OUT: a new connection to a virtual server gets a real server. */
  ipvs(hook: Hook): void {
    if (this.s.ctstate !== 'NEW' || this.s.dnat) return;
    const vs = this.nf.ipvs.get(this.packet.protocol.toUpperCase() as 'TCP' | 'UDP' | 'SCTP', this.s.dst, this.s.dport);
    if (!vs) return;
    const rs = this.nf.ipvs.schedule(vs, this.s.src, this.options.now);
    if (!rs) {
      this.steps.push({ hook, table: 'ipvs', chain: `${vs.protocol} ${vs.address}:${vs.port}`, action: 'drop', detail: 'no real server' });
      this.s.verdict = 'DROP';
      return;
    }
    rs.activeConnections++;
    this.s.dst = rs.address;
    this.s.dport = rs.port;
    this.s.dnat = true;
    this.steps.push({ hook, table: 'ipvs', chain: `${vs.protocol} ${vs.address}:${vs.port}`, action: 'ipvs', detail: `${vs.scheduler} -> ${rs.address}:${rs.port}` });
  }

  hook(h: Hook): boolean {
    for (const table of HOOK_TABLES[h]) {
      if (table === 'nat' && this.s.ctstate !== 'NEW') continue;
      if (!this.traverse(h, table)) return false;
    }
    if ((h === 'INPUT' || h === 'OUTPUT') && this.s.verdict === undefined) this.ipvs(h);
    return this.s.verdict === undefined;
  }
}

/** Walk one packet through the node; mutates counters, xt_recent lists, IPVS and conntrack. */
export function walkPacket(nf: Netfilter, packet: Packet, options: WalkOptions): PacketWalk {
  const original: Tuple = { src: packet.src, sport: packet.sport, dst: packet.dst, dport: packet.dport };
  const known = nf.conntrack.lookup(packet.protocol, original, options.now);
  const s: State = {
    src: packet.src,
    sport: packet.sport,
    dst: packet.dst,
    dport: packet.dport,
    mark: 0,
    dnat: false,
    snat: false,
    ctstate: known ? 'ESTABLISHED' : 'NEW',
    verdict: undefined,
  };
  const w = new Walker(nf, packet, options, s);
  if (known) {
    // Later packets of a connection take the NAT recorded for it, without the nat table.
    const e = known.entry;
    if (known.direction === 'original') {
      s.dst = e.reply.src;
      s.dport = e.reply.sport;
      s.src = e.reply.dst;
      s.sport = e.reply.dport;
    } else {
      s.dst = e.original.src;
      s.dport = e.original.sport;
      s.src = e.original.dst;
      s.sport = e.original.dport;
    }
    s.dnat = e.dnat;
    s.snat = e.snat;
    w.steps.push({ hook: options.origin === 'local' ? 'OUTPUT' : 'PREROUTING', table: 'conntrack', chain: '', action: 'conntrack', detail: `${known.direction} direction of a known connection` });
  }
  const run = (): void => {
    if (options.origin === 'local') {
      if (!w.hook('OUTPUT')) return;
      if (!w.hook('POSTROUTING')) return;
      if (w.isLocal(s.dst)) w.hook('INPUT');
      return;
    }
    if (!w.hook('PREROUTING')) return;
    if (w.isLocal(s.dst)) {
      if (!w.hook('INPUT')) return;
      // IPVS sends the rewritten packet out again when the real server is elsewhere.
      if (!w.isLocal(s.dst)) w.hook('POSTROUTING');
      return;
    }
    if (!w.hook('FORWARD')) return;
    w.hook('POSTROUTING');
  };
  run();
  const verdict = s.verdict ?? 'ACCEPT';
  let entry = known?.entry;
  if (!known && verdict === 'ACCEPT') {
    entry = {
      protocol: packet.protocol,
      original,
      reply: { src: s.dst, sport: s.dport, dst: s.src, dport: s.sport },
      state: packet.protocol === 'tcp' ? 'SYN_SENT' : '',
      expires: options.now + (packet.protocol === 'tcp' ? CONNTRACK_TIMEOUTS.tcpSynSent : CONNTRACK_TIMEOUTS.udp),
      assured: false,
      replied: false,
      mark: 0,
      dnat: s.dnat,
      snat: s.snat,
    };
    nf.conntrack.add(entry);
  }
  return {
    steps: w.steps,
    verdict,
    destination: { address: s.dst, port: s.dport },
    source: { address: s.src, port: s.sport },
    dnat: s.dnat,
    snat: s.snat,
    ...(entry ? { conntrack: entry } : {}),
    established: known !== undefined,
    mark: s.mark,
  };
}

/** The reply came back: the entry is ESTABLISHED and ASSURED, with the long TCP timeout. */
export function confirmReply(entry: ConntrackEntry, now: number): void {
  entry.replied = true;
  entry.assured = true;
  if (entry.protocol === 'tcp') {
    entry.state = 'ESTABLISHED';
    entry.expires = now + CONNTRACK_TIMEOUTS.tcpEstablished;
  } else entry.expires = now + CONNTRACK_TIMEOUTS.udpStream;
}

