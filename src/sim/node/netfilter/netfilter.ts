/**
 * One node's netfilter state: the iptables tables with their chains and rules, conntrack, ipsets,
 * IPVS and the addresses bound on `kube-ipvs0`.
 *
 * Owned by the node; written by kube-proxy (through `iptablesRestore`, `ensureChain`/`ensureRule`,
 * the ipset and IPVS calls) and by the kubelet's own chains; read by the node's tools
 * (`iptables-save`, `iptables -L`, `ipset list`, `ipvsadm -Ln`, `conntrack -L`) and by the packet
 * walk, which also bumps counters and adds conntrack entries. Nothing here knows about Services.
 */
import { Conntrack } from './conntrack';
import { IpsetRegistry } from './ipset';
import { Ipvs } from './ipvs';
import { Chain, type RuleList } from './chain';
import { isChainTarget, newRule, parseRuleArgs, type RuleSpec } from './rule';

export { Chain, type RuleList };

export type TableName = 'filter' | 'nat' | 'mangle' | 'raw' | 'security';

/** Built-in chains of each table, in the order iptables lists them. */
export const BUILTIN_CHAINS: Readonly<Record<TableName, readonly string[]>> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** The order iptables-nft-save prints tables in (its table array), whatever order they were made in. */
export const TABLE_SAVE_ORDER: readonly TableName[] = ['mangle', 'security', 'raw', 'filter', 'nat'];

export function isTableName(name: string): name is TableName {
  return name in BUILTIN_CHAINS;
}

/**
 * A table's chains by name, counting changes to its set of chains so that the sorted order
 * `iptables-save` and `iptables -L` print can be kept between changes: sorting a big node's
 * 60,000 chain names took a third of each save.
 */
class ChainMap extends Map<string, Chain> {
  version = 0;

  override set(name: string, chain: Chain): this {
    this.version++;
    return super.set(name, chain);
  }

  override delete(name: string): boolean {
    this.version++;
    return super.delete(name);
  }

  override clear(): void {
    this.version++;
    super.clear();
  }
}

export class Table {
  readonly chains: Map<string, Chain> = new ChainMap();
  private ordered: { readonly version: number; readonly chains: readonly Chain[] } | undefined;

  constructor(readonly name: TableName) {
    for (const c of BUILTIN_CHAINS[name]) this.chains.set(c, new Chain(c, true, 'ACCEPT'));
  }

  chain(name: string): Chain | undefined {
    return this.chains.get(name);
  }

  /** Built-in chains in iptables' order, then user chains sorted by name (strcmp), as iptables lists them. */
  orderedChains(): Chain[] {
    const version = (this.chains as ChainMap).version;
    if (this.ordered?.version !== version) this.ordered = { version, chains: this.sortChains() };
    return this.ordered.chains.slice();
  }

  private sortChains(): Chain[] {
    const out: Chain[] = [];
    for (const n of BUILTIN_CHAINS[this.name]) out.push(this.chains.get(n) as Chain);
    const names: string[] = [];
    for (const c of this.chains.values()) if (!c.builtin) names.push(c.name);
    // Default sort compares UTF-16 code units: strcmp order for the ASCII names chains have.
    names.sort();
    for (const n of names) out.push(this.chains.get(n) as Chain);
    return out;
  }

  /** How many rules in this table jump or go to `chain` (`iptables -L` prints it). */
  references(chain: string): number {
    let n = 0;
    for (const c of this.chains.values()) for (let i = 0; i < c.ruleCount; i++) if (c.specAt(i).target?.name === chain) n++;
    return n;
  }
}

/** What iptables-restore is asked to do for one table (parsed from text, or built by kube-proxy). */
export interface RestoreTable {
  readonly table: TableName;
  /** `:CHAIN POLICY [p:b]` lines: user chains are created or flushed; built-ins get the policy. */
  readonly chains: readonly { readonly name: string; readonly policy?: 'ACCEPT' | 'DROP' }[];
  /** `-A CHAIN ...` in order. */
  readonly rules: readonly { readonly chain: string; readonly spec: RuleSpec }[];
  /** `-X CHAIN`. */
  readonly deleteChains: readonly string[];
  /**
   * Chains handed over whole, by a writer that builds its rules chain by chain (kube-proxy): each
   * as if written as a `:CHAIN` line with its rules as `-A` lines, before any `-A` line above.
   */
  readonly wholeChains?: readonly WholeChains[];
}

/**
 * Chains with their complete rules, `names[i]` holding `rules[i]`. The rule lists are kept by
 * the table, not copied: the writer must not change them afterwards.
 */
export interface WholeChains {
  readonly names: readonly string[];
  readonly rules: readonly RuleList[];
}

export class RestoreError extends Error {}

export interface RestoreOptions {
  /** `--noflush`: chains not named in the payload keep their rules. */
  readonly noflush: boolean;
  /**
   * Skip the check that every chain a rule names exists. For payloads kube-proxy builds itself,
   * which only name chains they create; the result is the same, the check costs a lookup per rule.
   */
  readonly trusted?: boolean;
}

export class Netfilter {
  readonly tables = new Map<TableName, Table>();
  readonly conntrack = new Conntrack();
  readonly ipsets = new IpsetRegistry();
  readonly ipvs = new Ipvs();
  /** Addresses bound on the `kube-ipvs0` dummy interface (ipvs mode binds every service VIP there). */
  readonly dummyInterfaceAddresses = new Set<string>();
  /** xt_recent lists, by name: source address -> virtual seconds it was last seen. */
  readonly recent = new Map<string, Map<string, number>>();

  /** The table, created on first use as nf_tables creates it when a rule or chain first needs it. */
  table(name: TableName): Table {
    let t = this.tables.get(name);
    if (!t) {
      t = new Table(name);
      this.tables.set(name, t);
    }
    return t;
  }

  /** `iptables -t TABLE -N CHAIN` if missing (utiliptables.EnsureChain). True when it already existed. */
  ensureChain(table: TableName, chain: string): boolean {
    const t = this.table(table);
    if (t.chains.has(chain)) return true;
    t.chains.set(chain, new Chain(chain, false, undefined));
    return false;
  }

  /**
   * utiliptables.EnsureRule: add the rule unless an identical one is already in the chain;
   * `prepend` inserts at position 1 (`-I CHAIN 1`), otherwise it is appended. True when it existed.
   */
  ensureRule(position: 'prepend' | 'append', table: TableName, chain: string, args: readonly string[]): boolean {
    const c = this.table(table).chain(chain);
    if (!c) throw new RestoreError(`iptables: No chain/target/match by that name.`);
    const spec = parseRuleArgs(args);
    if (c.rules.some((r) => r.spec.saveText === spec.saveText)) return true;
    if (position === 'prepend') c.rules.unshift(newRule(spec));
    else c.rules.push(newRule(spec));
    return false;
  }

  /** `iptables -t TABLE -D CHAIN args`: delete the first identical rule. */
  deleteRule(table: TableName, chain: string, args: readonly string[]): boolean {
    const c = this.tables.get(table)?.chain(chain);
    if (!c) return false;
    const text = parseRuleArgs(args).saveText;
    const i = c.rules.findIndex((r) => r.spec.saveText === text);
    if (i < 0) return false;
    c.rules.splice(i, 1);
    return true;
  }

  /** `iptables -t TABLE -F CHAIN` then `-X CHAIN`, for a user chain. */
  deleteChain(table: TableName, chain: string): void {
    const t = this.tables.get(table);
    const c = t?.chain(chain);
    if (!t || !c || c.builtin) return;
    t.chains.delete(chain);
  }

  /**
   * Apply one table of an iptables-restore payload with `--noflush`: only the chains named in
   * `:CHAIN` lines are flushed; every other chain keeps its rules (and counters). All or nothing:
   * a rule naming a chain that will not exist fails the whole table, as iptables-restore does.
   */
  restoreTable(payload: RestoreTable, options: RestoreOptions = { noflush: true }): void {
    const t = this.table(payload.table);
    const whole = payload.wholeChains ?? [];
    let named: Set<string> | undefined;
    if (!options.trusted || !options.noflush) {
      named = new Set(payload.chains.map((c) => c.name));
      for (const w of whole) for (const name of w.names) named.add(name);
    }
    if (!options.trusted && named) this.checkTargets(t, payload, named, options.noflush);
    if (!options.noflush) {
      for (const c of t.chains.values()) c.rules = [];
      for (const c of [...t.chains.values()]) if (!c.builtin && !named?.has(c.name)) t.chains.delete(c.name);
    }
    // A rewritten chain loses its counters: its `-A` rules are gathered into a new array to load.
    const written = new Map<string, RuleSpec[]>();
    for (const c of payload.chains) {
      const existing = t.chains.get(c.name);
      // A user chain ignores a policy (Chain's setter).
      if (existing) existing.policy = c.policy;
      else t.chains.set(c.name, new Chain(c.name, false, undefined));
      written.set(c.name, []);
    }
    for (const w of whole)
      for (let i = 0; i < w.names.length; i++) {
        const name = w.names[i] as string;
        const specs = w.rules[i] as RuleList;
        const existing = t.chains.get(name);
        // Only an existing chain can be among the `:CHAIN` lines (those were all made above).
        if (existing) {
          existing.load(specs);
          written.delete(name);
        } else t.chains.set(name, new Chain(name, false, undefined, specs));
      }
    // Rules come grouped by chain; remember the last chain rather than look each one up.
    let lastName: string | undefined;
    let into: RuleSpec[] | undefined;
    let appendTo: Chain | undefined;
    for (const r of payload.rules) {
      if (r.chain !== lastName) {
        lastName = r.chain;
        into = written.get(r.chain);
        // A chain not rewritten here (--noflush, or loaded whole above) keeps its rules and gains this one.
        appendTo = into ? undefined : t.chains.get(r.chain);
      }
      if (into) into.push(r.spec);
      else (appendTo as Chain).rules.push(newRule(r.spec));
    }
    for (const [name, specs] of written) (t.chains.get(name) as Chain).load(specs);
    for (const name of payload.deleteChains) {
      const c = t.chains.get(name);
      if (c && !c.builtin) t.chains.delete(name);
    }
  }

  /** All or nothing: a rule in or naming a chain that will not exist fails the whole table. */
  private checkTargets(t: Table, payload: RestoreTable, named: ReadonlySet<string>, noflush: boolean): void {
    const deleted = new Set(payload.deleteChains);
    const exists = (name: string) => !deleted.has(name) && (named.has(name) || (noflush && t.chains.has(name)));
    const check = (spec: RuleSpec) => {
      const target = spec.target;
      if (target && isChainTarget(target.name) && !exists(target.name)) throw new RestoreError(`iptables-restore: chain ${target.name} does not exist`);
    };
    for (const w of payload.wholeChains ?? []) for (const specs of w.rules) for (let i = 0; i < specs.length; i++) check(specs.at(i) as RuleSpec);
    for (const r of payload.rules) {
      if (!exists(r.chain)) throw new RestoreError(`iptables-restore: chain ${r.chain} does not exist`);
      check(r.spec);
    }
  }

  /** Every rule counter back to zero (`iptables -Z`). */
  zeroCounters(table?: TableName): void {
    for (const t of this.tables.values()) {
      if (table && t.name !== table) continue;
      for (const c of t.chains.values()) {
        c.packets = 0;
        c.bytes = 0;
        for (const r of c.rules) {
          r.packets = 0;
          r.bytes = 0;
        }
      }
    }
  }

  /** Total rules across all tables, for the page's summary and the benchmarks. */
  ruleCount(): number {
    let n = 0;
    for (const t of this.tables.values()) for (const c of t.chains.values()) n += c.ruleCount;
    return n;
  }
}
