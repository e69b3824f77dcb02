/**
 * `iptables [-t TABLE] -L [CHAIN] -n [-v] [--line-numbers] [-x]` as iptables v1.8.9 prints it:
 * the fixed-width columns of print_header/print_rule_details, then each match's and target's own
 * print form (the comment between C comment marks, `tcp dpt:80`, `statistic mode random probability 0.50000000000`,
 * `to:10.244.1.5:8080`). Only numeric output (-n) is modelled: the simulator has no DNS for rules.
 */
import { type Chain, type Netfilter, type Table, type TableName } from './netfilter';
import { savedProbability, type AddressMatch, type Match, type MatchOption, type Rule, type Target } from './rule';

export interface IptablesListOptions {
  readonly table?: TableName;
  readonly chain?: string;
  /** -v: counters and interfaces. */
  readonly verbose?: boolean;
  readonly lineNumbers?: boolean;
  /** -x: exact counters instead of K/M/G. */
  readonly exact?: boolean;
}

export class IptablesListError extends Error {}

/** xtables_print_num: five columns, then K/M/G/T with rounding, unless -x. */
function num(n: number, exact: boolean, table = true): string {
  const w = (s: string, width: number) => (table ? `${s.padStart(width)} ` : `${s} `);
  if (exact) return w(String(n), 8);
  if (n <= 99999) return w(String(n), 5);
  let v = Math.floor((n + 500) / 1000);
  for (const unit of ['K', 'M', 'G']) {
    if (v <= 9999) return w(`${v}${unit}`, 5);
    v = Math.floor((v + 500) / 1000);
  }
  return w(`${v}T`, 5);
}

function address(m: AddressMatch | undefined): string {
  const inv = m?.negated ? '!' : ' ';
  const text = !m ? '0.0.0.0/0' : m.prefix === 32 ? m.address : `${m.address}/${m.prefix}`;
  return `${inv}${text.padEnd(19)} `;
}

function opt(o: MatchOption[] | readonly MatchOption[], flag: string): MatchOption | undefined {
  return o.find((x) => x.flag === flag);
}

function portText(o: MatchOption | undefined, name: string): string {
  if (!o) return '';
  const v = o.args[0] ?? '';
  return ` ${v.includes(':') ? `${name}s` : name}:${o.negated ? '!' : ''}${v}`;
}

const CT_ORDER = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];

function printMatch(m: Match): string {
  const o = m.options;
  switch (m.name) {
    case 'comment':
      return ` /* ${opt(o, '--comment')?.args.join(' ') ?? ''} */`;
    case 'tcp':
    case 'udp':
    case 'sctp':
      return ` ${m.name}${portText(opt(o, '--sport'), 'spt')}${portText(opt(o, '--dport'), 'dpt')}`;
    case 'conntrack': {
      const st = opt(o, '--ctstate');
      if (!st) return '';
      const states = (st.args[0] ?? '').split(',').sort((a, b) => CT_ORDER.indexOf(a) - CT_ORDER.indexOf(b));
      return `${st.negated ? ' !' : ''} ctstate ${states.join(',')}`;
    }
    case 'mark': {
      const mk = opt(o, '--mark');
      const [v, mask] = (mk?.args[0] ?? '0').split('/');
      const hex = (s: string | undefined) => `0x${(Number(s) >>> 0).toString(16)}`;
      const shown = mask === undefined || Number(mask) >>> 0 === 0xffffffff ? hex(v) : `${hex(v)}/${hex(mask)}`;
      return ` mark match${mk?.negated ? ' !' : ''} ${shown}`;
    }
    case 'addrtype': {
      let s = ' ADDRTYPE match';
      const src = opt(o, '--src-type');
      const dst = opt(o, '--dst-type');
      if (src) s += ` src-type ${src.negated ? '!' : ''}${src.args[0]}`;
      if (dst) s += ` dst-type ${dst.negated ? '!' : ''}${dst.args[0]}`;
      return s;
    }
    case 'statistic': {
      const p = opt(o, '--probability');
      if (opt(o, '--mode')?.args[0] === 'random') return ` statistic mode random${p?.negated ? ' !' : ''} probability ${savedProbability(p?.args[0] ?? '0')}`;
      return ` statistic mode nth every ${opt(o, '--every')?.args[0]} packet ${opt(o, '--packet')?.args[0] ?? 0}`;
    }
    case 'recent': {
      let s = o.some((x) => x.negated) ? ' !' : '';
      s += ' recent:';
      if (opt(o, '--set')) s += ' SET';
      if (opt(o, '--rcheck')) s += ' CHECK';
      if (opt(o, '--update')) s += ' UPDATE';
      if (opt(o, '--remove')) s += ' REMOVE';
      const sec = opt(o, '--seconds');
      if (sec) s += ` seconds: ${sec.args[0]}`;
      if (opt(o, '--reap')) s += ' reap';
      const hit = opt(o, '--hitcount');
      if (hit) s += ` hit_count: ${hit.args[0]}`;
      if (opt(o, '--rttl')) s += ' TTL-Match';
      s += ` name: ${opt(o, '--name')?.args[0] ?? 'DEFAULT'}`;
      s += opt(o, '--rdest') ? ' side: dest' : ' side: source';
      s += ` mask: ${opt(o, '--mask')?.args[0] ?? '255.255.255.255'}`;
      return s;
    }
    case 'nfacct':
      return ` nfacct-name  ${opt(o, '--nfacct-name')?.args[0] ?? ''}`;
    case 'set': {
      const ms = opt(o, '--match-set');
      return `${ms?.negated ? ' !' : ''} match-set ${ms?.args.join(' ') ?? ''}`;
    }
    default:
      return o.map((x) => ` ${x.negated ? '! ' : ''}${x.flag.replace(/^--/, '')} ${x.args.join(' ')}`.trimEnd()).join('');
  }
}

function printTarget(t: Target | undefined): string {
  if (!t) return '';
  const o = t.options;
  switch (t.name) {
    case 'DNAT':
      return ` to:${opt(o, '--to-destination')?.args[0] ?? ''}`;
    case 'SNAT':
      return ` to:${opt(o, '--to-source')?.args[0] ?? ''}`;
    case 'REJECT':
      return ` reject-with ${opt(o, '--reject-with')?.args[0] ?? 'icmp-port-unreachable'}`;
    case 'MASQUERADE':
      return `${opt(o, '--to-ports') ? ` masq ports: ${opt(o, '--to-ports')?.args[0]}` : ''}${opt(o, '--random-fully') ? ' random-fully' : ''}${opt(o, '--random') ? ' random' : ''}`;
    case 'REDIRECT':
      return opt(o, '--to-ports') ? ` redir ports ${opt(o, '--to-ports')?.args[0]}` : '';
    case 'MARK': {
      const n = (s: string | undefined) => Number(s) >>> 0;
      const hex = (v: number) => `0x${(v >>> 0).toString(16)}`;
      let mark = 0;
      let mask = 0xffffffff;
      const set = opt(o, '--set-xmark') ?? opt(o, '--set-mark');
      if (set) {
        const [v, m] = (set.args[0] ?? '0').split('/');
        mark = n(v);
        mask = m === undefined ? 0xffffffff : n(m);
      } else if (opt(o, '--or-mark')) mark = mask = n(opt(o, '--or-mark')?.args[0]);
      else if (opt(o, '--xor-mark')) [mark, mask] = [n(opt(o, '--xor-mark')?.args[0]), 0];
      else if (opt(o, '--and-mark')) [mark, mask] = [0, ~n(opt(o, '--and-mark')?.args[0]) >>> 0];
      if (mark === 0) return ` MARK and ${hex(~mask)}`;
      if (mark === mask) return ` MARK or ${hex(mark)}`;
      if (mask === 0) return ` MARK xor ${hex(mark)}`;
      if (mask === 0xffffffff) return ` MARK set ${hex(mark)}`;
      return ` MARK xset ${hex(mark)}/${hex(mask)}`;
    }
    default:
      return '';
  }
}

function header(options: IptablesListOptions): string {
  let s = options.lineNumbers ? 'num  ' : '';
  if (options.verbose) s += options.exact ? `${'pkts'.padStart(8)} ${'bytes'.padStart(10)} ` : `${'pkts'.padStart(5)} ${'bytes'.padStart(5)} `;
  s += `${'target'.padEnd(9)} `;
  s += ' prot opt';
  if (options.verbose) s += ` ${'in'.padEnd(6)} ${'out'.padEnd(6)} `;
  s += ` ${'source'.padEnd(19)} `;
  s += ` ${'destination'.padEnd(19)} `;
  return s;
}

function ruleLine(r: Rule, n: number, options: IptablesListOptions): string {
  const spec = r.spec;
  const exact = options.exact ?? false;
  let s = options.lineNumbers ? `${String(n).padEnd(4)} ` : '';
  if (options.verbose) s += exact ? `${String(r.packets).padStart(8)} ${String(r.bytes).padStart(10)} ` : num(r.packets, false) + num(r.bytes, false);
  s += `${(spec.target?.name ?? '').padEnd(9)} `;
  s += spec.protocol?.negated ? '!' : ' ';
  s += `${(spec.protocol?.name ?? 'all').padEnd(4)} `;
  s += '-- ';
  if (options.verbose) {
    const iface = (m: { name: string; negated: boolean } | undefined) => `${m?.negated ? '!' : ''}${m?.name ?? '*'}`;
    s += ` ${iface(spec.inInterface).padEnd(6)} ${iface(spec.outInterface).padEnd(6)} `;
  }
  s += address(spec.source) + address(spec.destination);
  if (spec.target?.goto) s += '[goto] ';
  for (const m of spec.matches) s += printMatch(m);
  s += printTarget(spec.target);
  return s;
}

function chainBlock(table: Table, c: Chain, options: IptablesListOptions): string {
  let head = `Chain ${c.name}`;
  if (c.builtin) {
    head += ` (policy ${c.policy ?? 'ACCEPT'}`;
    if (options.verbose) head += ` ${num(c.packets, options.exact ?? false, false)}packets, ${num(c.bytes, options.exact ?? false, false)}bytes`;
    head += ')';
  } else head += ` (${table.references(c.name)} references)`;
  return [head, header(options), ...c.rules.map((r, i) => ruleLine(r, i + 1, options))].map((l) => `${l}\n`).join('');
}

/** The listing; throws IptablesListError with iptables' message for a missing chain. */
export function iptablesList(nf: Netfilter, options: IptablesListOptions = {}): string {
  const table = nf.table(options.table ?? 'filter');
  if (options.chain !== undefined) {
    const c = table.chain(options.chain);
    if (!c) throw new IptablesListError(`iptables: No chain/target/match by that name.`);
    return chainBlock(table, c, options);
  }
  return table
    .orderedChains()
    .map((c) => chainBlock(table, c, options))
    .join('\n');
}
