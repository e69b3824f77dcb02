/** NodePorts (node_ports_test.go TestNodePorts): host port conflicts, 0.0.0.0 against every address. */
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import { NodeInfo } from '../../framework/types';
import type { V1Pod } from '../../framework/v1';
import { makeNode, makePod } from '../../testing/wrappers';
import { NodePorts } from './node-ports';

function withPort(port: number, hostIP?: string, protocol = 'TCP', nodeName?: string): V1Pod {
  const pod = makePod({ ...(nodeName ? { nodeName } : {}) });
  pod.spec?.containers?.push({ name: 'c', ports: [{ containerPort: port, hostPort: port, protocol, ...(hostIP ? { hostIP } : {}) }] });
  return pod;
}

describe('NodePorts', () => {
  it.each([
    ['nothing running', withPort(8080), [], null],
    ['other port', withPort(8080), [withPort(9090, undefined, 'TCP', 'n')], null],
    ['same port', withPort(8080), [withPort(8080, undefined, 'TCP', 'n')], "node(s) didn't have free ports for the requested pod ports"],
    ['same port, other protocol', withPort(8080, undefined, 'UDP'), [withPort(8080, undefined, 'TCP', 'n')], null],
    ['wildcard against a specific address', withPort(8080), [withPort(8080, '127.0.0.1', 'TCP', 'n')], "node(s) didn't have free ports for the requested pod ports"],
    ['two different addresses', withPort(8080, '127.0.0.2'), [withPort(8080, '127.0.0.1', 'TCP', 'n')], null],
  ])('%s', (_n, pod, existing, reason) => {
    const pl = new NodePorts();
    const state = new CycleState();
    pl.preFilter(state, pod);
    const s = pl.filter(state, pod, new NodeInfo(makeNode({ name: 'n' }), ...existing));
    expect(s && [s.code, ...s.reasons]).toEqual(reason ? ['Unschedulable', reason] : null);
  });

  it('a pod without host ports skips the plugin', () => {
    expect(new NodePorts().preFilter(new CycleState(), makePod())[1]?.code).toBe('Skip');
  });
});
