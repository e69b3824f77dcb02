/**
 * Simulated wall time. The cluster's clock starts at a fixed epoch so that the same seed gives
 * the same creationTimestamps; ages are computed against the simulated clock, never the real one.
 */

export const SIMULATION_EPOCH_MS = Date.UTC(2025, 0, 1, 0, 0, 0);

/** Virtual milliseconds as metav1.Time (RFC 3339, whole seconds, as the apiserver serialises it). */
export function simulatedTimestamp(virtualMs: number): string {
  return new Date(SIMULATION_EPOCH_MS + Math.floor(virtualMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The inverse of simulatedTimestamp: virtual milliseconds for a metav1.Time string. */
export function virtualMsOf(timestamp: string): number {
  return Date.parse(timestamp) - SIMULATION_EPOCH_MS;
}

/** Virtual milliseconds as metav1.MicroTime: RFC 3339 with microseconds (Lease acquireTime, renewTime). */
export function microTime(virtualMs: number): string {
  return simulatedTimestamp(virtualMs).replace('Z', `.${String(Math.floor(virtualMs % 1000) * 1000).padStart(6, '0')}Z`);
}
