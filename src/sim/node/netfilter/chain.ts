/**
 * One iptables chain: its name, a built-in chain's policy and policy counters, and its rules.
 *
 * A chain loaded whole by iptables-restore holds the rule list it was handed (kube-proxy's own,
 * shared, never changed here) and makes the `Rule` objects with their counters only when
 * something asks for them (the packet walk, `iptables -L -v`, an `-A` or `-D` on the chain). A big
 * node's full sync loads 60,000 chains and 170,000 rules, which nobody counts or edits before the
 * next sync; a counter object per rule and a copied array per chain were a third of what it kept.
 */
import { newRule, type Rule, type RuleSpec } from './rule';

/**
 * A chain's rules as a writer hands them over: an array of specs, or a list that makes each spec
 * when read (kube-proxy's per-service chains, spelled from the service port and its endpoints).
 */
export interface RuleList {
  readonly length: number;
  at(index: number): RuleSpec | undefined;
}

const NO_SPECS: RuleList = [];

/** What only a built-in chain has: its policy and the counters of packets that fell off its end. */
interface Policy {
  policy: 'ACCEPT' | 'DROP';
  packets: number;
  bytes: number;
}

export class Chain {
  // One field for what built-in chains alone carry: a big node has 60,000 user chains.
  private readonly builtinPolicy: Policy | undefined;
  private specs: RuleList;
  private counted: Rule[] | undefined;

  constructor(
    readonly name: string,
    builtin: boolean,
    /** ACCEPT or DROP for built-in chains; user chains have none (`-`). */
    policy: 'ACCEPT' | 'DROP' | undefined,
    specs: RuleList = NO_SPECS,
  ) {
    this.builtinPolicy = builtin ? { policy: policy ?? 'ACCEPT', packets: 0, bytes: 0 } : undefined;
    this.specs = specs;
  }

  get builtin(): boolean {
    return this.builtinPolicy !== undefined;
  }

  /** ACCEPT or DROP for built-in chains; user chains have none (`-`) and ignore a policy set. */
  get policy(): 'ACCEPT' | 'DROP' | undefined {
    return this.builtinPolicy?.policy;
  }

  set policy(policy: 'ACCEPT' | 'DROP' | undefined) {
    if (this.builtinPolicy && policy) this.builtinPolicy.policy = policy;
  }

  /** Policy counters of a built-in chain (always 0 for a user chain). */
  get packets(): number {
    return this.builtinPolicy?.packets ?? 0;
  }

  set packets(n: number) {
    if (this.builtinPolicy) this.builtinPolicy.packets = n;
  }

  get bytes(): number {
    return this.builtinPolicy?.bytes ?? 0;
  }

  set bytes(n: number) {
    if (this.builtinPolicy) this.builtinPolicy.bytes = n;
  }

  /** The rules with their counters, made on first use; changes to this array change the chain. */
  get rules(): Rule[] {
    if (this.counted) return this.counted;
    const rules: Rule[] = [];
    for (let i = 0; i < this.specs.length; i++) rules.push(newRule(this.specs.at(i) as RuleSpec));
    return (this.counted = rules);
  }

  set rules(rules: Rule[]) {
    this.counted = rules;
    this.specs = NO_SPECS;
  }

  /**
   * Replace every rule with these, counters at zero (iptables-restore rewriting the chain). The
   * list is kept, not copied: whoever hands it over must not change it afterwards.
   */
  load(specs: RuleList): void {
    this.specs = specs;
    this.counted = undefined;
  }

  get ruleCount(): number {
    return this.counted ? this.counted.length : this.specs.length;
  }

  /** The spec of rule `i` (0-based), without making counters for the chain. */
  specAt(i: number): RuleSpec {
    return (this.counted ? (this.counted[i] as Rule).spec : this.specs.at(i)) as RuleSpec;
  }

  packetsAt(i: number): number {
    return this.counted?.[i]?.packets ?? 0;
  }

  bytesAt(i: number): number {
    return this.counted?.[i]?.bytes ?? 0;
  }
}
