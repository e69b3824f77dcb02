/** The simulated cloud's answers, errors included: unknown instances, an exhausted address pool. */
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine';
import { defaultLoadBalancerName, LOAD_BALANCER_PROVISION_MS, SimulatedCloud, type CloudResult, type LoadBalancer } from './simulated-cloud';

describe('SimulatedCloud', () => {
  it('knows its instances: providerID, zone in turn, addresses; an unknown one is an error', () => {
    const engine = new Engine({ seed: 1 });
    const cloud = new SimulatedCloud(engine, [{ name: 'node-4', index: 4 }]);
    const answers: string[] = [];
    cloud.instanceMetadata('node-4', (r) => answers.push(r.ok ? `${r.value.providerID} ${r.value.zone} ${r.value.nodeAddresses.map((a) => a.address).join(',')}` : r.error));
    cloud.instanceMetadata('node-9', (r) => answers.push(r.ok ? 'found' : r.error));
    engine.runUntilIdle();
    expect(answers).toEqual(['kubearch://node-4 kubearch-1a 10.0.0.14,198.51.100.14,node-4', 'instance not found']);
  });

  it('takes LOAD_BALANCER_PROVISION_MS for a new load balancer, hands out 203.0.113.1 up, and says when the pool is empty', () => {
    const engine = new Engine({ seed: 1 });
    const cloud = new SimulatedCloud(engine, []);
    const results: CloudResult<LoadBalancer>[] = [];
    for (let i = 0; i < 255; i++) cloud.ensureLoadBalancer(defaultLoadBalancerName(`uid-${i}`), `default/s${i}`, [], [], (r) => results.push(r));
    engine.runUntil(LOAD_BALANCER_PROVISION_MS - 1);
    expect(results).toHaveLength(0);
    engine.runUntilIdle();
    expect(results[0]).toMatchObject({ ok: true, value: { ip: '203.0.113.1' } });
    expect(results[253]).toMatchObject({ ok: true, value: { ip: '203.0.113.254' } });
    expect(results[254]).toEqual({ ok: false, error: 'no free address in 203.0.113.0/24' });
    expect(defaultLoadBalancerName('8d6f-4c1e-9a57-3b2d0e1f4a6c-ffff-eeee')).toBe('a8d6f4c1e9a573b2d0e1f4a6cffffeee');
  });
});
