import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { etcdKey, findResource, resourceForKind } from './resources';

const vectors = JSON.parse(readFileSync('reference/vectors/etcd-keys.json', 'utf8')) as {
  examples: { resource: string; ns?: string; name: string; key: string }[];
};

describe('etcd keys (reference/vectors/etcd-keys.json)', () => {
  const served = vectors.examples.filter((e) => findResource(e.resource) !== undefined && !e.resource.includes('('));
  it('covers most examples', () => expect(served.length).toBeGreaterThanOrEqual(10));
  it.each(served.map((e) => [e.resource, e.ns ?? '', e.name, e.key]))('%s %s/%s is stored at %s', (resource, ns, name, key) => {
    const info = findResource(resource);
    expect(info && etcdKey(info, ns, name)).toBe(key);
  });
});

describe('findResource', () => {
  it.each([
    ['po', 'pods'],
    ['pod', 'pods'],
    ['Pod', 'pods'],
    ['deploy', 'deployments'],
    ['deployments.apps', 'deployments'],
    ['svc', 'services'],
    ['no', 'nodes'],
    ['clusterroles.rbac.authorization.k8s.io', 'clusterroles'],
    ['deployment.v1.apps', 'deployments'],
    ['pods.v1.', 'pods'],
    ['clusterroles.v1.rbac.authorization.k8s.io', 'clusterroles'],
  ])('%s is %s', (typed, plural) => expect(findResource(typed)?.resource).toBe(plural));
  it('does not know made-up resources', () => {
    expect(findResource('widgets')).toBeUndefined();
    expect(findResource('pods.apps')).toBeUndefined();
    expect(findResource('deployments.v2.apps')).toBeUndefined();
  });
});

describe('findResource and resourceForKind keep their answers', () => {
  it('answer the same before and after their memo fills with names typed wrong', () => {
    const asked = ['pods', 'po', 'deploy', 'deployment.v1.apps', 'deployments.apps', 'nope', 'Pod', 'hpa'];
    const before = asked.map((name) => findResource(name)?.resource);
    const kindBefore = resourceForKind('apps/v1', 'Deployment')?.resource;
    for (let i = 0; i < 3000; i++) {
      findResource(`typo${i}`);
      resourceForKind('v1', `Typo${i}`);
    }
    expect(asked.map((name) => findResource(name)?.resource)).toEqual(before);
    expect(before).toEqual(['pods', 'pods', 'deployments', 'deployments', 'deployments', undefined, 'pods', 'horizontalpodautoscalers']);
    expect([kindBefore, resourceForKind('apps/v1', 'Deployment')?.resource, resourceForKind('v1', 'Nope')]).toEqual(['deployments', 'deployments', undefined]);
  });
});
