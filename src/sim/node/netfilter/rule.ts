/**
 * One iptables rule as data, and the two spellings of it.
 *
 * kube-proxy writes a rule as `iptables-restore` arguments in its own order
 * (`-m comment --comment "x" -m tcp -p tcp -d 10.96.0.1 --dport 443 -j KUBE-SVC-…`). The kernel keeps
 * only the meaning, and `iptables-save` (v1.8.9) prints it back in iptables' order and spelling:
 * `[!] -s`, `[!] -d`, `-i`, `-o`, `-p` first, then each `-m` match in the order given with its
 * options in the extension's own order, then `-j` and the target's saved options (`/32` suffixes,
 * `--set-xmark`, `--reject-with`, `%.11f` probabilities). `parseRuleArgs` reads the first form into a
 * `RuleSpec` and spells its save form (`saveText`) once; kube-proxy's own rules spell both forms
 * when read (kube-proxy/iptables/service-rules.ts).
 *
 * Specs are immutable and may be shared between rules; a `Rule` adds the packet and byte counters
 * that a rule in the kernel carries (and loses when `iptables-restore` rewrites its chain).
 */

export interface AddressMatch {
  /** The network address with the mask applied, e.g. `10.0.0.0`. */
  readonly address: string;
  readonly prefix: number;
  readonly negated: boolean;
}

export interface NameMatch {
  readonly name: string;
  readonly negated: boolean;
}

export interface MatchOption {
  /** The long flag as iptables saves it, e.g. `--dport`. */
  readonly flag: string;
  readonly args: readonly string[];
  readonly negated: boolean;
}

export interface Match {
  /** The extension name after `-m`: `tcp`, `comment`, `conntrack`, `statistic`, `recent`... */
  readonly name: string;
  readonly options: readonly MatchOption[];
}

export interface Target {
  /** ACCEPT, DROP, RETURN, a chain name, or an extension target (DNAT, MARK, REJECT...). */
  readonly name: string;
  readonly options: readonly MatchOption[];
  /** `-g` instead of `-j`: the chain is entered without a return address. */
  readonly goto: boolean;
}

/** The meaning of a rule: its generic matches, its `-m` matches in order, its target. */
export interface RuleFields {
  readonly source?: AddressMatch;
  readonly destination?: AddressMatch;
  readonly inInterface?: NameMatch;
  readonly outInterface?: NameMatch;
  readonly protocol?: NameMatch;
  readonly matches: readonly Match[];
  /** Absent for a rule that only counts (kube-proxy's "other traffic ... will be dropped" rule). */
  readonly target?: Target;
}

/**
 * A rule as loaded: its save form, its restore-text arguments, and the parsed fields. The fields
 * are rebuilt from the arguments when first asked for (by the packet walk or `iptables -L`) rather
 * than kept for every rule: a node with 170,000 rules would otherwise hold a dozen objects per rule
 * that nothing reads. Subclasses say how the two spellings are had: kept as text (`parseRuleArgs`,
 * `trustedRuleText`), or spelled on demand from a few fields (kube-proxy's per-service rules,
 * which are most of a big node's rules and would otherwise cost two strings each).
 */
export abstract class RuleSpec implements RuleFields {
  // Declared only: added on first parse, so the many specs never parsed pay no field set-up.
  private declare parsed: RuleFields | undefined;

  /** The arguments as restore text: what the writer put after `-A CHAIN`. */
  abstract get restoreText(): string;

  /** The rule as `iptables-save` prints it after `-A CHAIN`. */
  abstract get saveText(): string;

  /** The arguments as written (after `-A CHAIN`). */
  get args(): readonly string[] {
    return tokenize(this.restoreText);
  }

  fields(): RuleFields {
    return (this.parsed ??= parseRuleFields(this.args));
  }
  get source(): AddressMatch | undefined {
    return this.fields().source;
  }
  get destination(): AddressMatch | undefined {
    return this.fields().destination;
  }
  get inInterface(): NameMatch | undefined {
    return this.fields().inInterface;
  }
  get outInterface(): NameMatch | undefined {
    return this.fields().outInterface;
  }
  get protocol(): NameMatch | undefined {
    return this.fields().protocol;
  }
  get matches(): readonly Match[] {
    return this.fields().matches;
  }
  get target(): Target | undefined {
    return this.fields().target;
  }
}

/** A rule read from arguments (iptables-restore, `iptables -A`): both spellings kept. */
class ArgsRuleSpec extends RuleSpec {
  constructor(
    private readonly args_: readonly string[],
    private readonly saved: string,
  ) {
    super();
  }
  override get args(): readonly string[] {
    return this.args_;
  }
  get restoreText(): string {
    return this.args_.join(' ');
  }
  get saveText(): string {
    return this.saved;
  }
}

/** A trusted rule kept as its restore text; spelled the iptables-save way on first read unless given. */
class TextRuleSpec extends RuleSpec {
  constructor(
    private readonly text: string,
    private saved: string | undefined,
  ) {
    super();
  }
  get restoreText(): string {
    return this.text;
  }
  get saveText(): string {
    // Parsed here only to be spelled: not kept, so a save of the whole node holds no parse trees.
    return (this.saved ??= saveTextOf(parseRuleFields(this.args)));
  }
}

export interface Rule {
  readonly spec: RuleSpec;
  /** Packets and bytes that matched; incremented by the packet walk, zeroed when the chain is rewritten. */
  packets: number;
  bytes: number;
}

export function newRule(spec: RuleSpec): Rule {
  return { spec, packets: 0, bytes: 0 };
}

export class RuleParseError extends Error {}

/** Targets built into iptables itself rather than provided by an extension. */
export const STANDARD_TARGETS: ReadonlySet<string> = new Set(['ACCEPT', 'DROP', 'RETURN', 'QUEUE']);

const LONG_FLAGS: Readonly<Record<string, string>> = {
  '--source-port': '--sport',
  '--destination-port': '--dport',
};

/** Targets provided by extensions; any other target name is a chain. */
const EXTENSION_TARGETS: ReadonlySet<string> = new Set([
  'DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'MARK', 'CONNMARK', 'REJECT', 'LOG', 'NFLOG', 'CT', 'NOTRACK', 'TCPMSS', 'CHECKSUM', 'TPROXY', 'TRACE',
]);

/** Is this target a user chain (a jump) rather than a verdict or an extension? */
export function isChainTarget(name: string): boolean {
  return !STANDARD_TARGETS.has(name) && !EXTENSION_TARGETS.has(name);
}

/** Split a restore line into arguments the way iptables-restore does: spaces, with double quotes. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    if (i >= n) break;
    if (line.charCodeAt(i) === 34) {
      let value = '';
      i++;
      while (i < n && line.charCodeAt(i) !== 34) {
        if (line.charCodeAt(i) === 92 && i + 1 < n) i++;
        value += line[i];
        i++;
      }
      i++;
      out.push(value);
    } else {
      const start = i;
      while (i < n && line.charCodeAt(i) !== 32 && line.charCodeAt(i) !== 9) i++;
      out.push(line.slice(start, i));
    }
  }
  return out;
}

/** Strip the literal quotes kube-proxy puts around a comment argument (`"\"ns/svc:p cluster IP\""`). */
function unquote(arg: string): string {
  return arg.length >= 2 && arg.charCodeAt(0) === 34 && arg.charCodeAt(arg.length - 1) === 34 ? arg.slice(1, -1) : arg;
}

function isOptionToken(t: string): boolean {
  if (t.length < 2 || t.charCodeAt(0) !== 45 /* - */) return false;
  const c = t.charCodeAt(1);
  return c < 48 || c > 57;
}

/** Parse `a.b.c.d[/n]` (or an IPv6 address) into the network iptables stores. */
export function parseAddress(text: string, negated: boolean): AddressMatch {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  if (addr.includes(':')) {
    const prefix = slash < 0 ? 128 : Number(text.slice(slash + 1));
    return { address: addr, prefix, negated };
  }
  let prefix = 32;
  if (slash >= 0) {
    const m = text.slice(slash + 1);
    prefix = m.includes('.') ? maskToPrefix(ipv4ToNumber(m)) : Number(m);
  }
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new RuleParseError(`host/network \`${text}' not found`);
  const n = ipv4ToNumber(addr);
  const masked = prefix === 0 ? 0 : (n & (0xffffffff << (32 - prefix))) >>> 0;
  return { address: prefix === 32 ? addr : numberToIpv4(masked), prefix, negated };
}

export function ipv4ToNumber(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4) throw new RuleParseError(`host/network \`${ip}' not found`);
  let n = 0;
  for (const p of parts) {
    const v = Number(p);
    if (!Number.isInteger(v) || v < 0 || v > 255 || p === '') throw new RuleParseError(`host/network \`${ip}' not found`);
    n = n * 256 + v;
  }
  return n >>> 0;
}

export function numberToIpv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function maskToPrefix(mask: number): number {
  let bits = 0;
  while (bits < 32 && (mask & (0x80000000 >>> bits)) !== 0) bits++;
  return bits;
}

/** Does `ip` fall inside the address match's network (ignoring negation)? */
export function addressContains(m: AddressMatch, ip: string): boolean {
  if (m.address.includes(':') || ip.includes(':')) return m.address === ip;
  if (m.prefix === 0) return true;
  const mask = (0xffffffff << (32 - m.prefix)) >>> 0;
  return ((ipv4ToNumber(ip) & mask) >>> 0) === ((ipv4ToNumber(m.address) & mask) >>> 0);
}

function printAddress(m: AddressMatch): string {
  return `${m.address}/${m.prefix}`;
}

interface MutableMatch {
  name: string;
  options: MatchOption[];
}

/**
 * Read one rule from its arguments (everything after `-A CHAIN`), as iptables-restore reads them.
 * Arguments may carry kube-proxy's literal quotes; both `["\"a b\""]` and `["a b"]` mean `a b`.
 */
export function parseRuleArgs(args: readonly string[]): RuleSpec {
  return new ArgsRuleSpec(args, saveTextOf(parseRuleFields(args)));
}

/**
 * A rule from a producer that only writes well-formed rules (kube-proxy's own syncProxyRules):
 * parsed and spelled the iptables-save way only when something reads it. A full sync of a large
 * cluster writes six figures of rules, most of which nobody looks at before the next sync.
 */
export function trustedRuleText(text: string, saveText?: string): RuleSpec {
  return new TextRuleSpec(text, saveText);
}

export function trustedRule(args: readonly string[]): RuleSpec {
  // Kept as one string: a few bytes per argument instead of an array of fresh strings.
  return new TextRuleSpec(args.join(' '), undefined);
}

/** Read the arguments into fields, as iptables-restore does; throws RuleParseError. */
export function parseRuleFields(args: readonly string[]): RuleFields {
  let source: AddressMatch | undefined;
  let destination: AddressMatch | undefined;
  let inInterface: NameMatch | undefined;
  let outInterface: NameMatch | undefined;
  let protocol: NameMatch | undefined;
  const matches: MutableMatch[] = [];
  let current: MutableMatch | undefined;
  let target: { name: string; options: MatchOption[]; goto: boolean } | undefined;
  let negate = false;
  const n = args.length;
  let i = 0;
  while (i < n) {
    const t = args[i] as string;
    if (t === '!') {
      negate = true;
      i++;
      continue;
    }
    // Options that take one value read it here; a missing value is iptables' own error.
    const next = args[i + 1];
    switch (t) {
      case '-s':
      case '--source':
      case '--src':
        source = parseAddress(valueOf(t, next), negate);
        i++;
        break;
      case '-d':
      case '--destination':
      case '--dst':
        destination = parseAddress(valueOf(t, next), negate);
        i++;
        break;
      case '-p':
      case '--protocol':
        protocol = { name: valueOf(t, next).toLowerCase(), negated: negate };
        i++;
        break;
      case '-i':
      case '--in-interface':
        inInterface = { name: valueOf(t, next), negated: negate };
        i++;
        break;
      case '-o':
      case '--out-interface':
        outInterface = { name: valueOf(t, next), negated: negate };
        i++;
        break;
      case '-m':
      case '--match':
        current = { name: valueOf(t, next), options: [] };
        matches.push(current);
        i++;
        break;
      case '-j':
      case '--jump':
      case '-g':
      case '--goto':
        target = { name: valueOf(t, next), options: [], goto: t === '-g' || t === '--goto' };
        i++;
        break;
      default: {
        if (!isOptionToken(t)) throw new RuleParseError(`Bad argument \`${t}'`);
        const flag = LONG_FLAGS[t] ?? t;
        const optArgs: string[] = [];
        while (i + 1 < n && args[i + 1] !== '!' && !isOptionToken(args[i + 1] as string)) optArgs.push(unquote(args[++i] as string));
        const option: MatchOption = { flag, args: optArgs, negated: negate };
        if (target) target.options.push(option);
        else {
          if (!current) {
            // `-p tcp --dport 80` without `-m tcp`: iptables loads the protocol's match itself.
            if (!protocol || (protocol.name !== 'tcp' && protocol.name !== 'udp' && protocol.name !== 'sctp')) throw new RuleParseError(`unknown option "${t}"`);
            current = { name: protocol.name, options: [] };
            matches.push(current);
          }
          current.options.push(option);
        }
      }
    }
    negate = false;
    i++;
  }
  return { source, destination, inInterface, outInterface, protocol, matches, target };
}

function valueOf(flag: string, v: string | undefined): string {
  if (v === undefined) throw new RuleParseError(`option "${flag}" requires an argument`);
  return unquote(v);
}

/** Parse a whole `-A CHAIN ...` style argument string (no chain), for tests and hand-written rules. */
export function parseRule(text: string): RuleSpec {
  return parseRuleArgs(tokenize(text));
}

// ---------------------------------------------------------------------------------------------
// The save form.

const SAFE_CHARS = /^[A-Za-z0-9_-]+$/;

/** xtables_save_string: bare when only letters, digits, `_` and `-`; otherwise quoted and escaped. */
export function saveString(value: string): string {
  if (value.length > 0 && SAFE_CHARS.test(value)) return value;
  return `"${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

function neg(o: { negated: boolean }): string {
  return o.negated ? '! ' : '';
}

function option(o: MatchOption | undefined, printArgs: (args: readonly string[]) => string = (a) => a.join(' ')): string {
  if (!o) return '';
  const a = printArgs(o.args);
  return ` ${neg(o)}${o.flag}${a ? ` ${a}` : ''}`;
}

function find(opts: readonly MatchOption[], flag: string, alias?: string): MatchOption | undefined {
  for (const o of opts) if (o.flag === flag || o.flag === alias) return o;
  return undefined;
}

/** A mark as the kernel stores it, printed `0x%x`. */
function hex(n: number): string {
  return `0x${(n >>> 0).toString(16)}`;
}

function parseNumber(s: string | undefined): number {
  if (s === undefined) return 0;
  return Number(s.startsWith('0x') || s.startsWith('0X') ? parseInt(s.slice(2), 16) : Number(s)) >>> 0;
}

function markValueMask(text: string | undefined): [number, number] {
  const [v, m] = (text ?? '0').split('/');
  return [parseNumber(v), m === undefined ? 0xffffffff : parseNumber(m)];
}

const CT_STATE_ORDER = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];

/**
 * The kernel keeps a statistic probability as round(p·2^31); iptables-save prints that back with
 * `%.11f`, which is why kube-proxy's `0.3333333333` reads `0.33333333349`.
 */
export function savedProbability(text: string): string {
  const stored = Math.round(Number(text) * 0x80000000);
  return (stored / 0x80000000).toFixed(11);
}

/** The kernel-side probability a statistic match compares random numbers against. */
export function storedProbability(text: string): number {
  return Math.round(Number(text) * 0x80000000);
}

function saveMatch(m: Match): string {
  const o = m.options;
  switch (m.name) {
    case 'comment': {
      const c = find(o, '--comment');
      return c ? ` --comment ${saveString(c.args.join(' '))}` : '';
    }
    case 'tcp':
    case 'udp':
    case 'sctp':
      return option(find(o, '--sport')) + option(find(o, '--dport')) + rest(o, ['--sport', '--dport']);
    case 'conntrack': {
      const st = find(o, '--ctstate');
      const states = st
        ? ` ${neg(st)}--ctstate ${(st.args[0] ?? '')
            .split(',')
            .sort((a, b) => CT_STATE_ORDER.indexOf(a) - CT_STATE_ORDER.indexOf(b))
            .join(',')}`
        : '';
      return states + rest(o, ['--ctstate']);
    }
    case 'mark': {
      const mk = find(o, '--mark');
      if (!mk) return '';
      const [v, mask] = markValueMask(mk.args[0]);
      return ` ${neg(mk)}--mark ${hex(v)}${mask === 0xffffffff ? '' : `/${hex(mask)}`}`;
    }
    case 'addrtype':
      return (
        option(find(o, '--src-type')) +
        option(find(o, '--dst-type')) +
        option(find(o, '--limit-iface-in')) +
        option(find(o, '--limit-iface-out'))
      );
    case 'statistic': {
      const mode = find(o, '--mode');
      const p = find(o, '--probability');
      if (mode?.args[0] === 'random')
        return ` --mode random${p ? ` ${neg(p)}--probability ${savedProbability(p.args[0] ?? '0')}` : ''}`;
      return option(mode) + option(find(o, '--every')) + option(find(o, '--packet'));
    }
    case 'recent': {
      let s = o.some((x) => x.negated) ? ' !' : '';
      for (const f of ['--set', '--rcheck', '--update', '--remove']) if (find(o, f)) s += ` ${f}`;
      const seconds = find(o, '--seconds');
      if (seconds) s += ` --seconds ${seconds.args[0]}`;
      if (find(o, '--reap')) s += ' --reap';
      const hit = find(o, '--hitcount');
      if (hit) s += ` --hitcount ${hit.args[0]}`;
      if (find(o, '--rttl')) s += ' --rttl';
      s += ` --name ${find(o, '--name')?.args[0] ?? 'DEFAULT'}`;
      s += ` --mask ${find(o, '--mask')?.args[0] ?? '255.255.255.255'}`;
      s += find(o, '--rdest') ? ' --rdest' : ' --rsource';
      return s;
    }
    case 'nfacct': {
      // libxt_nfacct prints the name with a format that leaves two spaces.
      const name = find(o, '--nfacct-name');
      return name ? ` --nfacct-name  ${name.args[0] ?? ''}` : '';
    }
    case 'set': {
      const ms = find(o, '--match-set');
      return (ms ? ` ${neg(ms)}--match-set ${ms.args.join(' ')}` : '') + rest(o, ['--match-set']);
    }
    default:
      return rest(o, []);
  }
}

function rest(opts: readonly MatchOption[], skip: readonly string[]): string {
  let s = '';
  for (const o of opts) if (!skip.includes(o.flag)) s += option(o);
  return s;
}

function saveTarget(t: Target): string {
  const o = t.options;
  const head = `${t.goto ? '-g' : '-j'} ${t.name}`;
  switch (t.name) {
    case 'MARK': {
      let v = 0;
      let m = 0xffffffff;
      const set = find(o, '--set-xmark', '--set-mark');
      const or = find(o, '--or-mark');
      const xor = find(o, '--xor-mark');
      const and = find(o, '--and-mark');
      if (set) [v, m] = markValueMask(set.args[0]);
      else if (or) [v, m] = [parseNumber(or.args[0]), parseNumber(or.args[0])];
      else if (xor) [v, m] = [parseNumber(xor.args[0]), 0];
      else if (and) [v, m] = [0, ~parseNumber(and.args[0]) >>> 0];
      return `${head} --set-xmark ${hex(v)}/${hex(m)}`;
    }
    case 'REJECT':
      return `${head} --reject-with ${find(o, '--reject-with')?.args[0] ?? 'icmp-port-unreachable'}`;
    case 'DNAT':
      return head + option(find(o, '--to-destination')) + rest(o, ['--to-destination']);
    case 'SNAT':
      return head + option(find(o, '--to-source')) + rest(o, ['--to-source']);
    case 'MASQUERADE':
    case 'REDIRECT':
      return head + option(find(o, '--to-ports')) + option(find(o, '--random')) + option(find(o, '--random-fully'));
    default:
      return head + rest(o, []);
  }
}

function saveTextOf(r: {
  source?: AddressMatch | undefined;
  destination?: AddressMatch | undefined;
  inInterface?: NameMatch | undefined;
  outInterface?: NameMatch | undefined;
  protocol?: NameMatch | undefined;
  matches: readonly Match[];
  target?: Target | undefined;
}): string {
  const parts: string[] = [];
  if (r.source) parts.push(`${neg(r.source)}-s ${printAddress(r.source)}`);
  if (r.destination) parts.push(`${neg(r.destination)}-d ${printAddress(r.destination)}`);
  if (r.inInterface) parts.push(`${neg(r.inInterface)}-i ${r.inInterface.name}`);
  if (r.outInterface) parts.push(`${neg(r.outInterface)}-o ${r.outInterface.name}`);
  if (r.protocol) parts.push(`${neg(r.protocol)}-p ${r.protocol.name}`);
  for (const m of r.matches) parts.push(`-m ${m.name}${saveMatch(m)}`);
  if (r.target) parts.push(saveTarget(r.target));
  return parts.join(' ');
}

/** The value of a match option, e.g. `optionValue(spec, 'tcp', '--dport')`. */
export function matchOption(spec: RuleSpec, match: string, flag: string): MatchOption | undefined {
  for (const m of spec.matches) if (m.name === match) for (const o of m.options) if (o.flag === flag) return o;
  return undefined;
}

export function targetOption(spec: RuleSpec, flag: string): MatchOption | undefined {
  return spec.target?.options.find((o) => o.flag === flag);
}
