import { afterEach, describe, expect, it, vi } from 'vitest';
import { actions } from '../shell/actions';
import { SimulationSession, type Timers } from './simulation-session';

const stillTimers: Timers = { now: () => 0, setInterval: () => 'tick', clearInterval: () => undefined, setTimeout: () => 0 };

afterEach(() => vi.restoreAllMocks());

describe('the page and the shell perform the same actions', () => {
  it('the Step button (perform) and `kubearch step` typed in the terminal reach the one step action, with the same effect', () => {
    const spy = vi.spyOn(actions.step, 'perform');
    const byButton = new SimulationSession(1, stillTimers);
    const byCommand = new SimulationSession(1, stillTimers);
    const pressed = byButton.perform({ name: 'step' });
    const typed = byCommand.runCommand('kubearch step');
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy.mock.calls.map(([, request]) => request)).toEqual([{ name: 'step' }, { name: 'step', count: 1 }]);
    // The same line, and the same trace after it.
    expect(typed).toMatchObject({ kind: 'ran', entries: [{ exitCode: 0, stdout: `${pressed.output}\n` }] });
    expect(byButton.view('clock', undefined).traceDigest).toBe(byCommand.view('clock', undefined).traceDigest);
  });

  it("`kubearch play`, `speed` and `pause` in the page's terminal drive the worker's clock, as the buttons do", () => {
    const s = new SimulationSession(1, stillTimers);
    expect(s.runCommand('kubearch speed 5')).toMatchObject({ kind: 'ran', entries: [{ exitCode: 0, stdout: 'speed 5x\n' }] });
    expect(s.runCommand('kubearch play')).toMatchObject({ kind: 'ran', entries: [{ exitCode: 0 }] });
    expect(s.view('clock', undefined)).toMatchObject({ playing: true, speed: 5 });
    expect(s.perform({ name: 'pause' })).toEqual({ ok: true, output: 'paused' });
    expect(s.view('clock', undefined).playing).toBe(false);
    // A reset typed in the terminal rebuilds the cluster the next line talks to.
    expect(s.runCommand('kubearch reset 7')).toMatchObject({ kind: 'ran', entries: [{ exitCode: 0, stdout: 'cluster rebuilt from seed 7\n' }] });
    expect(s.runCommand('kubearch status')).toMatchObject({ kind: 'ran', entries: [{ stdout: expect.stringContaining('seed:    7\n') }] });
  });

  it('toggles an admission plugin and compacts etcd through the registry', () => {
    const s = new SimulationSession(1, stillTimers);
    const plugin = s.view('admission-plugins', undefined)[0]?.name ?? '';
    expect(s.perform({ name: 'admission-plugin', plugin, enabled: false }).ok).toBe(true);
    expect(s.view('admission-plugins', undefined).find((p) => p.name === plugin)?.enabled).toBe(false);
    expect(s.runCommand(`kubearch admission enable ${plugin}`)).toMatchObject({ kind: 'ran', entries: [{ exitCode: 0 }] });
    expect(s.view('admission-plugins', undefined).find((p) => p.name === plugin)?.enabled).toBe(true);
    const compacted = s.perform({ name: 'compact-etcd' });
    expect(compacted.output).toMatch(/^compacted revision \d+$/);
    // Compacting again at the same revision is etcd's own error.
    expect(s.perform({ name: 'compact-etcd', revision: 1 })).toMatchObject({ ok: false, output: expect.stringMatching(/compacted/) });
  });
});
