/**
 * `kubectl rollout SUBCOMMAND`: status, history, undo, pause, resume and restart, for
 * Deployments, DaemonSets and StatefulSets (pause and resume: Deployments only). kubectl parses each
 * subcommand's own flags; the shell parses the union first, so each subcommand here refuses a
 * flag that is not its own with pflag's message.
 */
import { fail, type CommandResult } from '../../../../types';
import { GLOBAL_FLAGS } from '../../global-flags';
import type { FlagSpec } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { HISTORY_FLAGS, rolloutHistory } from './history';
import { OBJECT_CHANGE_FLAGS } from './object-change';
import { rolloutPause } from './pause';
import { rolloutRestart } from './restart';
import { rolloutResume } from './resume';
import { rolloutStatus, STATUS_FLAGS } from './status';
import { rolloutUndo, UNDO_FLAGS } from './undo';

interface Subcommand {
  readonly flags: readonly FlagSpec[];
  readonly run: (ctx: KubectlContext) => CommandResult;
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  history: { flags: HISTORY_FLAGS, run: rolloutHistory },
  pause: { flags: OBJECT_CHANGE_FLAGS, run: rolloutPause },
  restart: { flags: OBJECT_CHANGE_FLAGS, run: rolloutRestart },
  resume: { flags: OBJECT_CHANGE_FLAGS, run: rolloutResume },
  status: { flags: STATUS_FLAGS, run: rolloutStatus },
  undo: { flags: UNDO_FLAGS, run: rolloutUndo },
};

/** The subcommands' names, for Tab completion. */
export const ROLLOUT_SUBCOMMANDS: readonly string[] = Object.keys(SUBCOMMANDS);

/** Every subcommand's flags, for the shell's one parse. */
export const ROLLOUT_FLAGS: readonly FlagSpec[] = [...new Map(Object.values(SUBCOMMANDS).flatMap((s) => s.flags.map((f) => [f.name, f] as const))).values()];

/** `kubectl rollout --help` (and bare `kubectl rollout`, which prints it and exits 1). */
export const ROLLOUT_HELP = `Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc

  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo

  # Restart a deployment
  kubectl rollout restart deployment/abc

  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** The first flag given that is neither global nor the subcommand's own, as pflag names it. */
export function foreignFlag(ctx: KubectlContext, own: readonly FlagSpec[]): string | undefined {
  const allowed = new Set([...GLOBAL_FLAGS, ...own].map((f) => f.name));
  for (const name of ctx.flags.values.keys()) if (!allowed.has(name)) return name;
  return undefined;
}

export function rollout(ctx: KubectlContext): CommandResult {
  const [name] = ctx.flags.args;
  if (name === undefined) return { exitCode: 1, stdout: '', stderr: ROLLOUT_HELP };
  const sub = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!sub) return fail(`error: unknown command "${ctx.flags.args.join(' ')}"\nSee 'kubectl rollout -h' for help and examples`);
  const foreign = foreignFlag(ctx, sub.flags);
  if (foreign) return fail(`error: unknown flag: --${foreign}\nSee 'kubectl rollout ${name} --help' for usage.`);
  return sub.run(ctx);
}

