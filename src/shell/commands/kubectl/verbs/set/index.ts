/**
 * `kubectl set SUBCOMMAND`: env, image, resources and serviceaccount for the objects that have a
 * pod spec, subject for role bindings, selector for Services. As for
 * `rollout`, the shell parses every subcommand's flags at once and each subcommand refuses a
 * flag that is not its own.
 */
import { fail, type CommandResult } from '../../../../types';
import type { FlagSpec } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { foreignFlag } from '../rollout/index';
import { SET_ENV_FLAGS, setEnvVerb } from './env';
import { SET_IMAGE_FLAGS, setImageVerb } from './image';
import { SET_RESOURCES_FLAGS, setResourcesVerb } from './resources';
import { SET_SELECTOR_FLAGS, setSelectorVerb } from './selector';
import { SET_SERVICEACCOUNT_FLAGS, setServiceAccountVerb } from './serviceaccount';
import { SET_SUBJECT_FLAGS, setSubjectVerb } from './subject';

interface Subcommand {
  readonly flags: readonly FlagSpec[];
  readonly run: (ctx: KubectlContext) => CommandResult;
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  env: { flags: SET_ENV_FLAGS, run: setEnvVerb },
  image: { flags: SET_IMAGE_FLAGS, run: setImageVerb },
  resources: { flags: SET_RESOURCES_FLAGS, run: setResourcesVerb },
  selector: { flags: SET_SELECTOR_FLAGS, run: setSelectorVerb },
  serviceaccount: { flags: SET_SERVICEACCOUNT_FLAGS, run: setServiceAccountVerb },
  subject: { flags: SET_SUBJECT_FLAGS, run: setSubjectVerb },
};


/** The subcommands' names (those simulated), for Tab completion. */
export const SET_SUBCOMMANDS: readonly string[] = Object.keys(SUBCOMMANDS);

export const SET_FLAGS: readonly FlagSpec[] = [...new Map(Object.values(SUBCOMMANDS).flatMap((s) => s.flags.map((f) => [f.name, f] as const))).values()];

export const SET_HELP = `Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export function set(ctx: KubectlContext): CommandResult {
  const [name] = ctx.flags.args;
  if (name === undefined) return { exitCode: 1, stdout: '', stderr: SET_HELP };
  const sub = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!sub) return fail(`error: unknown command "${ctx.flags.args.join(' ')}"\nSee 'kubectl set -h' for help and examples`);
  const foreign = foreignFlag(ctx, sub.flags);
  if (foreign) return fail(`error: unknown flag: --${foreign}\nSee 'kubectl set ${name} --help' for usage.`);
  return sub.run(ctx);
}
