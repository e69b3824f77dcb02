/**
 * Simulated wall time. The cluster's clock starts at a fixed epoch so that the same seed gives
 * the same creationTimestamps; ages are computed against the simulated clock, never the real one.
 */
import { flatString } from '../flat-string';

export const SIMULATION_EPOCH_MS = Date.UTC(2025, 0, 1, 0, 0, 0);

/** Virtual milliseconds as metav1.Time (RFC 3339, whole seconds, as the apiserver serialises it). */
export function simulatedTimestamp(virtualMs: number): string {
  const second = Math.floor(virtualMs / 1000);
  // Asked for many times a simulated second; kept flat, as it is written into stored objects (see flatString).
  if (second !== lastTimestamp.second) lastTimestamp = { second, text: flatString(new Date(SIMULATION_EPOCH_MS + second * 1000).toISOString().replace('.000Z', 'Z')) };
  return lastTimestamp.text;
}

let lastTimestamp = { second: NaN, text: '' };

/** The inverse of simulatedTimestamp: virtual milliseconds for a metav1.Time string. */
export function virtualMsOf(timestamp: string): number {
  return Date.parse(timestamp) - SIMULATION_EPOCH_MS;
}

/** Virtual milliseconds as metav1.MicroTime: RFC 3339 with microseconds (Lease acquireTime, renewTime). */
export function microTime(virtualMs: number): string {
  return simulatedTimestamp(virtualMs).replace('Z', `.${String(Math.floor(virtualMs % 1000) * 1000).padStart(6, '0')}Z`);
}
