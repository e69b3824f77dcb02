import { describe, expect, it } from 'vitest';
import { resourcesAndPairs } from './pairs';

describe('GetResourcesAndPairs and ParsePairs', () => {
  it('splits resources from the pairs that follow them', () => {
    expect(resourcesAndPairs(['deployment', 'web', 'a=b', 'c=d=e'], 'image')).toEqual({ resources: ['deployment', 'web'], pairs: new Map([['a', 'b'], ['c', 'd=e']]), removals: [] });
  });
  it('takes KEY- as a removal only where removal is allowed', () => {
    expect(resourcesAndPairs(['pod/x', 'A-'], 'env', true)).toEqual({ resources: ['pod/x'], pairs: new Map(), removals: ['A'] });
    expect(resourcesAndPairs(['pod/x', 'A-'], 'image')).toEqual({ error: 'invalid image format: A-' });
  });
  it('refuses a resource after a pair; a leading = is a resource', () => {
    expect(resourcesAndPairs(['pod/x', 'a=b', 'pod/y'], 'image')).toEqual({ error: 'all resources must be specified before image changes: pod/y' });
    expect(resourcesAndPairs(['=x'], 'image')).toEqual({ resources: ['=x'], pairs: new Map(), removals: [] });
  });
});
