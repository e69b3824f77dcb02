/**
 * pflag's DurationVar, as `--timeout` is read by the rollout commands: Go's time.ParseDuration,
 * which wants a unit except for "0", with pflag's message for a value it cannot read.
 */
import { parseDuration } from '../../../../duration';

/** Milliseconds (0 when absent), or the error kubectl prints. */
export function durationFlagMs(text: string | undefined, flag: string, command: string): number | { error: string } {
  if (text === undefined || text === '0') return 0;
  const ms = /^\d+(\.\d+)?$/.test(text) ? undefined : parseDuration(text);
  if (ms !== undefined) return ms;
  const why = /^\d+(\.\d+)?$/.test(text) ? `time: missing unit in duration "${text}"` : `time: invalid duration "${text}"`;
  return { error: `error: invalid argument "${text}" for "--${flag}" flag: ${why}\nSee 'kubectl ${command} --help' for usage.` };
}
