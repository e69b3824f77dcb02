/** The node section's Stop / Start node buttons and `kubearch node stop|start NAME` are one action. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { actions } from '../shell/actions';
import { SimulationSession, type Timers } from './simulation-session';

const stillTimers: Timers = { now: () => 0, setInterval: () => 'tick', clearInterval: () => undefined, setTimeout: () => 0 };

afterEach(() => vi.restoreAllMocks());

describe('Stop node and Start node', () => {
  it('the button (perform) and the command typed in the terminal reach the one node action, with the same effect', () => {
    const spy = vi.spyOn(actions.node, 'perform');
    const byButton = new SimulationSession(1, stillTimers);
    const byCommand = new SimulationSession(1, stillTimers);
    const pressed = byButton.perform({ name: 'node', verb: 'stop', node: 'node-2' });
    const typed = byCommand.runCommand('kubearch node stop node-2');
    expect(spy.mock.calls.map(([, request]) => request)).toEqual([
      { name: 'node', verb: 'stop', node: 'node-2' },
      { name: 'node', verb: 'stop', node: 'node-2' },
    ]);
    expect(typed).toMatchObject({ kind: 'ran', entries: [{ exitCode: 0, stdout: `${pressed.output}\n` }] });
    for (const s of [byButton, byCommand]) expect(s.view('nodes', undefined).nodes.find((n) => n.name === 'node-2')?.kubelet).toBe('stopped');
    byCommand.runCommand('sleep 20s');
    byButton.runCommand('sleep 20s');
    expect(byButton.view('clock', undefined).traceDigest).toBe(byCommand.view('clock', undefined).traceDigest);

    expect(byButton.perform({ name: 'node', verb: 'start', node: 'node-2' }).output).toMatch(/^kubelet on node-2 starting/);
    byButton.runCommand('sleep 2s');
    expect(byButton.view('nodes', undefined).nodes.find((n) => n.name === 'node-2')?.kubelet).toBe('running');
  });

  it('refuses a node that is not there, as the command does', () => {
    const s = new SimulationSession(1, stillTimers);
    expect(s.perform({ name: 'node', verb: 'stop', node: 'node-9' })).toEqual({ ok: false, output: 'no node "node-9" in this cluster (nodes: node-1, node-2, node-3)' });
    expect(s.perform({ name: 'node', verb: 'stop', node: 'node-1' }).ok).toBe(true);
    expect(s.perform({ name: 'node', verb: 'stop', node: 'node-1' })).toEqual({ ok: true, output: 'kubelet on node-1 is already stopped' });
  });
});
