import { describe, expect, it } from 'vitest';
import { SimulationSession, type Timers } from './simulation-session';
import type { SimulationDelta } from './protocol';
import { BOOT_MS } from '../sim/cluster';

/** Hand-cranked timers: the test decides when wall time passes. */
class ManualTimers implements Timers {
  time = 0;
  private tasks: { at: number; fn: () => void; every?: number; id: number }[] = [];
  private nextId = 0;
  now = () => this.time;
  setInterval = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.tasks.push({ at: this.time + ms, fn, every: ms, id });
    return id;
  };
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.tasks.push({ at: this.time + ms, fn, id });
    return id;
  };
  clearInterval = (id: unknown) => {
    this.tasks = this.tasks.filter((t) => t.id !== id);
  };
  advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      this.tasks.sort((a, b) => a.at - b.at || a.id - b.id);
      const task = this.tasks[0];
      if (!task || task.at > end) break;
      this.time = task.at;
      if (task.every) task.at += task.every;
      else this.tasks.shift();
      task.fn();
    }
    this.time = end;
  }
}

function session() {
  const timers = new ManualTimers();
  const s = new SimulationSession(1, timers);
  const deltas: SimulationDelta[] = [];
  s.subscribe((d) => deltas.push(d));
  return { s, timers, deltas };
}

describe('SimulationSession', () => {
  it('sends a reset delta on subscribe, then one delta per step with exactly one event', () => {
    const { s, deltas } = session();
    expect(deltas[0]?.reset).toBe(true);
    // The cluster has booted: the page starts from a running control plane.
    const booted = s.clock();
    expect(booted.time).toBe(BOOT_MS);
    expect(s.perform({ name: 'step' }).ok).toBe(true);
    const last = deltas.at(-1);
    expect(last?.reset).toBe(false);
    expect(last?.views.clock.eventsRun).toBe(booted.eventsRun + 1);
    expect(last?.views.engineEvents).toHaveLength(1);
    expect(last?.views.clock.time).toBe(last?.views.engineEvents?.[0]?.at);
  });

  it('plays at the speed factor and batches deltas to about 60 a second', () => {
    const { s, timers, deltas } = session();
    s.setSpeed(10);
    const before = deltas.length;
    s.play();
    timers.advance(2000);
    s.pause();
    const clock = s.clock();
    expect(clock.playing).toBe(false);
    expect(clock.time - BOOT_MS).toBeGreaterThanOrEqual(19_000);
    expect(clock.time - BOOT_MS).toBeLessThanOrEqual(20_000);
    const sent = deltas.length - before;
    expect(sent).toBeGreaterThan(10);
    expect(sent).toBeLessThanOrEqual(2000 / 16 + 3);
    const watch = deltas.flatMap((d) => d.views.watchEvents ?? []);
    expect(watch.filter((e) => e.kind === 'Lease').length).toBeGreaterThanOrEqual(6);
    expect(watch.map((e) => e.index)).toEqual(watch.map((_, i) => i));
  });

  it('applies manifests, and reports YAML errors with their place without changing the cluster', () => {
    const { s } = session();
    const bad = s.applyManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: x\n');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]?.line).toBeGreaterThan(0);
    expect(s.runCommand('kubectl get pods')).toMatchObject({ kind: 'ran', entries: [{ stderr: 'No resources found in default namespace.\n' }] });
    expect(s.applyManifests('# nothing\n')).toEqual({ ok: false, errors: [], objects: [], output: 'error: no objects passed to apply' });
    // The server's field errors come back placed at the field in the text.
    const invalid = s.applyManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: app\n');
    expect(invalid).toMatchObject({ ok: false, output: 'The Pod "x" is invalid: spec.containers[0].image: Required value' });
    expect(!invalid.ok && invalid.errors[0]).toMatchObject({ line: 6, message: 'spec.containers[0].image: Required value' });
    // A typo is refused by strict field validation, and marked where it was typed.
    const typo = s.applyManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: app\n    imagee: nginx\n');
    expect(!typo.ok && typo.errors).toEqual([{ message: 'unknown field "spec.containers[0].imagee"', line: 7, column: 5 }]);
    expect(s.applyManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: app\n    image: nginx\n')).toEqual({
      ok: true,
      output: 'pod/x created',
      errors: [],
      objects: [{ kind: 'Pod', name: 'x', outcome: 'created' }],
    });
  });

  it("places the server's errors about an item of a List inside that item, and after a List in the right document", () => {
    const { s } = session();
    const list = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}',
      '- apiVersion: v1',
      '  kind: Pod',
      '  metadata: {name: y}',
      '  spec:',
      '    containers:',
      '    - name: app',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: z}',
      'spec:',
      '  containers:',
      '  - name: app',
      '    imagee: nginx',
      '',
    ].join('\n');
    const invalid = s.applyManifests(list);
    // kubectl apply goes on after a failure; the editor marks the List item's field, not the first document's.
    expect(!invalid.ok && invalid.errors).toContainEqual({ message: 'spec.containers[0].image: Required value', line: 10, column: 7 });
    const typo = s.applyManifests(list.replace('    - name: app\n', '    - {name: app, image: nginx}\n'));
    expect(!typo.ok && typo.errors).toContainEqual({ message: 'unknown field "spec.containers[0].imagee"', line: 18, column: 5 });
  });

  it("changes the etcd summary's keySet when a key appears or goes, not when one is rewritten, and on reset", () => {
    const { s } = session();
    const keySet = () => s.etcdSummary().keySet;
    const start = keySet();
    s.runCommand('etcdctl put /demo/a 1');
    const afterCreate = keySet();
    expect(afterCreate).toBe(start + 1);
    s.runCommand('etcdctl put /demo/a 2');
    expect(keySet()).toBe(afterCreate);
    s.runCommand('etcdctl del /demo/a');
    expect(keySet()).toBe(afterCreate + 1);
    s.runCommand('etcdctl del /demo/a');
    expect(keySet()).toBe(afterCreate + 1);
    s.reset(1);
    expect(keySet()).toBeGreaterThan(afterCreate + 1);
  });

  it('rebuilds the cluster on reset and rejects a bad seed', () => {
    const { s, deltas } = session();
    s.perform({ name: 'step' });
    s.reset(5);
    expect(deltas.at(-1)?.reset).toBe(true);
    expect(s.clock()).toMatchObject({ seed: 5, time: BOOT_MS });
    expect(() => s.reset(-1)).toThrow(/seed/);
    expect(() => s.setSpeed(1000)).toThrow(/speed/);
  });
});
