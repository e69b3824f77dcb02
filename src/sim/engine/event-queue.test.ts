/**
 * The event queue runs events in (time, priority, sequence) order: checked against a plain sort
 * on random schedules, pushes made while popping included (as events schedule events).
 */
import { describe, expect, it } from 'vitest';
import { EventQueue, type ScheduledEvent } from './event-queue';
import { Rng } from './rng';

function event(at: number, priority: number, seq: number): ScheduledEvent {
  return { at, priority, seq, label: `e${seq}`, run: () => {}, cancelled: false, ran: false };
}

const order = (a: ScheduledEvent, b: ScheduledEvent) => a.at - b.at || a.priority - b.priority || a.seq - b.seq;

describe('EventQueue', () => {
  it.each([1, 2, 3, 4, 5])('pops in (time, priority, sequence) order, seed %i', (seed) => {
    const rng = new Rng(seed);
    const below = (n: number) => rng.int(0, n - 1);
    const queue = new EventQueue();
    const pending: ScheduledEvent[] = [];
    let seq = 0;
    let now = 0;
    const popped: ScheduledEvent[] = [];
    const expected: ScheduledEvent[] = [];
    for (let round = 0; round < 2_000; round++) {
      // Push a few at or after now: often the same instants, some with other priorities.
      const pushes = below(4);
      for (let i = 0; i < pushes; i++) {
        const at = now + [0, 0.5, 2, 1_000][below(4)]! + (below(10) === 0 ? below(50) : 0);
        const priority = below(8) === 0 ? below(3) - 1 : 0;
        const e = event(at, priority, seq++);
        queue.push(e);
        pending.push(e);
      }
      if (below(3) !== 0 && pending.length > 0) {
        pending.sort(order);
        expected.push(pending.shift()!);
        const e = queue.pop()!;
        popped.push(e);
        now = e.at;
      }
      expect(queue.size).toBe(pending.length);
    }
    pending.sort(order);
    expected.push(...pending);
    while (queue.peek()) popped.push(queue.pop()!);
    expect(popped.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
    expect(queue.pop()).toBeUndefined();
    expect(queue.size).toBe(0);
  });

  it('an event pushed for an earlier instant than the front comes out first; clear empties', () => {
    const queue = new EventQueue();
    queue.push(event(10, 0, 0));
    expect(queue.peek()?.seq).toBe(0);
    queue.push(event(5, 0, 1));
    queue.push(event(10, -1, 2));
    expect([queue.pop()?.seq, queue.pop()?.seq, queue.pop()?.seq]).toEqual([1, 2, 0]);
    queue.push(event(1, 0, 3));
    queue.clear();
    expect(queue.peek()).toBeUndefined();
    expect(queue.size).toBe(0);
  });
});
