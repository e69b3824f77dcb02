/** `sleep DURATION`: advance the simulated clock, running everything due meanwhile. */
import { parseDuration } from '../duration';
import { fail, ok, type Command } from '../types';

export const sleep: Command = ({ argv, clock }) => {
  const arg = argv[1];
  if (argv.length !== 2 || arg === undefined) return fail('sleep: usage: sleep DURATION (for example 30s, 5m, 1m30s)');
  const ms = parseDuration(arg);
  if (ms === undefined) return fail(`sleep: invalid time interval '${arg}'`);
  clock.runFor(ms);
  return ok();
};
