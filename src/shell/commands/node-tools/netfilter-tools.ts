/**
 * The netfilter tools on a node (`kubearch ssh NODE -- iptables-save`), reading the node's own
 * kernel tables, which kube-proxy (and the kubelet's rules) write: `iptables-save [-t TABLE] [-c]`
 * as iptables v1.8.9 (nf_tables) prints it, `iptables [-t TABLE] -L [CHAIN] [-n] [-v] [-x]
 * [--line-numbers]` and `-S [CHAIN]`, `ipvsadm -Ln`, `ipset list [NAME]`, `conntrack -L`.
 * Only numeric listings are modelled (the simulation has no reverse DNS for rule addresses).
 */
import { SIMULATION_EPOCH_MS } from '../../../sim/api/time';
import { BUILTIN_CHAINS, type Netfilter, type TableName } from '../../../sim/node/netfilter/netfilter';
import { iptablesSave } from '../../../sim/node/netfilter/save';
import { IptablesListError, iptablesList } from '../../../sim/node/netfilter/list';
import { ipvsadmList } from '../../../sim/node/netfilter/ipvs';
import { ipsetList } from '../../../sim/node/netfilter/ipset';
import { conntrackList } from '../../../sim/node/netfilter/conntrack';
import { fail, ok, type Command, type CommandContext, type CommandResult } from '../../types';

const notFound = (name: string): CommandResult => ({ exitCode: 127, stdout: '', stderr: `bash: ${name}: command not found\n` });

/** The node's tables, or why the command cannot run here (not a node: no such command). */
function netfilterOf(ctx: CommandContext, name: string): Netfilter | CommandResult {
  if (ctx.host.kind !== 'node') return notFound(name);
  return ctx.host.netfilter;
}

const isTable = (t: string): t is TableName => t in BUILTIN_CHAINS;

/** `-t nat`, `--table=nat`, `-tnat`: the table option and the arguments left. */
function tableOption(args: readonly string[]): { table?: string; rest: string[] } | { error: string } {
  const rest: string[] = [];
  let table: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-t' || a === '--table') {
      const v = args[i + 1];
      if (v === undefined) return { error: `option "${a}" requires an argument` };
      table = v;
      i++;
    } else if (a.startsWith('--table=')) table = a.slice('--table='.length);
    else if (a.startsWith('-t') && a.length > 2 && !a.startsWith('--')) table = a.slice(2);
    else rest.push(a);
  }
  return table === undefined ? { rest } : { table, rest };
}

export const iptablesSaveCommand: Command = (ctx) => {
  const nf = netfilterOf(ctx, 'iptables-save');
  if (!('tables' in nf)) return nf;
  const parsed = tableOption(ctx.argv.slice(1));
  if ('error' in parsed) return fail(`iptables-save v1.8.9 (nf_tables): ${parsed.error}`);
  let counters = false;
  for (const a of parsed.rest) {
    if (a === '-c' || a === '--counters') counters = true;
    else return fail(`iptables-save v1.8.9 (nf_tables): unknown option "${a}"\nTry \`iptables-save -h' for more information.`, 2);
  }
  if (parsed.table !== undefined && !isTable(parsed.table)) return fail(`iptables-save v1.8.9 (nf_tables): table '${parsed.table}' does not exist`);
  const now = new Date(SIMULATION_EPOCH_MS + ctx.clock.now());
  return ok(iptablesSave(nf, { ...(parsed.table !== undefined ? { table: parsed.table as TableName } : {}), counters, now }));
};

/** `iptables -S`: policies, chain creations, then every rule, in the save spelling. */
function listRules(nf: Netfilter, table: TableName, chain: string | undefined): string {
  const t = nf.table(table);
  const chains = chain === undefined ? t.orderedChains() : [t.chain(chain)].filter((c) => c !== undefined);
  const out: string[] = [];
  for (const c of chains) out.push(c.builtin ? `-P ${c.name} ${c.policy ?? 'ACCEPT'}` : `-N ${c.name}`);
  for (const c of chains) for (let i = 0; i < c.ruleCount; i++) out.push(`-A ${c.name} ${c.specAt(i).saveText}`);
  return out.map((l) => `${l}\n`).join('');
}

const IPTABLES_HELP = 'Try `iptables -h\' or \'iptables --help\' for more information.';

export const iptablesCommand: Command = (ctx) => {
  const nf = netfilterOf(ctx, 'iptables');
  if (!('tables' in nf)) return nf;
  const parsed = tableOption(ctx.argv.slice(1));
  if ('error' in parsed) return fail(`iptables v1.8.9 (nf_tables): ${parsed.error}\n${IPTABLES_HELP}`, 2);
  const table = parsed.table ?? 'filter';
  if (!isTable(table)) return fail(`iptables v1.8.9 (nf_tables): table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`, 3);
  // Short options may be bundled: -nvL, -L -n -v.
  let command: 'L' | 'S' | undefined;
  let chain: string | undefined;
  const flags = new Set<string>();
  for (const a of parsed.rest) {
    if (a === '--line-numbers') flags.add('line-numbers');
    else if (a === '--list') command = 'L';
    else if (a === '--list-rules') command = 'S';
    else if (a === '--numeric') flags.add('n');
    else if (a === '--verbose') flags.add('v');
    else if (a === '--exact') flags.add('x');
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 'L' || f === 'S') command = f;
        else if (f === 'n' || f === 'v' || f === 'x') flags.add(f);
        else return fail(`iptables v1.8.9 (nf_tables): option "-${f}" is not simulated here (try -L, -S, -n, -v, -x, --line-numbers)\n${IPTABLES_HELP}`, 2);
      }
    } else if (!a.startsWith('-') && chain === undefined) chain = a;
    else return fail(`iptables v1.8.9 (nf_tables): unknown option "${a}"\n${IPTABLES_HELP}`, 2);
  }
  if (!command) return fail(`iptables v1.8.9 (nf_tables): no command specified\n${IPTABLES_HELP}`, 2);
  if (chain !== undefined && !nf.table(table).chain(chain)) return fail('iptables: No chain/target/match by that name.');
  if (command === 'S') return ok(listRules(nf, table, chain));
  try {
    return ok(
      iptablesList(nf, {
        table,
        ...(chain !== undefined ? { chain } : {}),
        verbose: flags.has('v'),
        exact: flags.has('x'),
        lineNumbers: flags.has('line-numbers'),
      }),
    );
  } catch (e) {
    if (e instanceof IptablesListError) return fail(e.message);
    throw e;
  }
};

export const ipvsadmCommand: Command = (ctx) => {
  const nf = netfilterOf(ctx, 'ipvsadm');
  if (!('tables' in nf)) return nf;
  const args = ctx.argv.slice(1);
  // `ipvsadm` alone lists, as -L does.
  const listing = args.length === 0 || args.every((a) => a === '-L' || a === '-l' || a === '-n' || a === '-Ln' || a === '-ln' || a === '--list' || a === '--numeric');
  if (!listing) return fail(`ipvsadm: only listing is simulated here: ipvsadm -Ln`, 2);
  return ok(ipvsadmList(nf.ipvs));
};

export const ipsetCommand: Command = (ctx) => {
  const nf = netfilterOf(ctx, 'ipset');
  if (!('tables' in nf)) return nf;
  const [sub, name, ...rest] = ctx.argv.slice(1);
  if (sub !== 'list' && sub !== '-L' && sub !== 'l') return fail(`ipset v7.17: ${sub === undefined ? 'No command specified: unknown argument -file' : `only \`ipset list [SETNAME]\` is simulated here`}`, 1);
  if (rest.length > 0) return fail(`ipset v7.17: Unknown argument: \`${rest[0] ?? ''}'\nTry \`ipset help' for more information.`);
  if (name !== undefined && !nf.ipsets.get(name)) return fail('ipset v7.17: The set with the given name does not exist\nTry `ipset help\' for more information.');
  const references = (set: string): number => {
    let n = 0;
    for (const t of nf.tables.values()) for (const c of t.chains.values()) for (let i = 0; i < c.ruleCount; i++) if (c.specAt(i).restoreText.includes(`--match-set ${set} `)) n++;
    return n;
  };
  return ok(ipsetList(nf.ipsets, references, name));
};

export const conntrackCommand: Command = (ctx) => {
  const nf = netfilterOf(ctx, 'conntrack');
  if (!('tables' in nf)) return nf;
  const args = ctx.argv.slice(1);
  if (!(args.length === 1 && (args[0] === '-L' || args[0] === '--dump'))) return fail(`conntrack v1.4.7 (conntrack-tools): only \`conntrack -L\` is simulated here`, 2);
  const listed = conntrackList(nf.conntrack, ctx.clock.now() / 1000);
  return { exitCode: 0, stdout: listed.stdout, stderr: listed.stderr };
};
