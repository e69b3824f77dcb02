/** The payload each volume plugin writes, and the plugins' errors. */
import { describe, expect, it } from 'vitest';
import type { Pod, Volume } from 'kubernetes-types/core/v1';
import type { CachedObject } from '../object-manager';
import { formatMap, volumePayload, type VolumeSources } from './volume-contents';

const objects: Record<string, CachedObject> = {
  'configmaps/special-config': { state: 'present', data: { SPECIAL_LEVEL: 'very', SPECIAL_TYPE: 'charm' }, resourceVersion: '1' },
  'secrets/test-secret': { state: 'present', data: { username: 'my-app', password: '39528$vdg7Jb' }, resourceVersion: '2' },
  'configmaps/loading': { state: 'pending' },
};
const sources: VolumeSources = {
  configMap: (_ns, name) => objects[`configmaps/${name}`],
  secret: (_ns, name) => objects[`secrets/${name}`],
  podIP: '10.244.1.2',
  hostIP: '10.0.0.11',
  nodeAllocatable: { cpu: 2000, memory: 4 * 1024 ** 3 },
};
const pod: Pod = {
  metadata: { name: 'p', namespace: 'default', labels: { zone: 'us-est-coast', cluster: 'test-cluster1' }, annotations: { note: 'say "hi"\nbye' } },
  spec: { containers: [{ name: 'client-container', resources: { limits: { cpu: '250m', memory: '64Mi' } } }] },
};
const files = (v: Volume) => {
  const r = volumePayload(pod, v, sources);
  return 'files' in r ? Object.fromEntries(r.files) : r;
};

describe('volume payloads', () => {
  it('a ConfigMap: every key, or the items under their paths', () => {
    expect(files({ name: 'c', configMap: { name: 'special-config' } })).toEqual({ SPECIAL_LEVEL: 'very', SPECIAL_TYPE: 'charm' });
    expect(files({ name: 'c', configMap: { name: 'special-config', items: [{ key: 'SPECIAL_LEVEL', path: 'keys' }] } })).toEqual({ keys: 'very' });
  });

  it('a Secret, decoded; a projected volume combines its sources', () => {
    expect(files({ name: 's', secret: { secretName: 'test-secret' } })).toEqual({ username: 'my-app', password: '39528$vdg7Jb' });
    const projected = files({
      name: 'all',
      projected: {
        sources: [
          { configMap: { name: 'special-config', items: [{ key: 'SPECIAL_TYPE', path: 'type' }] } },
          { secret: { name: 'test-secret', items: [{ key: 'username', path: 'user' }] } },
          { downwardAPI: { items: [{ path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } },
        ],
      },
    });
    expect(projected).toEqual({ type: 'charm', user: 'my-app', name: 'p' });
  });

  it('the downward API writes labels and annotations as sorted key="value" lines (Go %q)', () => {
    expect(
      files({
        name: 'podinfo',
        downwardAPI: {
          items: [
            { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
            { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
            { path: 'cpu_limit', resourceFieldRef: { containerName: 'client-container', resource: 'limits.cpu', divisor: '1m' } },
          ],
        },
      }),
    ).toEqual({ labels: 'cluster="test-cluster1"\nzone="us-est-coast"', annotations: 'note="say \\"hi\\"\\nbye"', cpu_limit: '250' });
    expect(formatMap(undefined)).toBe('');
  });

  it.each([
    [{ name: 'c', configMap: { name: 'nope' } }, 'configmap "nope" not found'],
    [{ name: 'c', configMap: { name: 'special-config', items: [{ key: 'nope', path: 'x' }] } }, 'configmap references non-existent config key: nope'],
    [{ name: 's', secret: { secretName: 'nope' } }, 'secret "nope" not found'],
    [{ name: 's', secret: { secretName: 'test-secret', items: [{ key: 'nope', path: 'x' }] } }, 'references non-existent secret key: nope'],
    [{ name: 'd', downwardAPI: { items: [{ path: 'x', fieldRef: { fieldPath: 'spec.nope' } }] } }, 'unsupported fieldPath: spec.nope'],
    [{ name: 'p', projected: { sources: [{ configMap: { name: 'nope' } }] } }, 'configmap "nope" not found'],
    [{ name: 'p', projected: { sources: [{ configMap: { name: 'nope' } }, { secret: { name: 'nope' } }] } }, '[configmap "nope" not found, secret "nope" not found]'],
  ] as [Volume, string][])('%j fails: %s', (v, error) => {
    expect(volumePayload(pod, v, sources)).toEqual({ error });
  });

  it('optional sources that are missing give an empty volume; a watch not yet answered is pending', () => {
    expect(files({ name: 'c', configMap: { name: 'nope', optional: true } })).toEqual({});
    expect(files({ name: 'c', configMap: { name: 'special-config', optional: true, items: [{ key: 'nope', path: 'x' }] } })).toEqual({});
    expect(files({ name: 's', secret: { secretName: 'nope', optional: true } })).toEqual({});
    expect(volumePayload(pod, { name: 'c', configMap: { name: 'loading' } }, sources)).toEqual({ pending: true });
    expect(volumePayload(pod, { name: 'p', projected: { sources: [{ configMap: { name: 'nope' } }, { configMap: { name: 'loading' } }] } }, sources)).toEqual({ pending: true });
    expect(files({ name: 'e', emptyDir: {} })).toEqual({});
  });
});
