/**
 * `sleep DURATION`: advance the simulated clock, running everything due meanwhile. A breakpoint
 * on the cluster (`kubearch break add ...`) stops it between events, early, and it says which.
 */
import { parseDuration } from '../duration';
import { formatHit } from '../actions';
import { formatVirtualTime } from '../../sim/engine';
import { fail, ok, type Command } from '../types';

export const sleep: Command = ({ argv, clock, simulator }) => {
  const arg = argv[1];
  if (argv.length !== 2 || arg === undefined) return fail('sleep: usage: sleep DURATION (for example 30s, 5m, 1m30s)');
  const ms = parseDuration(arg);
  if (ms === undefined) return fail(`sleep: invalid time interval '${arg}'`);
  const { breakpoints } = simulator;
  breakpoints.takeHits();
  const until = clock.now() + ms;
  const { stopped } = clock.runUntilStopped(until, () => breakpoints.hitPending);
  if (!stopped) return ok();
  const hits = breakpoints.takeHits().map(formatHit);
  return ok(`${hits.join('\n')}\nsleep: stopped ${formatVirtualTime(until - clock.now())} early, at ${formatVirtualTime(clock.now())}\n`);
};
