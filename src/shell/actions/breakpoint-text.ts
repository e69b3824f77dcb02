/**
 * How breakpoints and their hits read, in the shell and on the page alike: one line per
 * breakpoint (`1  etcd-write /registry/pods/  (hit 2 times)`) and one per hit
 * (`breakpoint 1 (etcd-write /registry/pods/) hit at 2.345s: PUT /registry/pods/default/web ...`).
 */
import { describeCondition, type Breakpoint, type BreakpointHit } from '../../sim/breakpoints/breakpoints';
import { formatVirtualTime } from '../../sim/engine';

const KIND_WORDS: Record<BreakpointHit['condition']['kind'], string> = {
  'etcd-write': 'etcd write',
  'watch-event': 'watch event',
  request: 'request',
  'pod-phase': 'pod phase change',
};

export function formatBreakpoint(bp: Breakpoint): string {
  return `${String(bp.id).padEnd(3)} ${describeCondition(bp.condition)}${bp.hits ? `  (hit ${bp.hits} time${bp.hits === 1 ? '' : 's'})` : ''}`;
}

export function formatHit(hit: BreakpointHit): string {
  const which = hit.id === undefined ? `stopped at the next ${KIND_WORDS[hit.condition.kind]}` : `breakpoint ${hit.id} (${describeCondition(hit.condition)}) hit`;
  return `${which} at ${formatVirtualTime(hit.at)}: ${hit.what}`;
}
