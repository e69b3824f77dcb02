import { describe, expect, it, vi } from 'vitest';
import { SimulationSession, type Timers } from '../../worker/simulation-session';
import { useEditorStore } from '../stores/editor-store';
import { submitManifests } from './yaml-editor-panel';

// The page's worker, here in the same thread: the editor talks to a real session.
const stillTimers: Timers = { now: () => 0, setInterval: () => 0, clearInterval: () => undefined, setTimeout: () => 0 };
const session = new SimulationSession(1, stillTimers);
vi.mock('../simulation-client', () => ({ simulation: () => session }));

const INVALID = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '  - name: nginx', '    image: nginx:1.27', '    ports:', '    - containerPort: 70000', ''].join('\n');

describe("the editor's Submit", () => {
  it('marks an invalid object at the line of its field, keeps the text as typed, and leaves the cluster unchanged', async () => {
    const keysBefore = session.view('etcd-keys', { prefix: '/registry/' });
    useEditorStore.setState({ text: INVALID });
    await submitManifests();
    const state = useEditorStore.getState();
    expect(state).toMatchObject({ text: INVALID, failed: true, submitting: false });
    expect(state.objects).toEqual([expect.objectContaining({ kind: 'Pod', name: 'web', outcome: 'failed', status: expect.objectContaining({ reason: 'Invalid' }) })]);
    expect(state.errors.length).toBeGreaterThan(0);
    for (const marker of state.errors) {
      expect(marker.line).toBe(10);
      expect(marker.message).toMatch(/^spec\.containers\[0\]\.ports\[0\]\.containerPort: Invalid value: 70000/);
    }
    // kubectl's text, as the terminal prints it.
    expect(state.output).toMatch(/^The Pod "web" is invalid: /);
    expect(session.view('etcd-keys', { prefix: '/registry/' })).toEqual(keysBefore);
  });

  it('clears the markers when the corrected text is applied', async () => {
    const fixed = INVALID.replace('70000', '80');
    useEditorStore.setState({ text: fixed });
    await submitManifests();
    expect(useEditorStore.getState()).toMatchObject({ text: fixed, failed: false, errors: [], output: 'pod/web created', objects: [{ outcome: 'created' }] });
  });
});
