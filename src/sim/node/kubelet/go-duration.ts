/**
 * Go's time.Duration String(), which the kubelet's messages print: `850ms`, `1.203s`,
 * `1m20s`, `5m0s`, `2h0m0s`. Input in milliseconds (sub-millisecond parts are dropped, as the
 * kubelet truncates pull times to the millisecond).
 */
export function goDuration(ms: number): string {
  const total = Math.floor(ms);
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const secondsMs = total % 60_000;
  const whole = Math.floor(secondsMs / 1000);
  const frac = secondsMs % 1000;
  const seconds = frac ? `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}s` : `${whole}s`;
  if (hours) return `${hours}h${minutes}m${seconds}`;
  if (minutes) return `${minutes}m${seconds}`;
  return seconds;
}
