/** The component panel's view: who a component is to the apiserver and what it watches. */
import { describe, expect, it } from 'vitest';
import { SimulationSession, type Timers } from './simulation-session';

const stillTimers: Timers = { now: () => 0, setInterval: () => 'tick', clearInterval: () => undefined, setTimeout: () => 0 };

describe('the component view', () => {
  it("names a kubelet's own watches: its pods, its Node, and each ConfigMap its pods reference", () => {
    const s = new SimulationSession(1, stillTimers);
    expect(s.view('component', { id: 'kubelet/node-1' })).toMatchObject({ identity: { user: 'system:node:node-1', groups: ['system:nodes'] }, watches: ['pods spec.nodeName=node-1', 'nodes metadata.name=node-1'] });
    s.runCommand('kubectl create configmap settings --from-literal=a=b');
    s.runCommand(`kubectl run web --image=nginx --overrides='{"spec":{"nodeName":"node-1","volumes":[{"name":"c","configMap":{"name":"settings"}}],"containers":[{"name":"web","image":"nginx","volumeMounts":[{"name":"c","mountPath":"/c"}]}]}}'`);
    s.runCommand('sleep 5s');
    expect(s.view('component', { id: 'kubelet/node-1' }).watches).toEqual(['pods spec.nodeName=node-1', 'nodes metadata.name=node-1', 'configmaps default/settings']);
  });

  it('a node added later is described the same way', () => {
    const s = new SimulationSession(1, stillTimers);
    s.runCommand('kubearch node add big --cpu 8');
    expect(s.view('component', { id: 'kubelet/big' }).watches).toEqual(['pods spec.nodeName=big', 'nodes metadata.name=big']);
  });
});
