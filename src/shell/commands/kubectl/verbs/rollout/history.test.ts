import { describe, expect, it } from 'vitest';
import { nodeVerbsShell } from '../node-verbs.test-helpers';

/** Deployment web at revision 2 (nginx:1.25, then nginx:1.26 with a change-cause). */
function twoRevisions() {
  const env = nodeVerbsShell();
  env.sh('kubectl create deployment web --image=nginx:1.25 --replicas=2');
  env.sh('kubectl rollout status deployment/web');
  env.sh('kubectl set image deployment/web nginx=nginx:1.26');
  env.sh('kubectl annotate deployment/web kubernetes.io/change-cause="to 1.26"');
  env.sh('kubectl rollout status deployment/web');
  return env;
}

describe('kubectl rollout history', () => {
  const { sh } = twoRevisions();
  sh('kubectl run solo --image=nginx:1.25');

  it('lists the revisions with their change-cause; the name printer leaves a space and a blank line', () => {
    expect(sh('kubectl rollout history deployment/web')).toMatchObject({
      exitCode: 0,
      stdout: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         to 1.26\n\n',
    });
  });

  it('--revision prints that revision\'s pod template, its tabs left for the terminal', () => {
    const r = sh('kubectl rollout history deploy web --revision=1');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^deployment\.apps\/web with revision #1\nPod Template:\n {2}Labels:\tapp=web\n\tpod-template-hash=[a-z0-9]+\n {2}Containers:\n {3}nginx:\n {4}Image:\tnginx:1\.25\n/);
    expect(r.stdout.endsWith('  Tolerations:\t<none>\n\n')).toBe(true);
  });

  it('-o prints the ReplicaSets of the revisions', () => {
    expect(sh('kubectl rollout history deployment/web -o name').stdout).toMatch(/^replicaset\.apps\/web-[a-z0-9]+\nreplicaset\.apps\/web-[a-z0-9]+\n$/);
    expect(sh('kubectl rollout history deployment/web --revision=2 -o jsonpath={.spec.template.spec.containers[0].image}').stdout).toBe('nginx:1.26');
  });

  it('--template alone prints the Deployment through it (no -o: not the ReplicaSets)', () => {
    expect(sh('kubectl rollout history deployment/web --template="{{ .metadata.name }}:"').stdout).toBe('web:');
  });

  const refusals: readonly [string, string][] = [
    ['kubectl rollout history', 'error: required resource not specified\n'],
    ['kubectl rollout history deployment/web --revision=9', 'error: unable to find the specified revision\n'],
    ['kubectl rollout history deployment/web --revision=9 -o yaml', 'error: unable to find the specified revision\n'],
    ['kubectl rollout history deployment/web --revision=-2', 'error: revision must be a positive integer: -2\n'],
    ['kubectl rollout history deployment/nope', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ['kubectl rollout history pod/solo', 'error: no history viewer has been implemented for "Pod"\n'],
    ['kubectl rollout history service/kubernetes', 'error: error retrieving history for "Service", no visitor method exists for Service\n'],
    ['kubectl rollout history deployment/web --timeout=1s', "error: unknown flag: --timeout\nSee 'kubectl rollout history --help' for usage.\n"],
  ];
  it.each(refusals)('%s', (line, stderr) => {
    expect(sh(line)).toMatchObject({ exitCode: 1, stderr });
  });

  it('a bare type stands for every object of it (ResourceTypeOrNameArgs(true, ...)), none printing nothing', () => {
    expect(sh('kubectl rollout history deployment').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         to 1.26\n\n');
    expect(sh('kubectl rollout history daemonset')).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
  });
});

describe('kubectl rollout history of a fresh Deployment', () => {
  it('has revision 1 once the controller made its ReplicaSet', () => {
    const { sh } = nodeVerbsShell();
    sh('kubectl create deployment web --image=nginx:1.25');
    sh('sleep 1s');
    expect(sh('kubectl rollout history deployment web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
  });
});
