import { describe, expect, it } from 'vitest';
import { nodeVerbsShell } from '../node-verbs.test-helpers';

function withWeb() {
  const env = nodeVerbsShell();
  env.sh('kubectl create deployment web --image=nginx:1.25 --replicas=2');
  env.sh('kubectl rollout status deployment/web');
  env.sh('kubectl run solo --image=nginx:1.25');
  return env;
}

const paused = 'kubectl get deployment web -o jsonpath={.spec.paused}';

describe('kubectl rollout pause and resume', () => {
  it('pause sets spec.paused with a strategic merge patch; a new template then waits; resume rolls it out', () => {
    const { cluster, sh } = withWeb();
    expect(sh('kubectl rollout pause deployment/web')).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/web paused\n' });
    const patch = cluster.apiserver.audit.recent(50).find((e) => e.verb === 'patch' && e.requestURI.includes('/deployments/web'));
    expect(patch?.requestURI).toContain('fieldManager=kubectl-rollout');
    expect(sh(paused).stdout).toBe('true');
    sh('kubectl set image deployment/web nginx=nginx:1.26');
    sh('sleep 5s');
    expect(sh('kubectl rollout history deployment/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
    expect(sh('kubectl rollout resume deploy/web')).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/web resumed\n' });
    expect(sh(paused).stdout).toBe('');
    expect(sh('kubectl rollout status deployment/web').exitCode).toBe(0);
    expect(sh('kubectl rollout history deployment/web').stdout).toContain('2         <none>\n');
  });

  it('names several objects, and reports the refusals after the successes', () => {
    const { sh } = withWeb();
    sh('kubectl create deployment db --image=redis:7');
    sh('kubectl rollout pause deployment/db');
    expect(sh('kubectl rollout pause deployment web db nope')).toMatchObject({
      exitCode: 1,
      stdout: 'deployment.apps/web paused\n',
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\nerror: deployments.apps "db" is already paused\n',
    });
    expect(sh('kubectl rollout resume deployment -l app=db')).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/db resumed\n' });
  });

  it('prints through -o as kubectl\'s printers do: the object, or its name alone', () => {
    const { sh } = withWeb();
    expect(sh('kubectl rollout pause deployment/web --template="{{ .metadata.name }}:{{ .spec.paused }}"').stdout).toBe('web:true');
    expect(sh('kubectl rollout resume deployment/web -o name').stdout).toBe('deployment.apps/web\n');
    expect(sh('kubectl rollout restart deployment/web -o jsonpath={.kind}').stdout).toBe('Deployment');
  });

  const cases: readonly [string, string][] = [
    ['kubectl rollout pause', 'error: required resource not specified\n'],
    ['kubectl rollout resume', 'error: required resource not specified\n'],
    ['kubectl rollout resume deployment/web', 'error: deployments.apps "web" is not paused\n'],
    ['kubectl rollout pause pod/solo', 'error: pods "solo" pausing is not supported\n'],
    ['kubectl rollout resume pod/solo', 'error: pods "solo" resuming is not supported\n'],
    ['kubectl rollout pause deployment/nope', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ['kubectl rollout pause deployment/web --revision=1', "error: unknown flag: --revision\nSee 'kubectl rollout pause --help' for usage.\n"],
  ];
  describe('refusals', () => {
    const { sh } = withWeb();
    it.each(cases)('%s', (line, stderr) => {
      expect(sh(line)).toMatchObject({ exitCode: 1, stdout: '', stderr });
    });
    it('a bare type pauses every Deployment; one that matches nothing says so', () => {
      expect(sh('kubectl rollout pause deployment')).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/web paused\n' });
      expect(sh('kubectl rollout resume deployment')).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/web resumed\n' });
      expect(sh('kubectl rollout restart daemonset')).toMatchObject({ exitCode: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    });
    it('a second pause', () => {
      sh('kubectl rollout pause deployment/web');
      expect(sh('kubectl rollout pause deployment/web')).toMatchObject({ exitCode: 1, stderr: 'error: deployments.apps "web" is already paused\n' });
    });
  });
});

describe('kubectl rollout restart', () => {
  it('stamps the template with the simulated time, which rolls the pods out again', () => {
    const { sh } = withWeb();
    const now = sh('kubectl get deployment web -o jsonpath={.metadata.creationTimestamp}');
    expect(now.exitCode).toBe(0);
    expect(sh('kubectl rollout restart deployment/web')).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/web restarted\n' });
    const stamp = sh("kubectl get deployment web -o jsonpath='{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}'").stdout;
    expect(stamp).toMatch(/^2025-01-01T00:00:\d\dZ$/);
    // Within the same second the template would not change: kubectl refuses.
    expect(sh('kubectl rollout restart deployment/web')).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: 'error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
    });
    expect(sh('kubectl rollout status deployment/web').exitCode).toBe(0);
    expect(sh('kubectl rollout history deployment/web').stdout).toContain('2         <none>\n');
    // describe tells the restarted template's ReplicaSet from the old one, whose spec is the same.
    const described = sh('kubectl describe deployment web').stdout;
    expect(described).toContain('OldReplicaSets:  <none>\n');
    expect(described).toMatch(/\nNewReplicaSet: {3}web-[a-z0-9]+ \(2\/2 replicas created\)\n/);
    sh('sleep 1s');
    expect(sh('kubectl rollout restart deployment/web').exitCode).toBe(0);
  });

  it('refuses a paused Deployment, and kinds it cannot restart', () => {
    const { sh } = withWeb();
    sh('kubectl rollout pause deployment/web');
    expect(sh('kubectl rollout restart deployment/web')).toMatchObject({ exitCode: 1, stderr: 'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n' });
    expect(sh('kubectl rollout restart pod/solo')).toMatchObject({ exitCode: 1, stderr: 'error: pods "solo" restarting is not supported\n' });
    expect(sh('kubectl rollout restart')).toMatchObject({ exitCode: 1, stderr: 'error: required resource not specified\n' });
  });
});
