/**
 * The kubelet's ConfigMap/Secret managers and volume manager in a real cluster: a missing
 * ConfigMap keeps the pod ContainerCreating with FailedMount, the pod starts once it exists,
 * updates reach the files at the next periodic sync (never the env), a deleted object leaves
 * the files and says FailedMount, and a removed pod leaves nothing on the node's disk.
 */
import { describe, expect, it } from 'vitest';
import { call, startedCluster, userClient, type Cluster } from '../../../testing/test-cluster';
import { makeConfigMap, makePod } from '../../../testing/builders';
import type { RestClient } from '../../../client/rest-client';

interface PodLike {
  status: { phase: string; containerStatuses?: { state: { waiting?: { reason: string; message?: string } } }[] };
}
interface EventLike {
  reason: string;
  message: string;
  count?: number;
  involvedObject: { name: string };
}

const CM = '/api/v1/namespaces/default/configmaps';
const PODS = '/api/v1/namespaces/default/pods';

function podWith(name: string, extra: { env?: object[]; volumes?: object[]; mounts?: object[] }) {
  return makePod({
    name,
    namespace: 'default',
    nodeName: 'node-1',
    containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], ...(extra.env ? { env: extra.env } : {}), ...(extra.mounts ? { volumeMounts: extra.mounts } : {}) }],
    spec: extra.volumes ? { volumes: extra.volumes } : {},
  });
}

function setup(): { cluster: Cluster; admin: RestClient } {
  const cluster = startedCluster();
  return { cluster, admin: userClient(cluster) };
}

const pod = (c: Cluster, a: RestClient, name: string) => call(c, a, 'GET', `${PODS}/${name}`).body as PodLike;
const events = (c: Cluster, a: RestClient, name: string) => (call(c, a, 'GET', '/api/v1/namespaces/default/events').body as { items: EventLike[] }).items.filter((e) => e.involvedObject.name === name);

/** Run a command in the pod's running container on node-1. */
function exec(cluster: Cluster, name: string, argv: string[]): string {
  const runtime = cluster.kubelets[0]?.runtime;
  const c = runtime?.listContainers({ state: 'CONTAINER_RUNNING' }).find((x) => x.labels['io.kubernetes.pod.name'] === name);
  if (!runtime || !c) throw new Error(`${name} is not running`);
  const r = runtime.execSync(c.id, argv);
  if ('error' in r) throw new Error(r.error);
  return r.output;
}

describe('ConfigMap and Secret volumes', () => {
  it('a missing ConfigMap: ContainerCreating and FailedMount with back-off, then Running once it is created', () => {
    const { cluster, admin } = setup();
    call(cluster, admin, 'POST', PODS, { body: podWith('vol', { volumes: [{ name: 'config', configMap: { name: 'special-config' } }], mounts: [{ name: 'config', mountPath: '/etc/config' }] }) });
    cluster.engine.runFor(20_000);
    const p = pod(cluster, admin, 'vol');
    expect(p.status.phase).toBe('Pending');
    expect(p.status.containerStatuses?.[0]?.state.waiting?.reason).toBe('ContainerCreating');
    const failed = events(cluster, admin, 'vol').filter((e) => e.reason === 'FailedMount');
    expect(failed.map((e) => e.message)).toEqual(['MountVolume.SetUp failed for volume "config" : configmap "special-config" not found']);
    // 0, 0.5, 1.5, 3.5, 7.5 and 15.5 s: the operation executor's doubling back-off.
    expect(failed[0]?.count).toBe(6);
    expect(cluster.kubelets[0]?.runtime.listPodSandbox()).toEqual([]);

    call(cluster, admin, 'POST', CM, { body: makeConfigMap('special-config', { 'special.how': 'very' }) });
    cluster.engine.runFor(20_000);
    expect(pod(cluster, admin, 'vol').status.phase).toBe('Running');
    expect(exec(cluster, 'vol', ['ls', '/etc/config'])).toBe('special.how\n');
    expect(exec(cluster, 'vol', ['cat', '/etc/config/special.how'])).toBe('very\n');
  });

  it('an update reaches the files at the next sync, not the env; a deleted ConfigMap leaves them and says FailedMount', () => {
    const { cluster, admin } = setup();
    call(cluster, admin, 'POST', CM, { body: makeConfigMap('special-config', { level: 'very' }) });
    call(cluster, admin, 'POST', PODS, {
      body: podWith('watcher', {
        env: [{ name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'special-config', key: 'level' } } }],
        volumes: [{ name: 'config', configMap: { name: 'special-config' } }],
        mounts: [{ name: 'config', mountPath: '/etc/config' }],
      }),
    });
    cluster.engine.runFor(5_000);
    expect(exec(cluster, 'watcher', ['cat', '/etc/config/level'])).toBe('very\n');
    const patch = call(cluster, admin, 'PATCH', `${CM}/special-config`, { body: { data: { level: 'extremely' } }, contentType: 'application/merge-patch+json' });
    expect(patch.code).toBe(200);
    cluster.engine.runFor(1_000);
    expect(exec(cluster, 'watcher', ['cat', '/etc/config/level'])).toBe('very\n');
    cluster.engine.runFor(60_000);
    expect(exec(cluster, 'watcher', ['cat', '/etc/config/level'])).toBe('extremely\n');
    expect(exec(cluster, 'watcher', ['printenv', 'LEVEL'])).toBe('very\n');

    expect(call(cluster, admin, 'DELETE', `${CM}/special-config`).code).toBe(200);
    cluster.engine.runFor(61_000);
    expect(exec(cluster, 'watcher', ['cat', '/etc/config/level'])).toBe('extremely\n');
    expect(events(cluster, admin, 'watcher').filter((e) => e.reason === 'FailedMount').map((e) => e.message)).toEqual(['MountVolume.SetUp failed for volume "config" : configmap "special-config" not found']);
  });

  it('the kubelet lists and watches each object by name, as the Node authorizer allows', () => {
    const { cluster, admin } = setup();
    call(cluster, admin, 'POST', CM, { body: makeConfigMap('special-config', { level: 'very' }) });
    call(cluster, admin, 'POST', PODS, { body: podWith('env', { env: [{ name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'special-config', key: 'level' } } }] }) });
    cluster.engine.runFor(5_000);
    const reads = cluster.apiserver.audit
      .recent(10_000)
      .filter((r) => r.user?.name === 'system:node:node-1' && r.objectRef?.resource === 'configmaps')
      .map((r) => `${r.verb} ${r.objectRef?.name} ${r.responseStatus?.code}`);
    expect(new Set(reads)).toEqual(new Set(['list special-config 200', 'watch special-config 200']));
    expect(exec(cluster, 'env', ['printenv', 'LEVEL'])).toBe('very\n');
  });

  it('env from a missing Secret key: CreateContainerConfigError with the kubelet message, started once the key exists', () => {
    const { cluster, admin } = setup();
    const secret = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, data });
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/secrets', { body: secret({ other: 'eA==' }) });
    call(cluster, admin, 'POST', PODS, { body: podWith('env', { env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } }] }) });
    cluster.engine.runFor(5_000);
    expect(pod(cluster, admin, 'env').status.containerStatuses?.[0]?.state.waiting).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key password in Secret default/creds" });
    expect(events(cluster, admin, 'env').find((e) => e.reason === 'Failed')?.message).toBe("Error: couldn't find key password in Secret default/creds");
    call(cluster, admin, 'PUT', '/api/v1/namespaces/default/secrets/creds', { body: secret({ password: 'czNjcjN0' }) });
    cluster.engine.runFor(15_000);
    expect(pod(cluster, admin, 'env').status.phase).toBe('Running');
    expect(exec(cluster, 'env', ['printenv', 'PASSWORD'])).toBe('s3cr3t\n');
  });

  it('emptyDir is shared by the containers of a pod and gone with the pod', () => {
    const { cluster, admin } = setup();
    const body = makePod({
      name: 'two',
      namespace: 'default',
      nodeName: 'node-1',
      containers: [
        { name: 'a', image: 'busybox:1.36', command: ['sh', '-c', 'echo from-a > /shared/f; sleep 3600'], volumeMounts: [{ name: 'data', mountPath: '/shared' }] },
        { name: 'b', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], volumeMounts: [{ name: 'data', mountPath: '/other', readOnly: true }] },
        {
          name: 'c',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'echo per-pod > /logs/hello.txt; sleep 3600'],
          env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          volumeMounts: [{ name: 'data', mountPath: '/logs', subPathExpr: '$(POD_NAME)' }],
        },
      ],
      spec: { volumes: [{ name: 'data', emptyDir: {} }] },
    });
    call(cluster, admin, 'POST', PODS, { body });
    cluster.engine.runFor(5_000);
    const runtime = cluster.kubelets[0]?.runtime;
    const b = runtime?.listContainers({ state: 'CONTAINER_RUNNING' }).find((c) => c.metadata.name === 'b');
    if (!runtime || !b) throw new Error('b is not running');
    expect(runtime.execSync(b.id, ['cat', '/other/f'])).toMatchObject({ stdout: 'from-a\n', exitCode: 0 });
    expect(runtime.execSync(b.id, ['sh', '-c', 'echo x > /other/g'])).toMatchObject({ stderr: "sh: can't create /other/g: Read-only file system\n", exitCode: 1 });
    // subPathExpr: the entry named by the container's env ($(POD_NAME) -> two/).
    expect(runtime.execSync(b.id, ['cat', '/other/two/hello.txt'])).toMatchObject({ stdout: 'per-pod\n', exitCode: 0 });
    const uid = (call(cluster, admin, 'GET', `${PODS}/two`).body as { metadata: { uid: string } }).metadata.uid;
    expect(runtime.disk.paths()).toContain(`/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~empty-dir/data`);
    call(cluster, admin, 'DELETE', `${PODS}/two`, { body: { gracePeriodSeconds: 0 } });
    cluster.engine.runFor(5_000);
    expect(runtime.disk.paths().filter((p) => p.includes(uid))).toEqual([]);
  });
});
