/** SchedulingGates PreEnqueue (scheduling_gates_test.go). */
import { describe, expect, it } from 'vitest';
import { makePod } from '../../testing/wrappers';
import { SchedulingGates } from './scheduling-gates';

describe('SchedulingGates', () => {
  it.each([
    ['no gates', [], null],
    ['two gates', ['foo', 'bar'], 'waiting for scheduling gates: [foo bar]'],
  ])('%s', (_n, gates, reason) => {
    const s = new SchedulingGates().preEnqueue(makePod({ schedulingGates: gates }));
    expect(s && [s.code, ...s.reasons]).toEqual(reason ? ['UnschedulableAndUnresolvable', reason] : null);
  });
});
