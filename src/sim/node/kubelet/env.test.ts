/** makeEnvironmentVariables and the $(VAR) expansion, with every error the kubelet gives. */
import { describe, expect, it } from 'vitest';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { expand, expandCommandAndArgs, makeEnvironmentVariables, makeEnvironmentVariablesMapped, type EnvLookup } from './env';
import type { CachedObject } from './object-manager';

const objects: Record<string, CachedObject> = {
  'configmaps/special-config': { state: 'present', data: { SPECIAL_LEVEL: 'very', SPECIAL_TYPE: 'charm' }, resourceVersion: '1' },
  'secrets/db-user': { state: 'present', data: { 'db-username': 'db-admin' }, resourceVersion: '2' },
  'configmaps/loading': { state: 'pending' },
  'configmaps/gone': { state: 'absent' },
};
const lookup: EnvLookup = {
  configMap: (_ns, name) => objects[`configmaps/${name}`],
  secret: (_ns, name) => objects[`secrets/${name}`],
};
const pod = (container: Container): Pod => ({
  metadata: { name: 'p', namespace: 'default', uid: 'u-1', labels: { app: 'web' }, annotations: { build: 'two' } },
  spec: { nodeName: 'node-1', serviceAccountName: 'default', containers: [container] },
});
function env(container: Container): Record<string, string> | string {
  const r = makeEnvironmentVariables(pod(container), container, '10.244.1.2', '10.0.0.11', lookup, { cpu: 2000, memory: 4 * 1024 ** 3 });
  return 'error' in r ? r.error : Object.fromEntries(r.env);
}

describe('expand (expansion.Expand)', () => {
  const vars = new Map([
    ['A', 'x'],
    ['B', 'y'],
  ]);
  it.each([
    ['$(A)-$(B)', 'x-y'],
    ['$$(A)', '$(A)'],
    ['$$$(A)', '$x'],
    ['$(NOPE)', '$(NOPE)'],
    ['$(A', '$(A'],
    ['$A $', '$A $'],
    ['no refs', 'no refs'],
  ])('%s -> %s', (input, output) => {
    expect(expand(input, (n) => vars.get(n))).toBe(output);
  });
});

describe('makeEnvironmentVariables', () => {
  it('resolves ConfigMap and Secret keys, envFrom with a prefix, and dependent values in order', () => {
    const e = env({
      name: 'c',
      envFrom: [{ configMapRef: { name: 'special-config' }, prefix: 'CFG_' }],
      env: [
        { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'special-config', key: 'SPECIAL_LEVEL' } } },
        { name: 'DB', valueFrom: { secretKeyRef: { name: 'db-user', key: 'db-username' } } },
        { name: 'EARLY', value: '$(LATE)/$(LEVEL)' },
        { name: 'LATE', value: 'late' },
        { name: 'API', value: 'https://$(KUBERNETES_SERVICE_HOST)' },
      ],
    });
    expect(e).toMatchObject({ CFG_SPECIAL_LEVEL: 'very', CFG_SPECIAL_TYPE: 'charm', LEVEL: 'very', DB: 'db-admin', EARLY: '$(LATE)/very', LATE: 'late', API: 'https://10.96.0.1' });
  });

  it('the downward API: pod fields, labels by key, IPs, resources with a divisor', () => {
    const e = env({
      name: 'c',
      resources: { requests: { cpu: '125m', memory: '32Mi' }, limits: { cpu: '250m', memory: '64Mi' } },
      env: [
        { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'UID', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
        { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        { name: 'BUILD', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['build']" } } },
        { name: 'IPS', valueFrom: { fieldRef: { fieldPath: 'status.podIPs' } } },
        { name: 'HOST', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'requests.cpu' } } },
        { name: 'CPU_M', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
        { name: 'MEM_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
      ],
    });
    expect(e).toMatchObject({ NODE: 'node-1', UID: 'u-1', APP: 'web', BUILD: 'two', IPS: '10.244.1.2', HOST: '10.0.0.11', CPU: '1', CPU_M: '250', MEM_MI: '64' });
  });

  it.each([
    [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }, 'configmap "nope" not found'],
    [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'gone', key: 'k' } } }, 'configmap "gone" not found'],
    [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'special-config', key: 'k' } } }, "couldn't find key k in ConfigMap default/special-config"],
    [{ name: 'X', valueFrom: { secretKeyRef: { name: 'nope', key: 'k' } } }, 'secret "nope" not found'],
    [{ name: 'X', valueFrom: { secretKeyRef: { name: 'db-user', key: 'k' } } }, "couldn't find key k in Secret default/db-user"],
    [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'loading', key: 'k' } } }, 'failed to sync configmap cache: timed out waiting for the condition'],
    [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.nope' } } }, 'unsupported fieldPath: spec.nope'],
  ])('env %j fails: %s', (e, message) => {
    expect(env({ name: 'c', env: [e] })).toBe(message);
  });

  it.each([
    [{ configMapRef: { name: 'nope' } }, 'configmap "nope" not found'],
    [{ secretRef: { name: 'nope' } }, 'secret "nope" not found'],
  ])('envFrom %j fails: %s', (from, message) => {
    expect(env({ name: 'c', envFrom: [from] })).toBe(message);
  });

  it('optional references that are missing are left out; a pending optional one still waits', () => {
    const e = env({
      name: 'c',
      envFrom: [{ configMapRef: { name: 'nope', optional: true } }, { secretRef: { name: 'nope', optional: true } }],
      env: [
        { name: 'A', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k', optional: true } } },
        { name: 'B', valueFrom: { configMapKeyRef: { name: 'special-config', key: 'k', optional: true } } },
        { name: 'C', valueFrom: { secretKeyRef: { name: 'db-user', key: 'k', optional: true } } },
      ],
    });
    expect(typeof e === 'object' && ['A', 'B', 'C'].some((k) => k in e)).toBe(false);
    expect(env({ name: 'c', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'loading', key: 'k', optional: true } } }] })).toMatch(/failed to sync/);
  });

  it('expands command and args from the environment ($$ escapes); untouched when nothing refers', () => {
    const c: Container = { name: 'c', command: ['/bin/echo', '$(MESSAGE)'], args: ['$$(MESSAGE)', '$(NOPE)'] };
    expect(expandCommandAndArgs(c, [['MESSAGE', 'hello world']])).toEqual({ command: ['/bin/echo', 'hello world'], args: ['$(MESSAGE)', '$(NOPE)'] });
    const plain: Container = { name: 'c', command: ['sleep'], args: ['10'] };
    expect(expandCommandAndArgs(plain, [])).toEqual({ command: plain.command, args: plain.args });
  });
});

describe('the plain environment (no env, no envFrom)', () => {
  it('is the list the map gives, in its order', () => {
    const container: Container = { name: 'c', image: 'nginx' };
    const cases: Pod[] = [];
    for (const namespace of ['default', 'team-a', undefined])
      for (const enableServiceLinks of [undefined, true, false])
        for (const hostname of [undefined, 'custom'])
          for (const c of [container, { ...container, env: [] }, { ...container, envFrom: [] }, { ...container, env: [], envFrom: [] }])
            cases.push({ metadata: { name: 'web-1', ...(namespace ? { namespace } : {}) }, spec: { containers: [c], ...(enableServiceLinks === undefined ? {} : { enableServiceLinks }), ...(hostname ? { hostname } : {}) } });
    for (const p of cases) {
      const c = (p.spec?.containers ?? [])[0] as Container;
      const plain = makeEnvironmentVariables(p, c, '10.244.1.2', '10.0.0.11', lookup, { cpu: 2000, memory: 4 * 1024 ** 3 });
      const mapped = makeEnvironmentVariablesMapped(p, c, '10.244.1.2', '10.0.0.11', lookup, { cpu: 2000, memory: 4 * 1024 ** 3 });
      expect(plain).toEqual(mapped);
    }
    expect(cases.length).toBe(72);
  });
});
