/**
 * Turns the network messages the worker reports into dots the graph can draw. A hop on the
 * simulated network takes 0.5–2 simulated ms, far too short to see, so dots are drawn in slow
 * motion: each simulated ms of traffic takes `WALL_MS_PER_SIM_MS / speed` wall ms on screen
 * (slower when the cluster plays slower), keeping the order and the spacing the simulated clock
 * gave them. During a burst the picture falls behind the clock; once it is more than
 * `MAX_LAG_MS` behind, it skips ahead to the newest message. Pure: the caller passes the wall
 * time and keeps the returned anchor.
 */
import type { TrafficView } from '../../worker/protocol';

/** Wall ms per simulated ms of traffic at 1×: a 2 ms hop between machines takes 0.5 s. */
export const WALL_MS_PER_SIM_MS = 250;
/** No dot flies faster than this, whatever the speed, or nobody could see it. */
export const MIN_FLIGHT_MS = 160;
/** How far the picture may fall behind the cluster before it skips ahead. */
export const MAX_LAG_MS = 4000;

export interface TrafficAnchor {
  /** Wall time at which simulated time `sim` is drawn. */
  readonly wall: number;
  readonly sim: number;
}

export interface Dot {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly kind: TrafficView['kind'];
  readonly label: string;
  readonly requestId?: string;
  /** Wall ms at which it leaves `from`, and how long it takes to reach `to`. */
  readonly start: number;
  readonly duration: number;
}

export function wallPerSimMs(speed: number): number {
  return WALL_MS_PER_SIM_MS / Math.max(speed, 1e-6);
}

export function scheduleDots(
  anchor: TrafficAnchor | undefined,
  messages: readonly TrafficView[],
  wallNow: number,
  speed: number,
): { anchor: TrafficAnchor | undefined; dots: Dot[] } {
  const scale = wallPerSimMs(speed);
  let current = anchor;
  const dots: Dot[] = [];
  for (const m of messages) {
    let start = current ? current.wall + (m.sentAt - current.sim) * scale : -Infinity;
    // A quiet spell left the anchor in the past, or the picture is too far behind: restart here.
    if (start < wallNow - 1 || start > wallNow + MAX_LAG_MS) {
      current = { wall: wallNow, sim: m.sentAt };
      start = wallNow;
    }
    const duration = Math.max(MIN_FLIGHT_MS, (m.arrivesAt - m.sentAt) * scale);
    dots.push({ id: m.id, from: m.from, to: m.to, kind: m.kind, label: m.label, ...(m.requestId ? { requestId: m.requestId } : {}), start, duration });
  }
  return { anchor: current, dots };
}

/** Where a dot is along its hop at `wallNow`: 0 at the sender, 1 at the receiver; undefined before it leaves or after it arrives. */
export function progressOf(dot: Dot, wallNow: number): number | undefined {
  const p = (wallNow - dot.start) / dot.duration;
  return p < 0 || p > 1 ? undefined : p;
}
