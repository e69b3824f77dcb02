/**
 * The runtime behind the CRI and crictl's view of it: pulls (time from size, the flavours'
 * not-found texts), sandboxes with IPs from the pod CIDR, stop with SIGTERM then SIGKILL, and
 * the crictl tables against reference/vectors/kubelet-lifecycle.json's crictl examples.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine';
import { ContainerRuntime } from './container-runtime';
import { isCriError, type ContainerConfig } from './cri';
import { crictlImages, crictlInspect, crictlLogs, crictlPods, crictlPs, crictlVersion, humanDuration, humanSize, resolveContainerId } from './crictl-format';
import { initialNode } from '../node-object';
import { applyDefaultImageTag, parseImageRef } from './image-ref';
import type { RuntimeFlavourName } from './flavours';

const here = dirname(fileURLToPath(import.meta.url));
const CRICTL = (JSON.parse(readFileSync(join(here, '../../../../reference/vectors/kubelet-lifecycle.json'), 'utf8')) as { crictl: Record<string, string> }).crictl;

function runtimeWith(flavour: RuntimeFlavourName, images: Record<string, number> = {}) {
  const engine = new Engine({ seed: 3 });
  return { engine, runtime: new ContainerRuntime(engine, { flavour, podCIDR: '10.244.1.0/24', preloadedImages: images }) };
}

function answer<T>(engine: Engine, call: (done: (r: T) => void) => void): T {
  let result: T | undefined;
  call((r) => (result = r));
  while (result === undefined && engine.step());
  if (result === undefined) throw new Error('no answer');
  return result;
}

/** Run one pod with one container, as the kubelet would. */
function runPod(engine: Engine, runtime: ContainerRuntime, image: string, command: string[] = []) {
  const sandbox = answer<string | { error: string }>(engine, (d) => runtime.runPodSandbox({ metadata: { name: 'web-1', namespace: 'default', uid: 'u1', attempt: 0 }, hostname: 'web-1', labels: {} }, d));
  if (typeof sandbox !== 'string') throw new Error(sandbox.error);
  const imageId = runtime.imageStatus(image)?.id ?? '';
  const config: ContainerConfig = { metadata: { name: 'nginx', attempt: 0 }, image: imageId, command, args: [], envs: [], labels: { 'io.kubernetes.pod.name': 'web-1', 'io.kubernetes.pod.namespace': 'default', 'io.kubernetes.pod.uid': 'u1' }, annotations: {} };
  const id = answer<string | { error: string }>(engine, (d) => runtime.createContainer(sandbox, config, d));
  if (typeof id !== 'string') throw new Error(id.error);
  answer(engine, (d) => runtime.startContainer(id, d));
  return { sandbox, id };
}

const maskIds = (text: string) => text.replace(/\b[0-9a-f]{13}\b/g, 'xxxxxxxxxxxxx');

describe('image references', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx', 'latest', 'nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx', '1.27', 'nginx:1.27'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.39', 'registry.k8s.io/e2e-test-images/agnhost', '2.39', 'registry.k8s.io/e2e-test-images/agnhost:2.39'],
    ['polinux/stress', 'docker.io/polinux/stress', 'latest', 'polinux/stress:latest'],
  ])('%s -> %s:%s', (image, repository, tag, defaulted) => {
    expect(parseImageRef(image)).toMatchObject({ repository, tag });
    expect(applyDefaultImageTag(image)).toEqual({ image: defaulted });
  });

  it.each([['Nginx', 'invalid reference format: repository name (Nginx) must be lowercase'], ['nginx:', 'invalid reference format'], ['nginx bad', 'invalid reference format']])('%s is InvalidImageName', (image, error) => {
    expect(applyDefaultImageTag(image)).toEqual({ error: `couldn't parse image name "${image}": ${error}` });
  });
});

describe('pulls', () => {
  it.each([
    ['containerd', 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found'],
    ['cri-o', 'rpc error: code = Unknown desc = initializing source docker://docker.io/library/nginx:nope: reading manifest nope in docker.io/library/nginx: manifest unknown'],
  ] as const)('%s: a tag that does not exist fails with its words', (flavour, error) => {
    const { engine, runtime } = runtimeWith(flavour);
    expect(answer(engine, (d) => runtime.pullImage('nginx:nope', d))).toEqual({ error });
  });

  it.each([
    ['nginx:latest', 1200, 72_195_292],
    ['busybox:1.36', 36, 2_155_492],
    ['example.com/team/app:v1', 831, 50_000_000],
  ])('%s takes %i ms and weighs %i bytes', (image, ms, size) => {
    const { engine, runtime } = runtimeWith('containerd');
    const ref = answer(engine, (d) => runtime.pullImage(image, d));
    expect(isCriError(ref)).toBe(false);
    expect(engine.now()).toBe(ms);
    expect(runtime.imageStatus(image)?.size).toBe(size);
    // The kubelet's shortcuts answer what imageStatus does, and nothing for an image not stored.
    expect(runtime.imageSize(image)).toBe(size);
    expect(runtime.imageId(image)).toBe(runtime.imageStatus(image)?.id);
    expect(runtime.imageId('nginx:0.0-absent')).toBeUndefined();
    expect(runtime.imageSize('nginx:0.0-absent')).toBeUndefined();
    // A second pull of the same image lands on the same ID (the IDs kept per repository).
    answer(engine, (d) => runtime.pullImage(image, d));
    expect(runtime.imageId(image)).toBe(ref);
  });
});

describe('containers', () => {
  it('gives sandboxes IPs from the pod CIDR; SIGTERM ignored by sleep is followed by SIGKILL (137)', () => {
    const { engine, runtime } = runtimeWith('containerd', { 'busybox:1.36': 0 });
    const { sandbox, id } = runPod(engine, runtime, 'busybox:1.36', ['sleep', '3600']);
    expect(runtime.podSandboxStatus(sandbox)?.ip).toBe('10.244.1.2');
    const stoppedAt = engine.now();
    answer(engine, (d) => runtime.stopContainer(id, 30, d));
    expect(runtime.containerStatus(id)).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 137, reason: 'Error', finishedAt: stoppedAt + 30_000 });
  });

  it('keeps logs with their times', () => {
    const { engine, runtime } = runtimeWith('containerd', { 'busybox:1.36': 0 });
    const { id } = runPod(engine, runtime, 'busybox:1.36', ['sh', '-c', 'echo one; sleep 1; echo two']);
    engine.runFor(2000);
    expect(crictlLogs(runtime, id)).toBe('one\ntwo\n');
    expect(crictlLogs(runtime, id, { tail: 1, timestamps: true })).toMatch(/^2025-01-01T00:00:01\.\d{9}Z two\n$/);
  });
});

describe('crictl', () => {
  it.each([
    [0, 'Less than a second'],
    [1_000, '1 second'],
    [45_000, '45 seconds'],
    [90_000, 'About a minute'],
    [150_000, '2 minutes'],
    [3_600_000, 'About an hour'],
    [5 * 3_600_000, '5 hours'],
    [3 * 86_400_000, '3 days'],
  ])('HumanDuration(%i ms) = %s', (ms, text) => expect(humanDuration(ms)).toBe(text));

  it.each([
    [72_195_292, '72.2MB'],
    [320_368, '320kB'],
    [2_155_492, '2.16MB'],
    [336_523_198, '337MB'],
    [999, '999B'],
  ])('HumanSizeWithPrecision(%i, 3) = %s', (bytes, text) => expect(humanSize(bytes)).toBe(text));

  it('ps, pods and images print as the reference examples (IDs masked)', () => {
    const { engine, runtime } = runtimeWith('cri-o', { 'nginx:1.27': 0 });
    runPod(engine, runtime, 'nginx:1.27');
    engine.runFor(150_000);
    expect(maskIds(crictlPs(runtime, engine.now()))).toBe(`${maskIds(CRICTL['example_ps'] ?? '')}\n`);
    expect(maskIds(crictlPods(runtime, engine.now()))).toBe(`${maskIds(CRICTL['example_pods'] ?? '')}\n`);
    expect(maskIds(crictlImages(runtime))).toBe(`${maskIds(CRICTL['example_images'] ?? '')}\n`);
    expect(crictlVersion(runtime)).toBe(`${CRICTL['version_crio']}\n`);
  });

  it('inspect shows the CRI status and the sandbox; IDs resolve from a prefix', () => {
    const { engine, runtime } = runtimeWith('containerd', { 'nginx:1.27': 0 });
    const { sandbox, id } = runPod(engine, runtime, 'nginx:1.27');
    expect(resolveContainerId(runtime, id.slice(0, 5))).toBe(id);
    expect(resolveContainerId(runtime, 'zzz')).toEqual({ error: 'rpc error: code = NotFound desc = an error occurred when try to find container "zzz": not found' });
    const inspected = JSON.parse(crictlInspect(runtime, id)) as { status: { state: string; image: { image: string } }; info: { sandboxID: string } };
    expect(inspected).toMatchObject({ status: { state: 'CONTAINER_RUNNING', image: { image: 'docker.io/library/nginx:1.27' } }, info: { sandboxID: sandbox } });
  });

  it.each([
    ['containerd', 'containerd://1.7.24'],
    ['cri-o', 'cri-o://1.32.1'],
  ] as const)('a %s node reports %s in status.nodeInfo', (runtime, version) => {
    const node = initialNode({ name: 'node-1', index: 1, cpu: '2', memory: '4Gi', pods: 110, runtime }, 0) as unknown as { status: { nodeInfo: { containerRuntimeVersion: string } } };
    expect(node.status.nodeInfo.containerRuntimeVersion).toBe(version);
  });
});

describe('label selectors (the kubelet asks for a pod by its UID label)', () => {
  const uidOf = (uid: string) => ({ labelSelector: { 'io.kubernetes.pod.uid': uid } });

  function sandboxFor(engine: Engine, runtime: ContainerRuntime, uid: string, labels: Record<string, string>): string {
    const id = answer<string | { error: string }>(engine, (d) => runtime.runPodSandbox({ metadata: { name: `pod-${uid}`, namespace: 'default', uid, attempt: 0 }, hostname: uid, labels }, d));
    if (typeof id !== 'string') throw new Error(id.error);
    return id;
  }

  function containerIn(engine: Engine, runtime: ContainerRuntime, sandbox: string, uid: string, name: string): string {
    const config: ContainerConfig = { metadata: { name, attempt: 0 }, image: runtime.imageStatus('busybox:1.36')?.id ?? '', command: ['sleep', '3600'], args: [], envs: [], labels: { 'io.kubernetes.pod.uid': uid, 'io.kubernetes.container.name': name }, annotations: {} };
    const id = answer<string | { error: string }>(engine, (d) => runtime.createContainer(sandbox, config, d));
    if (typeof id !== 'string') throw new Error(id.error);
    answer(engine, (d) => runtime.startContainer(id, d));
    return id;
  }

  it('lists the same records, in the same order, as filtering every record would, through create, stop and remove', () => {
    const { engine, runtime } = runtimeWith('containerd', { 'busybox:1.36': 0 });
    const s1 = sandboxFor(engine, runtime, 'u1', { 'io.kubernetes.pod.uid': 'u1', app: 'one' });
    const s2 = sandboxFor(engine, runtime, 'u2', { 'io.kubernetes.pod.uid': 'u2', app: 'two' });
    const a = containerIn(engine, runtime, s1, 'u1', 'a');
    const b = containerIn(engine, runtime, s2, 'u2', 'b');
    const c = containerIn(engine, runtime, s1, 'u1', 'c');
    const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);
    const byLabel = (uid: string) => ids(runtime.listContainers().filter((x) => x.labels['io.kubernetes.pod.uid'] === uid));
    expect(ids(runtime.listContainers(uidOf('u1')))).toEqual([a, c]);
    expect(ids(runtime.listContainers(uidOf('u1')))).toEqual(byLabel('u1'));
    expect(ids(runtime.listContainers({ labelSelector: { 'io.kubernetes.pod.uid': 'u1', 'io.kubernetes.container.name': 'c' } }))).toEqual([c]);
    expect(ids(runtime.listContainers({ labelSelector: { 'io.kubernetes.container.name': 'b' } }))).toEqual([b]);
    expect(runtime.listContainers(uidOf('nobody'))).toEqual([]);
    expect(ids(runtime.listPodSandbox(uidOf('u2')))).toEqual([s2]);
    expect(ids(runtime.listPodSandbox({ labelSelector: { app: 'one' } }))).toEqual([s1]);
    expect(runtime.listPodSandbox({ labelSelector: { 'io.kubernetes.pod.uid': 'u2', app: 'one' } })).toEqual([]);

    // A removed container leaves the pod's list; one made after it comes last, as in the full list.
    runtime.removeContainer(a);
    const d = containerIn(engine, runtime, s1, 'u1', 'a');
    expect(ids(runtime.listContainers(uidOf('u1')))).toEqual([c, d]);
    expect(ids(runtime.listContainers(uidOf('u1')))).toEqual(byLabel('u1'));

    // Stopping a sandbox kills its containers and no other pod's; the stopped sandbox is still listed.
    answer(engine, (done) => runtime.stopPodSandbox(s1, done));
    expect(runtime.listContainers(uidOf('u1')).map((x) => x.state)).toEqual(['CONTAINER_EXITED', 'CONTAINER_EXITED']);
    expect(runtime.containerStatus(b)?.state).toBe('CONTAINER_RUNNING');
    expect(runtime.listPodSandbox(uidOf('u1')).map((s) => s.state)).toEqual(['SANDBOX_NOTREADY']);

    // Removing it removes its containers only.
    runtime.removePodSandbox(s1);
    expect(runtime.listPodSandbox(uidOf('u1'))).toEqual([]);
    expect(runtime.listContainers(uidOf('u1'))).toEqual([]);
    expect(ids(runtime.listContainers())).toEqual([b]);
    expect(ids(runtime.listPodSandbox())).toEqual([s2]);
  });

  it('stops and removes the containers of a sandbox that has no pod UID label', () => {
    const { engine, runtime } = runtimeWith('containerd', { 'busybox:1.36': 0 });
    const s1 = sandboxFor(engine, runtime, 'u1', {});
    const s2 = sandboxFor(engine, runtime, 'u2', {});
    const a = containerIn(engine, runtime, s1, 'u1', 'a');
    const b = containerIn(engine, runtime, s2, 'u1', 'b');
    answer(engine, (done) => runtime.stopPodSandbox(s1, done));
    expect(runtime.containerStatus(a)?.state).toBe('CONTAINER_EXITED');
    expect(runtime.containerStatus(b)?.state).toBe('CONTAINER_RUNNING');
    runtime.removePodSandbox(s1);
    expect(runtime.listContainers(uidOf('u1')).map((x) => x.id)).toEqual([b]);
  });
});

describe('podRecordsStamp', () => {
  it('stays the same only while the pod UID listing stays the same, and is 0 with no records', () => {
    const { engine, runtime } = runtimeWith('containerd', { 'busybox:1.36': 0 });
    const selector = { labelSelector: { 'io.kubernetes.pod.uid': 'u1' } };
    const listing = () => JSON.stringify([runtime.listPodSandbox(selector), runtime.listContainers(selector)]);
    let stamp = runtime.podRecordsStamp('u1');
    let seen = listing();
    let changes = 0;
    const check = () => {
      const now = listing();
      const s = runtime.podRecordsStamp('u1');
      if (s === stamp) expect(now).toBe(seen);
      else changes++;
      expect(s === 0).toBe(now === '[[],[]]');
      stamp = s;
      seen = now;
    };
    const labels = { 'io.kubernetes.pod.name': 'p', 'io.kubernetes.pod.namespace': 'default', 'io.kubernetes.pod.uid': 'u1' };
    check();
    const sandbox = answer<string | { error: string }>(engine, (d) => runtime.runPodSandbox({ metadata: { name: 'p', namespace: 'default', uid: 'u1', attempt: 0 }, hostname: 'p', labels }, d));
    if (typeof sandbox !== 'string') throw new Error(sandbox.error);
    check();
    const image = runtime.imageStatus('busybox:1.36')?.id ?? '';
    const ids: string[] = [];
    for (const [i, script] of ['sleep 1; exit 1', 'sleep 100'].entries()) {
      const config: ContainerConfig = { metadata: { name: `c${i}`, attempt: 0 }, image, command: ['sh', '-c', script], args: [], envs: [], labels: { ...labels, 'io.kubernetes.container.name': `c${i}` }, annotations: {} };
      const id = answer<string | { error: string }>(engine, (d) => runtime.createContainer(sandbox, config, d));
      if (typeof id !== 'string') throw new Error(id.error);
      ids.push(id);
      check();
      answer(engine, (d) => runtime.startContainer(id, d));
      check();
    }
    // The first exits by itself; step the engine and look after every event.
    for (let i = 0; i < 50 && engine.step(); i++) check();
    answer(engine, (d) => runtime.stopContainer(ids[1] ?? '', 1, d));
    check();
    answer(engine, (d) => runtime.stopPodSandbox(sandbox, d));
    check();
    runtime.removeContainer(ids[0] ?? '');
    check();
    runtime.removePodSandbox(sandbox);
    check();
    expect(runtime.podRecordsStamp('u1')).toBe(0);
    expect(changes).toBeGreaterThanOrEqual(8);
  });
});
