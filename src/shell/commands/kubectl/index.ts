/**
 * `kubectl`: the command as learners type it, a client of the simulated apiserver. Global
 * flags (-n, --as, --as-group, --context) are read here; each verb lives in verbs/ with its own
 * flags.
 */
import type { Command, CommandContext, CommandResult } from '../../types';
import { fail, withStderrFirst } from '../../types';
import { FlagError, parseFlags, stringFlag, arrayFlag, type FlagSpec } from './flags';
import { GLOBAL_FLAGS } from './global-flags';
import { makeRequester, warningLines, type KubectlContext } from './kubectl-context';
import { RequestTimeout } from './request-sync';
import { configLoadedLine, requestLine } from './verbose-log';
import { apiResources, API_RESOURCES_FLAGS, apiVersions } from './verbs/api-resources';
import { apply, APPLY_FLAGS } from './verbs/apply';
import { auth, AUTH_FLAGS } from './verbs/auth';
import { config, CONFIG_FLAGS } from './verbs/config';
import { cordon, CORDON_FLAGS, uncordon } from './verbs/cordon';
import { create, CREATE_FLAGS } from './verbs/create';
import { deleteVerb, DELETE_FLAGS } from './verbs/delete';
import { describe, DESCRIBE_FLAGS } from './verbs/describe';
import { drain, DRAIN_FLAGS } from './verbs/drain';
import { edit, EDIT_FLAGS } from './verbs/edit';
import { events, EVENTS_FLAGS } from './verbs/events';
import { explain, EXPLAIN_FLAGS } from './verbs/explain';
import { autoscale, AUTOSCALE_FLAGS } from './verbs/autoscale';
import { expose, EXPOSE_FLAGS } from './verbs/expose';
import { get, GET_FLAGS } from './verbs/get';
import { kustomize, KUSTOMIZE_FLAGS } from './verbs/kustomize';
import { annotate, ANNOTATE_FLAGS, label, LABEL_FLAGS } from './verbs/label-annotate';
import { patch, PATCH_FLAGS } from './verbs/patch';
import { replace, REPLACE_FLAGS } from './verbs/replace';
import { logs, LOGS_FLAGS } from './verbs/logs';
import { exec, EXEC_FLAGS } from './verbs/exec';
import { run, RUN_FLAGS } from './verbs/run';
import { rollout, ROLLOUT_FLAGS } from './verbs/rollout/index';
import { scale, SCALE_FLAGS } from './verbs/scale';
import { set, SET_FLAGS } from './verbs/set/index';
import { taint, TAINT_FLAGS } from './verbs/taint';
import { clusterInfo, version, VERSION_FLAGS } from './verbs/version';
import { waitVerb, WAIT_FLAGS } from './verbs/wait';

interface Verb {
  readonly flags: readonly FlagSpec[];
  readonly run: (ctx: KubectlContext) => CommandResult;
  /** Verbs that never talk to the apiserver work without a usable kubeconfig user. */
  readonly local?: boolean;
}

export const VERBS: Record<string, Verb> = {
  'api-resources': { flags: API_RESOURCES_FLAGS, run: apiResources },
  'api-versions': { flags: [], run: apiVersions },
  annotate: { flags: ANNOTATE_FLAGS, run: annotate },
  apply: { flags: APPLY_FLAGS, run: apply },
  auth: { flags: AUTH_FLAGS, run: auth },
  'cluster-info': { flags: [], run: clusterInfo },
  config: { flags: CONFIG_FLAGS, run: config, local: true },
  cordon: { flags: CORDON_FLAGS, run: cordon },
  create: { flags: CREATE_FLAGS, run: create },
  delete: { flags: DELETE_FLAGS, run: deleteVerb },
  describe: { flags: DESCRIBE_FLAGS, run: describe },
  drain: { flags: DRAIN_FLAGS, run: drain },
  edit: { flags: EDIT_FLAGS, run: edit },
  events: { flags: EVENTS_FLAGS, run: events },
  exec: { flags: EXEC_FLAGS, run: exec },
  explain: { flags: EXPLAIN_FLAGS, run: explain },
  autoscale: { flags: AUTOSCALE_FLAGS, run: autoscale },
  expose: { flags: EXPOSE_FLAGS, run: expose },
  get: { flags: GET_FLAGS, run: get },
  kustomize: { flags: KUSTOMIZE_FLAGS, run: kustomize, local: true },
  label: { flags: LABEL_FLAGS, run: label },
  logs: { flags: LOGS_FLAGS, run: logs },
  patch: { flags: PATCH_FLAGS, run: patch },
  replace: { flags: REPLACE_FLAGS, run: replace },
  rollout: { flags: ROLLOUT_FLAGS, run: rollout },
  run: { flags: RUN_FLAGS, run },
  scale: { flags: SCALE_FLAGS, run: scale },
  set: { flags: SET_FLAGS, run: set },
  taint: { flags: TAINT_FLAGS, run: taint },
  uncordon: { flags: CORDON_FLAGS, run: uncordon },
  version: { flags: VERSION_FLAGS, run: version },
  wait: { flags: WAIT_FLAGS, run: waitVerb },
};

/**
 * kubectl's other commands: a learner who types one is told it is a real command the simulator
 * does not have yet, and why, rather than that kubectl has no such command.
 */
const NO_STREAMS = 'the apiserver does not open streams to the kubelets yet (only logs and one-shot exec are served)';
const NOT_SIMULATED: Readonly<Record<string, string>> = {
  attach: NO_STREAMS,
  cp: NO_STREAMS,
  'port-forward': NO_STREAMS,
  debug: NO_STREAMS,
  top: 'this cluster has no metrics-server',
  diff: 'not built into the simulator yet',
  proxy: 'there is no network outside the simulation to proxy to',
  certificate: 'CertificateSigningRequests are not served yet',
  completion: 'the page\'s shell has no shell completion',
  plugin: 'the simulator has no kubectl plugins',
};

const USAGE = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Commands in the simulator: ${Object.keys(VERBS).sort().join(', ')}
Not simulated yet: ${Object.keys(NOT_SIMULATED).sort().join(', ')}

Usage:
  kubectl [flags] [options]
`;

/** What kubectl prints with no kubeconfig: its default server is http://localhost:8080. */
export const NO_KUBECONFIG = 'The connection to the server localhost:8080 was refused - did you specify the right host or port?';

/** Split `kubectl -n dev --context x get pods` into the verb and its arguments (global flags may come first). */
function splitVerb(argv: readonly string[]): { verbName: string | undefined; rest: string[] } {
  const leading: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('-') || arg === '-') return { verbName: arg, rest: [...leading, ...argv.slice(i + 1)] };
    if (arg === '--help' || arg === '-h') return { verbName: arg, rest: [] };
    leading.push(arg);
    const long = arg.startsWith('--') ? arg.slice(2) : undefined;
    const spec = GLOBAL_FLAGS.find((f) => (long !== undefined ? f.name === long : f.short === arg.slice(1)));
    if (spec && spec.kind !== 'bool' && !arg.includes('=') && i + 1 < argv.length) leading.push(argv[++i] as string);
  }
  return { verbName: undefined, rest: leading };
}

export const kubectl: Command = (command: CommandContext) => {
  const { verbName, rest } = splitVerb(command.argv);
  if (!verbName || verbName === 'help' || verbName === '--help' || verbName === '-h') return { exitCode: 0, stdout: USAGE, stderr: '' };
  const verb = Object.hasOwn(VERBS, verbName) ? VERBS[verbName] : undefined;
  if (!verb) {
    const why = Object.hasOwn(NOT_SIMULATED, verbName) ? NOT_SIMULATED[verbName] : undefined;
    return fail(why ? `error: "kubectl ${verbName}" is not simulated yet: ${why}` : `error: unknown command "${verbName}" for "kubectl"`);
  }
  let flags;
  try {
    flags = parseFlags(rest, [...GLOBAL_FLAGS, ...verb.flags]);
  } catch (error) {
    if (error instanceof FlagError) return fail(`error: ${error.message}\nSee 'kubectl ${verbName} --help' for usage.`);
    throw error;
  }
  const { session, host, clock } = command;
  // kubectl on a machine without a kubeconfig (a node) falls back to localhost:8080, where
  // nothing listens.
  if (host.kind !== 'operator') return fail(NO_KUBECONFIG);
  const { kubeconfig, apiserver } = host;
  const contextName = stringFlag(flags, 'context');
  const context = contextName ? kubeconfig.contexts.find((c) => c.name === contextName) : kubeconfig.context();
  if (!context) return fail(`error: context "${contextName}" does not exist`);
  // `set subject --user` is the subject's: cobra's local flag shadows the global one there.
  const subjectUser = verbName === 'set' && flags.args[0] === 'subject';
  const userName = (subjectUser ? undefined : stringFlag(flags, 'user')) ?? context.user;
  const client = apiserver.clientFor(userName);
  if (!client && !verb.local) return fail(`error: auth info "${userName}" does not exist`);
  const as = stringFlag(flags, 'as');
  const asGroups = arrayFlag(flags, 'as-group');
  if (asGroups.length && !as) return fail('error: requesting uid, groups or user-extra for test without impersonating a user');
  const impersonate = as ? { user: as, ...(asGroups.length ? { groups: asGroups } : {}) } : undefined;
  const namespaceFlag = stringFlag(flags, 'namespace');
  const usable = client ?? apiserver.clientFor('kubernetes-admin');
  if (!usable) return fail(`error: auth info "${userName}" does not exist`);
  // The server's Warning headers, printed once each as kubectl's warning writer does (Deduplicate).
  const warnings: string[] = [];
  const send = makeRequester(clock, usable, impersonate);
  // -v=6 and above: the loader's line, then each request as client-go's round tripper logs it.
  const verbosity = Number(stringFlag(flags, 'v') ?? '0');
  const requestLog: string[] = verbosity >= 6 ? [configLoadedLine(clock.now())] : [];
  const ctx: KubectlContext = {
    clock,
    session,
    kubeconfig,
    client: usable,
    flags,
    // An empty -n falls through to the context's namespace, as clientcmd's Namespace() does.
    namespace: namespaceFlag || context.namespace || 'default',
    namespaceExplicit: !!namespaceFlag,
    stdin: command.stdin,
    readFile: command.readFile,
    readDir: command.readDir,
    interactive: command.interactive,
    impersonate,
    contextName: context.name,
    request: (method, path, options) => {
      const start = clock.now();
      const response = send(method, path, options);
      if (verbosity >= 6) requestLog.push(requestLine(clock.now(), method, path, response.code, clock.now() - start));
      for (const w of response.warnings ?? []) if (!warnings.includes(w)) warnings.push(w);
      return response;
    },
  };
  try {
    return withStderrFirst(withStderrFirst(verb.run(ctx), warningLines(warnings)), requestLog);
  } catch (error) {
    if (error instanceof RequestTimeout) return fail(error.message);
    throw error;
  }
};
