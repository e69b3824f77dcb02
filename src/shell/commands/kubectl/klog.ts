/**
 * klog's text header, as kubectl writes its klog.Warning lines to stderr:
 * `Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg`. The time is the simulated wall clock (the
 * cluster runs in UTC); the thread id is a fixed stand-in for kubectl's pid, so that the same
 * seed gives the same transcript.
 */
import { SIMULATION_EPOCH_MS } from '../../../sim/api/time';

/** What the simulated kubectl process reports as its pid in klog headers. */
export const KUBECTL_PID = 4242;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** One klog line at severity `level` ('W' warning, 'I' info, 'E' error) logged from `source` (`helpers.go:663`). */
export function klogLine(level: 'I' | 'W' | 'E', virtualMs: number, source: string, message: string): string {
  const t = new Date(SIMULATION_EPOCH_MS + virtualMs);
  const micros = pad(t.getUTCMilliseconds() * 1000, 6);
  const header = `${level}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}.${micros} ${String(KUBECTL_PID).padStart(7)} ${source}]`;
  return `${header} ${message}`;
}
