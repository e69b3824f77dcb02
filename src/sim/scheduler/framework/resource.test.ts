/** framework.Resource: extended resources stay each Resource's own (they start from one shared empty map). */
import { describe, expect, it } from 'vitest';
import { podRequests, Resource } from './resource';
import type { V1Pod } from './v1';

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

describe('podRequests memo', () => {
  it('gives what a fresh copy of the pod gives, for versions that share or swap containers, init containers and overhead', () => {
    const containers = [{ name: 'a', image: 'x', resources: { requests: { cpu: '250m', memory: '64Mi' } } }, { name: 'b', image: 'y' }];
    const init = [{ name: 'i', image: 'z', resources: { requests: { cpu: '2' } } }];
    const sidecar = [{ name: 's', image: 'z', restartPolicy: 'Always', resources: { requests: { memory: '1Gi' } } }];
    const pod = (spec: V1Pod['spec']): V1Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec });
    const fresh = (p: V1Pod, nonZero: boolean) => podRequests(structuredClone(p), nonZero);
    const versions: V1Pod[] = [
      pod({ containers }),
      pod({ containers, nodeName: 'n1' }),
      pod({ containers, initContainers: init }),
      pod({ containers, initContainers: sidecar, overhead: { cpu: '100m' } }),
      pod({ containers, initContainers: sidecar }),
      pod({ containers }),
      pod({ containers: [...containers], overhead: { memory: '1Mi' } }),
    ];
    for (let round = 0; round < 2; round++) {
      for (const v of versions) {
        for (const nonZero of [false, true]) expect(podRequests(v, nonZero)).toEqual(fresh(v, nonZero));
      }
    }
  });
});
