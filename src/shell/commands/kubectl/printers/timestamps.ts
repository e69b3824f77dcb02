/**
 * Times as kubectl prints them, always against the simulated clock (`nowMs` is virtual
 * milliseconds, as the engine's clock and src/sim/api/time.ts count them): ages through
 * apimachinery's duration package, and the two absolute layouts kubectl uses, RFC 3339 for
 * `CREATED AT` and Go's RFC1123Z for `kubectl describe`. kubectl prints describe times in the
 * machine's zone; the simulated cluster's zone is UTC.
 */
import { formatAge, humanDuration } from '../../../format-age';
import { virtualMsOf } from '../../../../sim/api/time';

export { humanDuration };

/** printers.go translateTimestampSince: HumanDuration(now − t), `<unknown>` for a zero time. */
export function translateTimestampSince(nowMs: number, timestamp: string | undefined | null): string {
  return formatAge(nowMs, timestamp ?? undefined);
}

/** apimachinery duration.ShortHumanDuration (one unit only: `59s`, `1m`, `23h`, `364d`, `1y`). */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / 3_600_000 / 24 / 365)}y`;
}

/** Virtual milliseconds of a metav1.Time / MicroTime, or undefined for a zero (absent) time. */
export function timeMs(timestamp: string | undefined | null): number | undefined {
  if (!timestamp) return undefined;
  const ms = virtualMsOf(timestamp);
  return Number.isNaN(ms) ? undefined : ms;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Go's zero time.Time, which kubectl prints when a timestamp is absent. */
const GO_ZERO_RFC3339 = '0001-01-01T00:00:00Z';
const GO_ZERO_RFC1123Z = 'Mon, 01 Jan 0001 00:00:00 +0000';

/** t.UTC().Format(time.RFC3339): `2025-01-01T12:00:00Z` (sub-second digits dropped). */
export function formatRFC3339(timestamp: string | undefined | null): string {
  if (!timestamp) return GO_ZERO_RFC3339;
  const d = new Date(timestamp);
  if (Number.isNaN(d.getTime())) return timestamp;
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** t.Format(time.RFC1123Z) in UTC: `Wed, 01 Jan 2025 12:00:00 +0000`. */
export function formatRFC1123Z(timestamp: string | undefined | null): string {
  if (!timestamp) return GO_ZERO_RFC1123Z;
  const d = new Date(timestamp);
  if (Number.isNaN(d.getTime())) return timestamp;
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCFullYear(), 4)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}
