import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../sim/api/kube-object';
import { bootedCluster } from '../../../../../sim/cluster';
import { Shell } from '../../../../shell';
import { nodeVerbsShell } from '../node-verbs.test-helpers';
import { deploymentStatus } from './status';

/** A shell whose cluster has Deployment web (nginx:1.25, 2 replicas) rolled out. */
function withWeb() {
  const env = nodeVerbsShell();
  env.sh('kubectl create deployment web --image=nginx:1.25 --replicas=2');
  expect(env.sh('kubectl rollout status deployment/web').exitCode).toBe(0);
  return env;
}

describe('kubectl rollout status: refusals', () => {
  const { sh } = withWeb();
  sh('kubectl run solo --image=nginx:1.25');
  const cases: readonly [string, string][] = [
    ['kubectl rollout status', 'error: required resource not specified\n'],
    ['kubectl rollout status deployment/nope', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ['kubectl rollout status deployment/web --revision=-1', 'error: revision must be a positive integer: -1\n'],
    ['kubectl rollout status deployment/web --revision=2', 'error: desired revision (2) is different from the running revision (1)\n'],
    ['kubectl rollout status deployment/web --timeout=30', `error: invalid argument "30" for "--timeout" flag: time: missing unit in duration "30"\nSee 'kubectl rollout status --help' for usage.\n`],
    ['kubectl rollout status deployment/web --timeout=soon', `error: invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"\nSee 'kubectl rollout status --help' for usage.\n`],
    ['kubectl rollout status deployment/web --to-revision=1', "error: unknown flag: --to-revision\nSee 'kubectl rollout status --help' for usage.\n"],
    ['kubectl rollout status pod/solo', 'error: no status viewer has been implemented for Pod\n'],
    ['kubectl rollout status replicaset.apps/nope', 'Error from server (NotFound): replicasets.apps "nope" not found\n'],
    ['kubectl rollout status daemonset/x', 'Error from server (NotFound): daemonsets.apps "x" not found\n'],
  ];
  it.each(cases)('%s', (line, stderr) => {
    expect(sh(line)).toMatchObject({ exitCode: 1, stdout: '', stderr });
  });
});

describe('kubectl rollout status', () => {
  it('prints each status the watch sees until the rollout is done, with time passing meanwhile', () => {
    const { cluster, sh } = nodeVerbsShell();
    sh('kubectl create deployment web --image=nginx:1.25 --replicas=2');
    const before = cluster.engine.now();
    const r = sh('kubectl rollout status deploy web');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContain('Waiting for deployment "web" rollout to finish: 0 of 2 updated replicas are available...');
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');
    expect(cluster.engine.now()).toBeGreaterThan(before + 500);
    // Done: a second call answers from the list alone.
    expect(sh('kubectl rollout status deployment/web')).toMatchObject({ exitCode: 0, stdout: 'deployment "web" successfully rolled out\n' });
  });

  it('--watch=false prints the status once and returns', () => {
    // No deployment controller: the new generation is never observed, whatever the timing.
    const { sh } = nodeVerbsShell({ controllers: [] });
    sh('kubectl create deployment web --image=nginx:1.25 --replicas=2');
    expect(sh('kubectl rollout status deployment/web -w=false')).toMatchObject({ exitCode: 0, stdout: 'Waiting for deployment spec update to be observed...\n' });
  });

  it('a stuck rollout: --timeout ends the wait with kubectl\'s timeout; without it, the progress deadline does', () => {
    const { cluster, sh } = withWeb();
    sh('kubectl set image deployment/web nginx=nginx:nope');
    const before = cluster.engine.now();
    const timedOut = sh('kubectl rollout status deployment/web --timeout=20s');
    expect(timedOut).toMatchObject({ exitCode: 1, stderr: 'error: timed out waiting for the condition\n' });
    expect(timedOut.stdout).toContain('Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...\n');
    expect(cluster.engine.now() - before).toBeGreaterThanOrEqual(20_000);
    const exceeded = sh('kubectl rollout status deployment/web');
    expect(exceeded).toMatchObject({ exitCode: 1, stderr: 'error: deployment "web" exceeded its progress deadline\n' });
    // The deadline runs from the condition's lastUpdateTime, a whole second.
    expect(cluster.engine.now() - before).toBeGreaterThan(599_000);
  });

  it('a paused rollout would be waited for for ever: the simulation stops after an hour and says so', () => {
    const { cluster, sh } = withWeb();
    sh('kubectl rollout pause deployment/web');
    sh('kubectl set image deployment/web nginx=nginx:1.26');
    const before = cluster.engine.now();
    const r = sh('kubectl rollout status deployment/web');
    expect(r).toMatchObject({ exitCode: 1, stderr: 'kubearch: stopped waiting after 1h0m0s of simulated time (kubectl would wait on; give --timeout)\n' });
    expect(r.stdout).toContain('Waiting for deployment "web" rollout to finish: 0 out of 2 new replicas have been updated...\n');
    expect(cluster.engine.now() - before).toBeGreaterThanOrEqual(3_600_000);
    expect(cluster.engine.now() - before).toBeLessThan(3_601_000);
  });

  it('in the page\'s terminal too it runs the clock to the end, as sleep does, and leaves nothing in the foreground', () => {
    const cluster = bootedCluster({ seed: 1 });
    const shell = new Shell(cluster, { interactive: true });
    shell.run('kubectl create deployment web --image=nginx:1.25 --replicas=2');
    const ran = shell.run('kubectl rollout status deployment/web');
    if (ran.kind !== 'ran') throw new Error(ran.kind);
    expect(ran.entries[0]?.stdout.endsWith('deployment "web" successfully rolled out\n')).toBe(true);
    expect(shell.session.foreground).toBeUndefined();
  });

  it('stops when the Deployment is deleted under it', () => {
    const { sh } = nodeVerbsShell();
    sh('kubectl create namespace gone');
    sh('kubectl create deployment web --image=nginx:nope -n gone');
    sh('kubectl delete namespace gone --wait=false');
    expect(sh('kubectl rollout status deployment/web -n gone')).toMatchObject({ exitCode: 1, stderr: 'error: object has been deleted\n' });
  });
});

describe('DeploymentStatusViewer', () => {
  const deployment = (status: Record<string, unknown>, extra: { generation?: number; replicas?: number } = {}): KubeObject =>
    ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', generation: extra.generation ?? 1, annotations: { 'deployment.kubernetes.io/revision': '3' } }, spec: { replicas: extra.replicas ?? 3 }, status: { observedGeneration: 1, ...status } }) as unknown as KubeObject;
  it.each([
    [{ updatedReplicas: 1 }, { message: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n', done: false }],
    [{ updatedReplicas: 3, replicas: 4 }, { message: 'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n', done: false }],
    [{ updatedReplicas: 3, replicas: 3, availableReplicas: 2 }, { message: 'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...\n', done: false }],
    [{ updatedReplicas: 3, replicas: 3, availableReplicas: 3 }, { message: 'deployment "web" successfully rolled out\n', done: true }],
    [{ conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }, { error: 'deployment "web" exceeded its progress deadline' }],
  ])('%j', (status, viewed) => {
    expect(deploymentStatus(deployment(status), 0)).toEqual(viewed);
  });

  it('waits for the controller to observe the spec, and pins a revision', () => {
    expect(deploymentStatus(deployment({}, { generation: 2 }), 0)).toEqual({ message: 'Waiting for deployment spec update to be observed...\n', done: false });
    expect(deploymentStatus(deployment({ updatedReplicas: 3, replicas: 3, availableReplicas: 3 }), 3)).toMatchObject({ done: true });
    expect(deploymentStatus(deployment({}), 2)).toEqual({ error: 'desired revision (2) is different from the running revision (3)' });
  });
});
