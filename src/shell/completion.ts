/**
 * Tab completion for a typed line, as bash with kubectl's completion script gives it: command
 * names, kubectl verbs and their flags, resource types (the plurals discovery lists), object
 * names, namespaces and `-o` formats; kubectl rollout's and set's, kubearch's and etcdctl's subcommands. Object names come
 * from the cluster as kubectl's own completion gets them: by running `kubectl get TYPE -o name`,
 * a client's list through the apiserver (`source.exec`), so RBAC and namespaces apply.
 *
 * The caller (the page's terminal, a test) replaces `line.slice(start)` with a candidate; one
 * candidate that ends a word already carries its trailing space.
 */
import { RESOURCES, findResource } from '../sim/api/resources';
import { COMMANDS as ETCDCTL_COMMANDS } from './commands/etcdctl';
import { VERBS } from './commands/kubectl';
import { ROLLOUT_SUBCOMMANDS } from './commands/kubectl/verbs/rollout/index';
import { SET_SUBCOMMANDS } from './commands/kubectl/verbs/set/index';
import { GLOBAL_FLAGS } from './commands/kubectl/global-flags';
import type { FlagSpec } from './commands/kubectl/flags';

export interface CompletionSource {
  /** The commands on the operator machine's PATH. */
  commandNames(): readonly string[];
  /** Run a command line's words; what it printed on stdout, and its exit code. */
  exec(argv: readonly string[]): { readonly exitCode: number; readonly stdout: string };
}

export interface Completion {
  /** Where the word being completed starts in the line. */
  readonly start: number;
  /** Whole words to put there, sorted; a lone candidate ending a word ends with a space. */
  readonly candidates: readonly string[];
}

const KUBEARCH_SUBCOMMANDS = ['admission', 'explain', 'node', 'pause', 'play', 'reset', 'speed', 'ssh', 'status', 'step', 'trace'];
const OUTPUT_FORMATS = ['custom-columns=', 'json', 'jsonpath=', 'name', 'wide', 'yaml'];
/** Verbs whose first argument is a resource type (then names of that type). */
const TYPED_VERBS = new Set(['annotate', 'delete', 'describe', 'edit', 'explain', 'get', 'label', 'patch', 'scale']);
/** Verbs whose arguments are names of one resource. */
const NAMED_VERBS: Readonly<Record<string, string>> = { logs: 'pods', cordon: 'nodes', uncordon: 'nodes' };
/** Verbs whose first word is a subcommand, then a resource as for the typed verbs. */
const SUBCOMMAND_VERBS: Readonly<Record<string, readonly string[]>> = { rollout: ROLLOUT_SUBCOMMANDS, set: SET_SUBCOMMANDS };

export function complete(line: string, source: CompletionSource): Completion {
  const start = wordStart(line);
  const word = line.slice(start);
  const before = line.slice(0, start).trim().split(/\s+/).filter(Boolean);
  const offer = (words: readonly string[]) => finish(start, word, words);
  if (before.length === 0) return offer(source.commandNames());
  const [command, ...args] = before;
  if (command === 'kubearch') return offer(args.length === 0 ? KUBEARCH_SUBCOMMANDS : []);
  if (command === 'etcdctl') return offer(args.length === 0 ? ETCDCTL_COMMANDS.map((c) => c.name) : []);
  if (command === 'kubectl') return offer(kubectlWords(args, word, source));
  return offer([]);
}

function kubectlWords(args: readonly string[], word: string, source: CompletionSource): string[] {
  const { positional, namespace, pendingFlag, overrides } = readArgs(args);
  const names = (type: string, ns: string | undefined) => objectNames(type, ns, overrides, source);
  const verb = positional[0];
  const flags: readonly FlagSpec[] = [...GLOBAL_FLAGS, ...(verb !== undefined && Object.hasOwn(VERBS, verb) ? (VERBS[verb]?.flags ?? []) : [])];
  if (pendingFlag === 'namespace') return names('namespaces', undefined);
  if (pendingFlag === 'output') return OUTPUT_FORMATS;
  if (pendingFlag !== undefined) return [];
  if (word.startsWith('-')) return flags.map((f) => `--${f.name}`);
  if (verb === undefined) return Object.keys(VERBS);
  // `kubectl rollout <TAB>`: the subcommands; after one, types and names as for get.
  const subcommands = Object.hasOwn(SUBCOMMAND_VERBS, verb) ? SUBCOMMAND_VERBS[verb] : undefined;
  if (subcommands && positional.length === 1) return [...subcommands];
  const rest = positional.slice(subcommands ? 2 : 1);
  const named = Object.hasOwn(NAMED_VERBS, verb) ? NAMED_VERBS[verb] : undefined;
  if (named !== undefined) return names(named, namespace);
  if (!TYPED_VERBS.has(verb) && !subcommands) return [];
  if (rest.length === 0) {
    // `kubectl get pod/we<TAB>`: names of that type, written as TYPE/NAME.
    const slash = word.indexOf('/');
    if (slash > 0) {
      const type = word.slice(0, slash);
      return names(type, namespace).map((name) => `${type}/${name}`);
    }
    return RESOURCES.filter((r) => r.verbs.includes('get') || r.verbs.includes('list')).map((r) => r.resource);
  }
  const type = rest[0] ?? '';
  return type.includes('/') || type.includes(',') ? [] : names(type, namespace);
}

/** Flags that say who asks and where: passed on to the list, as kubectl's `__kubectl_override_flags` does. */
const OVERRIDE_FLAGS = new Set(['as', 'as-group', 'context', 'user']);

/**
 * The positional words after `kubectl`, the namespace given, a flag still waiting for its
 * value, and the identity flags to pass on.
 */
function readArgs(args: readonly string[]): { positional: string[]; namespace: string | undefined; pendingFlag: string | undefined; overrides: string[] } {
  const overrides: string[] = [];
  const positional: string[] = [];
  const valueFlags = new Map<string, string>();
  for (const spec of [...GLOBAL_FLAGS, ...Object.values(VERBS).flatMap((v) => v.flags)]) {
    if (spec.kind === 'bool' || spec.noOptDefault !== undefined) continue;
    valueFlags.set(`--${spec.name}`, spec.name);
    if (spec.short) valueFlags.set(`-${spec.short}`, spec.name);
  }
  let namespace: string | undefined;
  let pendingFlag: string | undefined;
  for (const arg of args) {
    if (pendingFlag !== undefined) {
      if (pendingFlag === 'namespace') namespace = arg;
      if (OVERRIDE_FLAGS.has(pendingFlag)) overrides.push(`--${pendingFlag}`, arg);
      pendingFlag = undefined;
      continue;
    }
    const inline = /^(?:--namespace=|-n=?)(.+)$/.exec(arg);
    const override = /^--([\w-]+)=/.exec(arg);
    if (inline) namespace = inline[1];
    else if (override && OVERRIDE_FLAGS.has(override[1] ?? '')) overrides.push(arg);
    else if (valueFlags.has(arg)) pendingFlag = valueFlags.get(arg);
    else if (!arg.startsWith('-')) positional.push(arg);
  }
  return { positional, namespace, pendingFlag, overrides };
}

/** Names of one type's objects, listed through the apiserver as kubectl's completion does. */
function objectNames(type: string, namespace: string | undefined, overrides: readonly string[], source: CompletionSource): string[] {
  const info = findResource(type);
  if (!info) return [];
  const argv = ['kubectl', ...overrides, 'get', info.resource, '-o', 'name', ...(namespace && info.namespaced ? ['-n', namespace] : [])];
  const result = source.exec(argv);
  if (result.exitCode !== 0) return [];
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(line.indexOf('/') + 1));
}

/** The start of the word the cursor (at the end of the line) is in. */
function wordStart(line: string): number {
  const m = /\S*$/.exec(line);
  return m ? m.index : line.length;
}

function finish(start: number, word: string, words: readonly string[]): Completion {
  const candidates = [...new Set(words)].filter((w) => w.startsWith(word)).sort();
  const only = candidates[0];
  if (candidates.length === 1 && only !== undefined && !/[/=]$/.test(only)) return { start, candidates: [`${only} `] };
  return { start, candidates };
}
