import { describe, expect, it } from 'vitest';
import { Engine, RunawayError } from '.';

/** A small workload with timers, cancellations and random delays: enough to shake out ordering bugs. */
function workload(seed: number): Engine {
  const engine = new Engine({ seed });
  for (let i = 0; i < 50; i++) {
    const name = `worker-${i}`;
    const tick = () => {
      if (engine.now() < 60_000) engine.schedule(engine.rng.int(1, 5_000), `${name}: tick`, tick);
    };
    engine.schedule(engine.rng.int(0, 1_000), `${name}: start`, tick);
  }
  const doomed = engine.schedule(10, 'never: runs', () => {
    throw new Error('cancelled event ran');
  });
  engine.cancel(doomed);
  return engine;
}

describe('Engine', () => {
  it('runs events in (time, priority, sequence) order', () => {
    const engine = new Engine();
    const ran: string[] = [];
    engine.schedule(20, 'c', () => ran.push('c'));
    engine.schedule(10, 'b-late', () => ran.push('b-late'), 1);
    engine.schedule(10, 'a', () => ran.push('a'));
    engine.schedule(10, 'b', () => ran.push('b'));
    engine.schedule(0, 'first', () => ran.push('first'));
    engine.runUntilIdle();
    expect(ran).toEqual(['first', 'a', 'b', 'b-late', 'c']);
  });

  it('steps exactly one event and moves the clock to its time', () => {
    const engine = new Engine();
    engine.schedule(5, 'x', () => {});
    engine.schedule(9, 'y', () => {});
    expect(engine.nextEventTime()).toBe(5);
    expect(engine.step()).toMatchObject({ at: 5, label: 'x' });
    expect(engine.now()).toBe(5);
    expect(engine.eventsRun).toBe(1);
    expect(engine.pending).toBe(1);
    expect(engine.step()).toMatchObject({ at: 9, label: 'y' });
    expect(engine.step()).toBeUndefined();
  });

  it('runUntil runs what is due, leaves the rest, and sets the clock to the goal', () => {
    const engine = new Engine();
    const ran: number[] = [];
    for (const t of [10, 20, 30]) engine.schedule(t, `t${t}`, () => ran.push(t));
    expect(engine.runUntil(20)).toBe(2);
    expect(ran).toEqual([10, 20]);
    expect(engine.now()).toBe(20);
    engine.runFor(5);
    expect(engine.now()).toBe(25);
    expect(engine.pending).toBe(1);
  });

  it('cancel is a no-op after the event ran or when repeated', () => {
    const engine = new Engine();
    const h = engine.schedule(1, 'x', () => {});
    engine.cancel(h);
    engine.cancel(h);
    expect(engine.pending).toBe(0);
    const h2 = engine.schedule(1, 'y', () => {});
    engine.step();
    engine.cancel(h2);
    expect(engine.pending).toBe(0);
    expect(engine.step()).toBeUndefined();
  });

  it('rejects delays that go back in time and speeds out of range', () => {
    const engine = new Engine();
    expect(() => engine.schedule(-1, 'past', () => {})).toThrow(RangeError);
    expect(() => engine.schedule(Number.NaN, 'nan', () => {})).toThrow(RangeError);
    engine.runFor(100);
    expect(() => engine.scheduleAt(50, 'before now', () => {})).toThrow(/before now/);
    expect(() => engine.setSpeed(0.1)).toThrow(/between 0.25 and 100/);
    expect(() => engine.setSpeed(101)).toThrow(RangeError);
    engine.setSpeed(100);
    expect(engine.speed).toBe(100);
  });

  it('maps wall time to virtual time through the speed factor', () => {
    const engine = new Engine();
    engine.setSpeed(4);
    engine.advanceWall(250);
    expect(engine.now()).toBe(1000);
  });

  it('stops a runaway loop and names the seed', () => {
    const engine = new Engine({ seed: 42 });
    const loop = () => engine.schedule(0, 'loop: again', loop);
    loop();
    expect(() => engine.runUntilIdle(1000)).toThrow(RunawayError);
    expect(() => engine.runUntil(10, 1000)).toThrow(/seed 42/);
  });

  it('gives the same trace hash for the same seed and a different one for another seed', () => {
    const a = workload(7);
    const b = workload(7);
    const c = workload(8);
    a.runUntil(120_000);
    b.runUntil(120_000);
    c.runUntil(120_000);
    expect(a.eventsRun).toBeGreaterThan(500);
    expect(a.trace.digest()).toBe(b.trace.digest());
    expect(a.trace.tail(50)).toEqual(b.trace.tail(50));
    expect(c.trace.digest()).not.toBe(a.trace.digest());
  });

  it('keeps the newest entries in the trace tail, oldest first', () => {
    const engine = new Engine({ traceCapacity: 4 });
    for (let i = 0; i < 10; i++) engine.schedule(i, `e${i}`, () => {});
    engine.runUntilIdle();
    expect(engine.trace.tail().map((e) => e.label)).toEqual(['e6', 'e7', 'e8', 'e9']);
    expect(engine.trace.format(2)).toMatch(/e8\n.*e9$/);
  });
});

describe('Engine.runUntilStopped', () => {
  it('stops between events when the check holds, with the clock at the stopping event', () => {
    const engine = new Engine();
    const ran: string[] = [];
    for (const [at, label] of [[10, 'a'], [20, 'b'], [30, 'c']] as const) engine.scheduleAt(at, label, () => ran.push(label));
    expect(engine.runUntilStopped(100, () => ran.includes('b'))).toEqual({ ran: 2, stopped: true });
    expect(engine.now()).toBe(20);
    expect(engine.runUntilStopped(100, () => false)).toEqual({ ran: 1, stopped: false });
    expect(engine.now()).toBe(100);
  });
});
