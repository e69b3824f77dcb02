import { describe, expect, it } from 'vitest';
import { admissionAttributes } from '../fake-admission-context';
import { taintNodesByCondition } from './admission';

describe('TaintNodesByCondition', () => {
  it('taints new nodes not-ready:NoSchedule once', () => {
    const plugin = taintNodesByCondition();
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } };
    const tainted = plugin.admit?.(admissionAttributes('CREATE', 'nodes', node), {} as never);
    expect(tainted?.['spec']).toEqual({ taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] });
    expect(plugin.admit?.(admissionAttributes('CREATE', 'nodes', tainted), {} as never)).toBeUndefined();
  });
});
