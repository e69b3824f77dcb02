/**
 * An action performed for a `kubearch` command: the shell's context becomes the action's, and
 * the result is printed as the command's (stdout and exit 0, or `PREFIX: message` on stderr
 * and exit 1).
 */
import { fail, ok, type CommandContext, type CommandResult } from '../types';
import { performAction } from './registry';
import type { ActionRequest, ClockDriver } from './types';

export function performFromShell(ctx: CommandContext, request: ActionRequest, driver: ClockDriver | undefined, prefix: string): CommandResult {
  const run = ctx.exec;
  const exec = run ? (argv: readonly string[]) => run(argv, {}) : () => fail(`${prefix}: cannot run other commands here`, 127);
  const result = performAction({ simulator: ctx.simulator, exec, ...(driver ? { driver } : {}) }, request);
  return result.ok ? ok(`${result.output}\n`) : fail(`${prefix}: ${result.output}`);
}
