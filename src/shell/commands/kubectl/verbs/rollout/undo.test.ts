import { describe, expect, it } from 'vitest';
import { nodeVerbsShell } from '../node-verbs.test-helpers';

function twoRevisions() {
  const env = nodeVerbsShell();
  env.sh('kubectl create deployment web --image=nginx:1.25 --replicas=2');
  env.sh('kubectl rollout status deployment/web');
  env.sh('kubectl set image deployment/web nginx=nginx:1.26');
  env.sh('kubectl rollout status deployment/web');
  return env;
}

const image = 'kubectl get deployment web -o jsonpath={.spec.template.spec.containers[0].image}';

describe('kubectl rollout undo', () => {
  it('puts the previous revision\'s template back with a JSON patch; the controller makes it the newest revision', () => {
    const { cluster, sh } = twoRevisions();
    expect(sh('kubectl rollout undo deployment/web')).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/web rolled back\n' });
    const patch = cluster.apiserver.audit.recent(50).find((e) => e.verb === 'patch' && e.requestURI.startsWith('/apis/apps/v1/namespaces/default/deployments/web'));
    expect(patch).toBeDefined();
    expect(sh(image).stdout).toBe('nginx:1.25');
    sh('kubectl rollout status deployment/web');
    expect(sh('kubectl rollout history deployment/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    // The template the Deployment has is revision 3's: nothing to do.
    expect(sh('kubectl rollout undo deployment/web --to-revision=3').stdout).toBe('deployment.apps/web skipped rollback (current template already matches revision 3)\n');
    expect(sh('kubectl rollout undo deployment/web --to-revision=2').stdout).toBe('deployment.apps/web rolled back\n');
    expect(sh(image).stdout).toBe('nginx:1.26');
  });

  it('--dry-run=client prints the revision\'s template and --dry-run=server changes nothing', () => {
    const { sh } = twoRevisions();
    const client = sh('kubectl rollout undo deployment/web --dry-run=client');
    expect(client.stdout).toMatch(/^deployment\.apps\/web Pod Template:\n/);
    expect(client.stdout).toContain('    Image:\tnginx:1.25\n');
    expect(client.stdout.endsWith('\n (dry run)\n')).toBe(true);
    expect(sh('kubectl rollout undo deployment/web --dry-run=server').stdout).toBe('deployment.apps/web rolled back (server dry run)\n');
    expect(sh(image).stdout).toBe('nginx:1.26');
    // -o prints the Deployment as kubectl read it, before the rollback.
    expect(sh('kubectl rollout undo deployment/web --dry-run=server -o name').stdout).toBe('deployment.apps/web\n');
    expect(sh('kubectl rollout undo deployment/web --dry-run=server -o jsonpath={.spec.template.spec.containers[0].image}').stdout).toBe('nginx:1.26');
    expect(sh('kubectl rollout undo deployment/web --dry-run=maybe').stderr).toBe('error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n');
  });

  it('refuses a paused Deployment', () => {
    const { sh } = twoRevisions();
    sh('kubectl rollout pause deployment/web');
    expect(sh('kubectl rollout undo deployment/web')).toMatchObject({
      exitCode: 1,
      stderr: "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again\n",
    });
    expect(sh(image).stdout).toBe('nginx:1.26');
  });

  describe('refusals', () => {
    const { sh } = nodeVerbsShell();
    sh('kubectl create deployment web --image=nginx:1.25');
    sh('kubectl rollout status deployment/web');
    sh('kubectl run solo --image=nginx:1.25');
    const cases: readonly [string, string][] = [
      ['kubectl rollout undo', 'error: required resource not specified\n'],
      ['kubectl rollout undo deployment/web', 'error: no rollout history found for deployment "web"\n'],
      ['kubectl rollout undo deployment/web --to-revision=9', 'error: unable to find specified revision 9 in history\n'],
      ['kubectl rollout undo deployment/web --to-revision=-1', 'error: unable to find specified revision -1 in history\n'],
      ['kubectl rollout undo deployment/nope', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
      ['kubectl rollout undo pod/solo', 'error: no rollbacker has been implemented for "Pod"\n'],
      ['kubectl rollout undo configmap/x', 'Error from server (NotFound): configmaps "x" not found\n'],
      ['kubectl rollout undo statefulset/x', 'Error from server (NotFound): statefulsets.apps "x" not found\n'],
    ];
    it.each(cases)('%s', (line, stderr) => {
      expect(sh(line)).toMatchObject({ exitCode: 1, stdout: '', stderr });
    });
  });
});
