import { describe, expect, it } from 'vitest';
import { defaultAdmissionPlugins } from './index';

describe('defaultAdmissionPlugins', () => {
  it('lists the implemented default-on plugins in AllOrderedPlugins order, ResourceQuota last', () => {
    expect(defaultAdmissionPlugins().map((p) => p.name)).toEqual(['NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'TaintNodesByCondition', 'PodSecurity', 'Priority', 'DefaultTolerationSeconds', 'ResourceQuota']);
  });
});
