import { describe, expect, it } from 'vitest';
import { nodeVerbsShell } from '../node-verbs.test-helpers';

function withWeb() {
  const env = nodeVerbsShell();
  env.sh('kubectl create deployment web --image=nginx:1.25 --replicas=2');
  env.sh('kubectl rollout status deployment/web');
  env.sh('kubectl run solo --image=nginx:1.25');
  return env;
}

const image = 'kubectl get deployment web -o jsonpath={.spec.template.spec.containers[0].image}';

describe('kubectl set image', () => {
  it('patches the pod template with a strategic merge patch, and the Deployment rolls it out', () => {
    const { cluster, sh } = withWeb();
    expect(sh('kubectl set image deployment.v1.apps/web nginx=nginx:1.26')).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/web image updated\n', stderr: '' });
    const patch = cluster.apiserver.audit.recent(50).find((e) => e.verb === 'patch' && e.requestURI.includes('/deployments/web'));
    expect(patch?.requestURI).toContain('fieldManager=kubectl-set');
    expect(sh(image).stdout).toBe('nginx:1.26');
    expect(sh('kubectl rollout status deployment/web').exitCode).toBe(0);
    // The same image again: an empty patch, nothing sent, nothing printed.
    expect(sh('kubectl set image deployment/web nginx=nginx:1.26')).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    // `*` is every container.
    expect(sh("kubectl set image deploy web '*=nginx:1.27'").stdout).toBe('deployment.apps/web image updated\n');
    expect(sh(image).stdout).toBe('nginx:1.27');
  });

  it('sets a pod\'s image, and every deployment a selector picks', () => {
    const { sh } = withWeb();
    expect(sh('kubectl set image pod/solo solo=nginx:1.26').stdout).toBe('pod/solo image updated\n');
    expect(sh('kubectl get pod solo -o jsonpath={.spec.containers[0].image}').stdout).toBe('nginx:1.26');
    sh('kubectl create deployment db --image=nginx:1.25');
    expect(sh('kubectl set image deployment -l app=db nginx=nginx:1.26').stdout).toBe('deployment.apps/db image updated\n');
    expect(sh('kubectl set image deployment --all nginx=nginx:1.27').stdout).toBe('deployment.apps/db image updated\ndeployment.apps/web image updated\n');
  });

  it('--dry-run=client prints the changed object and sends nothing; --dry-run=server stores nothing', () => {
    const { sh } = withWeb();
    expect(sh('kubectl set image deployment/web nginx=nginx:1.26 --dry-run=client').stdout).toBe('deployment.apps/web image updated (dry run)\n');
    expect(sh('kubectl set image deployment/web nginx=nginx:1.26 --dry-run=client -o jsonpath={.spec.template.spec.containers[0].image}').stdout).toBe('nginx:1.26');
    expect(sh('kubectl set image deployment/web nginx=nginx:1.26 --dry-run=server').stdout).toBe('deployment.apps/web image updated (server dry run)\n');
    // -o name: the name printer's short form, without the operation.
    expect(sh('kubectl set image deployment/web nginx=nginx:1.26 --dry-run=server -o name').stdout).toBe('deployment.apps/web\n');
    expect(sh(image).stdout).toBe('nginx:1.25');
    expect(sh('kubectl set image pod/solo solo=nginx:1.26 --dry-run=client --template="{{ .metadata.name }}:"').stdout).toBe('solo:');
  });

  it('--record writes the command line into the change-cause, after the deprecation notice', () => {
    const { sh } = withWeb();
    const r = sh('kubectl set image deployment/web nginx=nginx:1.26 --record');
    expect(r.text).toBe('Flag --record has been deprecated, --record will be removed in the future\ndeployment.apps/web image updated\n');
    expect(sh("kubectl get deployment web -o jsonpath='{.metadata.annotations.kubernetes\\.io/change-cause}'").stdout).toBe('kubectl set image deployment/web nginx=nginx:1.26 --record=true');
    sh('kubectl rollout status deployment/web');
    expect(sh('kubectl rollout history deployment/web').stdout).toContain('2         kubectl set image deployment/web nginx=nginx:1.26 --record=true\n');
  });

  describe('refusals', () => {
    const { sh } = withWeb();
    const cases: readonly [string, string][] = [
      ['kubectl set image deployment/web', 'error: at least one image update is required\n'],
      ['kubectl set image nginx=nginx', 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
      ['kubectl set image deployment/web nginx=nginx:1.26 db', 'error: all resources must be specified before image changes: db\n'],
      ["kubectl set image deployment/web '*=nginx' nginx=nginx", 'error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n'],
      ['kubectl set image deployment/web nginx-', 'error: invalid image format: nginx-\n'],
      ['kubectl set image deployment/web nope=nginx', 'error: unable to find container named "nope"\n'],
      ['kubectl set image deployment/nope nginx=nginx', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
      ['kubectl set image service/kubernetes nginx=nginx', 'error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service\n'],
      ['kubectl set image deployment nginx=nginx', 'error: resource(s) were provided, but no name was specified\n'],
      ['kubectl set image deployment/web nginx=nginx --dry-run=later', 'error: Invalid dry-run value (later). Must be "none", "server", or "client".\n'],
      ['kubectl set image deployment/web nginx=nginx --limits=cpu=1', "error: unknown flag: --limits\nSee 'kubectl set image --help' for usage.\n"],
    ];
    it.each(cases)('%s', (line, stderr) => {
      expect(sh(line)).toMatchObject({ exitCode: 1, stdout: '', stderr });
      expect(sh(image).stdout).toBe('nginx:1.25');
    });
    it('an unknown container beside a known one: the known one is set, and the error said', () => {
      expect(sh('kubectl set image deployment/web nginx=nginx:1.26 nope=nginx')).toMatchObject({ exitCode: 1, stdout: 'deployment.apps/web image updated\n', stderr: 'error: unable to find container named "nope"\n' });
    });
  });
});

describe('kubectl set', () => {
  const { sh } = nodeVerbsShell();
  it('with no subcommand prints its help and exits 1; an unknown one is refused', () => {
    const r = sh('kubectl set');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^Configure application resources\.\n/);
    expect(sh('kubectl set frob x')).toMatchObject({ exitCode: 1, stderr: "error: unknown command \"frob x\"\nSee 'kubectl set -h' for help and examples\n" });
  });
});
