/** framework.Resource: extended resources stay each Resource's own (they start from one shared empty map). */
import { describe, expect, it } from 'vitest';
import { Resource } from './resource';

describe('Resource scalar resources', () => {
  it('setting, adding or maxing one into a resource leaves every other resource without it', () => {
    const a = new Resource();
    const b = new Resource();
    a.set('nvidia.com/gpu', 2);
    expect([a.get('nvidia.com/gpu'), b.get('nvidia.com/gpu')]).toEqual([2, 0]);
    const sum = new Resource();
    sum.add(a);
    sum.add(a, -1);
    const max = new Resource();
    max.setMax(a);
    const copy = a.clone();
    copy.set('nvidia.com/gpu', 5);
    expect([sum.get('nvidia.com/gpu'), max.get('nvidia.com/gpu'), a.get('nvidia.com/gpu'), copy.get('nvidia.com/gpu')]).toEqual([0, 2, 2, 5]);
    expect([new Resource().scalarResources.size, Resource.fromList({ cpu: '1' }).scalarResources.size]).toEqual([0, 0]);
  });
});
