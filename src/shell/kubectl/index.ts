/**
 * `kubectl`: the command as learners type it, a client of the simulated apiserver. Global
 * flags (-n, --as, --context) are read here; each verb lives in verbs/ with its own flags.
 */
import type { Command, CommandContext, CommandResult } from '../types';
import { fail } from '../types';
import { FlagError, parseFlags, stringFlag, arrayFlag, type FlagSpec } from './flags';
import { GLOBAL_FLAGS } from './global-flags';
import { makeRequester, type KubectlContext } from './kubectl-context';
import { RequestTimeout } from './request-sync';
import { apply, APPLY_FLAGS } from './verbs/apply';
import { get, GET_FLAGS } from './verbs/get';

interface Verb {
  readonly flags: readonly FlagSpec[];
  readonly run: (ctx: KubectlContext) => CommandResult;
}

export const VERBS: Record<string, Verb> = {
  get: { flags: GET_FLAGS, run: get },
  apply: { flags: APPLY_FLAGS, run: apply },
};

export const kubectl: Command = (command: CommandContext) => {
  const [, verbName, ...rest] = command.argv;
  if (!verbName || verbName === 'help' || verbName === '--help' || verbName === '-h') {
    return { exitCode: 0, stdout: `kubectl controls the simulated Kubernetes cluster.\n\nCommands: ${Object.keys(VERBS).sort().join(', ')}\n`, stderr: '' };
  }
  const verb = Object.hasOwn(VERBS, verbName) ? VERBS[verbName] : undefined;
  if (!verb) return fail(`error: unknown command "${verbName}" for "kubectl"`);
  let flags;
  try {
    flags = parseFlags(rest, [...GLOBAL_FLAGS, ...verb.flags]);
  } catch (error) {
    if (error instanceof FlagError) return fail(`error: ${error.message}\nSee 'kubectl ${verbName} --help' for usage.`);
    throw error;
  }
  const { session, cluster } = command;
  const contextName = stringFlag(flags, 'context');
  const context = contextName ? session.contexts.find((c) => c.name === contextName) : session.context();
  if (!context) return fail(`error: context "${contextName}" does not exist`);
  const client = session.clientFor(cluster, context.user);
  if (!client) return fail(`error: no user "${context.user}" in the kubeconfig`);
  const as = stringFlag(flags, 'as');
  const asGroups = arrayFlag(flags, 'as-group');
  if (asGroups.length && !as) return fail('error: requesting uid, groups or user-extra for test without impersonating a user');
  const impersonate = as ? { user: as, ...(asGroups.length ? { groups: asGroups } : {}) } : undefined;
  const namespaceFlag = stringFlag(flags, 'namespace');
  const ctx: KubectlContext = {
    cluster,
    session,
    client,
    flags,
    namespace: namespaceFlag ?? context.namespace ?? 'default',
    namespaceExplicit: namespaceFlag !== undefined,
    stdin: command.stdin,
    readFile: command.readFile,
    interactive: command.interactive,
    impersonate,
    request: makeRequester(cluster, client, impersonate),
  };
  try {
    return verb.run(ctx);
  } catch (error) {
    if (error instanceof RequestTimeout) return fail(error.message);
    throw error;
  }
};
