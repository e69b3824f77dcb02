/** The page's cloud view: the simulated cloud's instances, load balancers and routes, read on demand. */
import { describe, expect, it } from 'vitest';
import { SimulationSession, type Timers } from './simulation-session';

const stillTimers: Timers = { now: () => 0, setInterval: () => 'tick', clearInterval: () => undefined, setTimeout: () => 0 };

describe('the cloud view', () => {
  it('shows the machines, and a LoadBalancer Service’s load balancer once the cloud has made it', () => {
    const s = new SimulationSession(1, stillTimers);
    expect(s.view('cloud', undefined).instances.map((i) => `${i.name} ${i.providerID} ${i.zone}`)).toEqual([
      'node-1 kubearch://node-1 kubearch-1a',
      'node-2 kubearch://node-2 kubearch-1b',
      'node-3 kubearch://node-3 kubearch-1c',
    ]);
    s.runCommand('kubectl create service loadbalancer web --tcp=80:80');
    s.runCommand('sleep 12s');
    const view = s.view('cloud', undefined);
    expect(view.loadBalancers.map((lb) => `${lb.service} ${lb.ip} ${lb.nodes.join(',')}`)).toEqual(['default/web 203.0.113.1 node-1,node-2,node-3']);
    expect(view.routes.map((r) => `${r.targetNode} ${r.destinationCIDR}`)).toEqual(['node-1 10.244.1.0/24', 'node-2 10.244.2.0/24', 'node-3 10.244.3.0/24']);
  });
});
