import { describe, expect, it } from 'vitest';
import { threeWayMergePatch, type Json } from './strategic-patch';

const pod = (labels: Record<string, string>, containers: { name: string; image: string }[]) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels }, spec: { containers } });

describe('CreateThreeWayMergePatch (kubectl apply)', () => {
  it('is empty when the manifest did not change and the live object agrees', () => {
    const m = pod({ app: 'web' }, [{ name: 'nginx', image: 'nginx' }]);
    const live = { ...m, metadata: { ...m.metadata, uid: 'u', resourceVersion: '5' }, status: { phase: 'Pending' } };
    expect(threeWayMergePatch(m, m, live)).toEqual({});
  });

  it('sets changed fields and nulls fields removed from the manifest, leaving fields others added', () => {
    const original = pod({ app: 'web', tier: 'front' }, [{ name: 'nginx', image: 'nginx' }]);
    const modified = pod({ app: 'web' }, [{ name: 'nginx', image: 'nginx' }]);
    const live = { ...original, metadata: { ...original.metadata, labels: { app: 'web', tier: 'front', added: 'by-someone' } } };
    expect(threeWayMergePatch(original, modified, live)).toEqual({ metadata: { labels: { tier: null } } });
  });

  it('patches list items by merge key with $setElementOrder, and deletes removed items with $patch', () => {
    const original = pod({}, [
      { name: 'a', image: 'nginx' },
      { name: 'b', image: 'redis' },
    ]);
    const modified = pod({}, [{ name: 'a', image: 'nginx:1.25' }]);
    expect(threeWayMergePatch(original, modified, original)).toEqual({
      spec: {
        '$setElementOrder/containers': [{ name: 'a' }],
        containers: [
          { image: 'nginx:1.25', name: 'a' },
          { $patch: 'delete', name: 'b' },
        ],
      },
    });
  });

  it('sends $retainKeys for a Deployment strategy and pod-spec volumes, so that defaulted siblings go', () => {
    const deployment = (strategy: Json, volume: Json) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { strategy, template: { spec: { volumes: [volume] } } } });
    const live = deployment({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } }, { name: 'v', emptyDir: {} });
    const modified = deployment({ type: 'Recreate' }, { name: 'v', hostPath: { path: '/data' } });
    expect(threeWayMergePatch(deployment({ type: 'RollingUpdate' }, { name: 'v' }), modified, live)).toEqual({
      spec: {
        strategy: { $retainKeys: ['type'], type: 'Recreate' },
        template: { spec: { '$setElementOrder/volumes': [{ name: 'v' }], volumes: [{ $retainKeys: ['hostPath', 'name'], hostPath: { path: '/data' }, name: 'v' }] } },
      },
    });
  });
});
