/**
 * `iptables-restore [--noflush]` of text: parse the payload kube-proxy (or a learner) wrote into
 * per-table `RestoreTable`s and apply them to a node's netfilter. Errors name the line, as
 * iptables-restore's do, and leave the failing table untouched.
 */
import { isTableName, RestoreError, type Netfilter, type RestoreTable, type TableName } from './netfilter';
import { parseRuleArgs, RuleParseError, tokenize, type RuleSpec } from './rule';

interface Pending {
  table: TableName;
  chains: { name: string; policy?: 'ACCEPT' | 'DROP' }[];
  rules: { chain: string; spec: RuleSpec }[];
  deleteChains: string[];
}

/** Read restore text into tables; throws RestoreError naming the first bad line. */
export function parseRestore(text: string): RestoreTable[] {
  const out: RestoreTable[] = [];
  let cur: Pending | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = raw.trim();
    const fail = (why: string): never => {
      throw new RestoreError(`iptables-restore: line ${i + 1} failed${why ? `: ${why}` : ''}`);
    };
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      const name = line.slice(1);
      if (!isTableName(name)) fail(`table '${name}' does not exist`);
      cur = { table: name as TableName, chains: [], rules: [], deleteChains: [] };
      continue;
    }
    if (!cur) fail('no table specified');
    const t = cur as Pending;
    if (line === 'COMMIT') {
      out.push(t);
      cur = undefined;
      continue;
    }
    if (line.startsWith(':')) {
      const [name, policy] = line.slice(1).split(/\s+/);
      if (!name) fail('empty chain name');
      t.chains.push(policy === 'ACCEPT' || policy === 'DROP' ? { name: name as string, policy } : { name: name as string });
      continue;
    }
    let tokens = tokenize(line);
    if (tokens[0]?.startsWith('[')) tokens = tokens.slice(1); // --counters prefix [p:b]
    const [op, chain, ...args] = tokens;
    if (!chain) fail('');
    try {
      if (op === '-A' || op === '--append') t.rules.push({ chain: chain as string, spec: parseRuleArgs(args) });
      else if (op === '-X' || op === '--delete-chain') t.deleteChains.push(chain as string);
      else if (op === '-N' || op === '--new-chain') t.chains.push({ name: chain as string });
      else fail(`unsupported command ${op}`);
    } catch (e) {
      if (e instanceof RuleParseError) fail(e.message);
      throw e;
    }
  }
  if (cur) throw new RestoreError(`iptables-restore: COMMIT expected at line ${lines.length}`);
  return out;
}

/** Apply restore text to a node; `noflush` (kube-proxy always passes it) leaves unnamed chains alone. */
export function iptablesRestore(nf: Netfilter, text: string, options: { readonly noflush: boolean } = { noflush: true }): void {
  for (const table of parseRestore(text)) nf.restoreTable(table, options);
}
