import { describe, expect, it } from 'vitest';
import { defaultAdmissionPlugins, taintNodesByCondition } from './index';
import { admissionAttributes } from './fake-admission-context';

describe('defaultAdmissionPlugins', () => {
  it('lists the implemented default-on plugins in AllOrderedPlugins order, ResourceQuota last', () => {
    expect(defaultAdmissionPlugins().map((p) => p.name)).toEqual(['NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'TaintNodesByCondition', 'PodSecurity', 'Priority', 'DefaultTolerationSeconds', 'ResourceQuota']);
  });

  it('TaintNodesByCondition taints new nodes not-ready:NoSchedule once', () => {
    const plugin = taintNodesByCondition();
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } };
    const tainted = plugin.admit?.(admissionAttributes('CREATE', 'nodes', node), {} as never);
    expect(tainted?.['spec']).toEqual({ taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] });
    expect(plugin.admit?.(admissionAttributes('CREATE', 'nodes', tainted), {} as never)).toBeUndefined();
  });
});
