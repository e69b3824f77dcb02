import { describe, expect, it } from 'vitest';
import { nodeVerbsShell } from '../node-verbs.test-helpers';

const resources = 'kubectl get deployment web -o jsonpath={.spec.template.spec.containers[0].resources}';

describe('kubectl set resources', () => {
  const { sh } = nodeVerbsShell();
  sh('kubectl create deployment web --image=nginx:1.25');
  sh('kubectl rollout status deployment/web');

  const cases: readonly [string, string][] = [
    ['kubectl set resources deployment/web', 'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n'],
    ['kubectl set resources --limits=cpu=1', 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    ['kubectl set resources deployment/web --limits=cpu', 'error: Invalid argument syntax cpu, expected <resource>=<value>\n'],
    ['kubectl set resources deployment/web --requests=cpu=lots', "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n"],
    ['kubectl set resources deployment/web -c=nope --limits=cpu=1', 'error: unable to find container named nope\n'],
    ['kubectl set resources deployment --all -l app=web --limits=cpu=1', 'error: cannot set --all and --selector at the same time\n'],
    ['kubectl set resources service/kubernetes --limits=cpu=1', 'error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service\n'],
  ];
  it.each(cases)('%s', (line, stderr) => {
    expect(sh(line)).toMatchObject({ exitCode: 1, stdout: '', stderr });
    expect(sh(resources).stdout).toBe('{}');
  });

  it('merges limits and requests into the containers -c matches, as canonical quantities', () => {
    expect(sh('kubectl set resources deployment/web -c=ng* --limits=cpu=0.5,memory=512Mi').stdout).toBe('deployment.apps/web resource requirements updated\n');
    expect(sh('kubectl set resources deployment/web --requests=cpu=100m').stdout).toBe('deployment.apps/web resource requirements updated\n');
    expect(sh(resources).stdout).toBe('{"limits":{"cpu":"500m","memory":"512Mi"},"requests":{"cpu":"100m"}}');
    // The same again changes nothing and prints nothing.
    expect(sh('kubectl set resources deployment/web --requests=cpu=100m')).toMatchObject({ exitCode: 0, stdout: '' });
    expect(sh('kubectl set resources deployment/web --requests=cpu=200m --dry-run=client -o jsonpath={.spec.template.spec.containers[0].resources.requests.cpu}').stdout).toBe('200m');
    expect(sh(resources).stdout).toContain('"requests":{"cpu":"100m"}');
  });
});
