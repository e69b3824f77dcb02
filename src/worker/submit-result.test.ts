import { describe, expect, it } from 'vitest';
import { SimulationSession, type Timers } from './simulation-session';

const stillTimers: Timers = { now: () => 0, setInterval: () => 0, clearInterval: () => undefined, setTimeout: () => 0 };

const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: fast}\n';
const INVALID_POD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: broken', 'spec:', '  containers:', '  - name: app', '    image: nginx', '    ports:', '    - containerPort: 70000', ''].join('\n');

describe("the editor's Submit, read from the server's answers", () => {
  it('reports each object as created, configured or unchanged, with kubectl\'s own text', () => {
    const s = new SimulationSession(1, stillTimers);
    expect(s.applyManifests(CONFIGMAP)).toMatchObject({ ok: true, output: 'configmap/settings created', objects: [{ kind: 'ConfigMap', name: 'settings', outcome: 'created' }] });
    expect(s.applyManifests(CONFIGMAP).objects).toEqual([{ kind: 'ConfigMap', name: 'settings', outcome: 'unchanged' }]);
    const changed = s.applyManifests(CONFIGMAP.replace('fast', 'slow'));
    expect(changed).toMatchObject({ ok: true, output: 'configmap/settings configured', objects: [{ outcome: 'configured' }] });
  });

  it("gives an invalid object's metav1.Status, marks the field's line from its causes, and changes nothing", () => {
    const s = new SimulationSession(1, stillTimers);
    const podKeys = s.view('etcd-keys', { prefix: '/registry/pods/' });
    const text = `${CONFIGMAP}---\n${INVALID_POD}`;
    const result = s.applyManifests(text);
    expect(result.ok).toBe(false);
    // kubectl's text, as the terminal shows it.
    expect(result.output).toContain('configmap/settings created');
    expect(result.output).toContain('The Pod "broken" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000');
    const [configMap, pod] = result.objects;
    expect(configMap).toMatchObject({ outcome: 'created' });
    expect(pod).toMatchObject({ kind: 'Pod', name: 'broken', outcome: 'failed', status: { kind: 'Status', reason: 'Invalid', code: 422 } });
    expect(pod?.status?.details?.causes).toContainEqual(expect.objectContaining({ field: 'spec.containers[0].ports[0].containerPort' }));
    // The marker sits on the containerPort line of the second document (line 5 + 10).
    const line = text.split('\n').findIndex((l) => l.includes('containerPort')) + 1;
    expect(result.errors).toEqual([expect.objectContaining({ line, column: 7, message: expect.stringMatching(/^spec\.containers\[0\]\.ports\[0\]\.containerPort: Invalid value: 70000/) })]);
    // The refused pod was not stored.
    expect(s.view('etcd-keys', { prefix: '/registry/pods/' })).toEqual(podKeys);
  });

  it('marks an unknown field at the object that has it, from the server\'s strict decoding error', () => {
    const s = new SimulationSession(1, stillTimers);
    const text = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: a}', 'spec:', '  containers:', '  - {name: app, image: nginx}', '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: b}', 'spec:', '  containers:', '  - name: app', '    image: nginx', '    imagee: nginx', ''].join('\n');
    const result = s.applyManifests(text);
    expect(result.objects.map((o) => o.outcome)).toEqual(['created', 'failed']);
    expect(result.objects[1]?.status).toMatchObject({ reason: 'BadRequest', code: 400 });
    expect(result.errors).toEqual([{ message: 'unknown field "spec.containers[0].imagee"', line: 15, column: 5 }]);
  });

  it('puts no marker on a refusal that is not about a field (Forbidden): kubectl\'s text says it', () => {
    const s = new SimulationSession(1, stillTimers);
    const result = s.applyManifests(CONFIGMAP, 'bob');
    expect(result).toMatchObject({ ok: false, errors: [], objects: [{ outcome: 'failed', status: { reason: 'Forbidden' } }] });
    expect(result.output).toMatch(/Error from server \(Forbidden\)/);
  });
});
