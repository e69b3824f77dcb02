import { describe, expect, it } from 'vitest';
import { nodeVerbsShell } from '../node-verbs.test-helpers';
import { parseEnv, updateEnv } from './env';

const env = 'kubectl get deployment web -o jsonpath={.spec.template.spec.containers[0].env}';

function withWeb() {
  const shell = nodeVerbsShell();
  shell.sh('kubectl create deployment web --image=nginx:1.25');
  shell.sh('kubectl rollout status deployment/web');
  return shell;
}

describe('kubectl set env', () => {
  it('sets, replaces in place and removes variables, and --list prints them', () => {
    const { sh } = withWeb();
    expect(sh('kubectl set env deployment/web A=1 B=two')).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/web env updated\n' });
    expect(sh('kubectl set env deployment/web A=3 -e C=x')).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/web env updated\n' });
    expect(sh(env).stdout).toBe('[{"name":"A","value":"3"},{"name":"B","value":"two"},{"name":"C","value":"x"}]');
    expect(sh('kubectl set env deployment/web B-').stdout).toBe('deployment.apps/web env updated\n');
    expect(sh('kubectl set env deployment/web --list')).toMatchObject({ exitCode: 0, stdout: '# Deployment web, container nginx\nA=3\nC=x\n' });
    // Nothing to change: nothing sent, nothing printed.
    expect(sh('kubectl set env deployment/web A=3')).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    // A new template: the Deployment rolls out again.
    expect(sh('kubectl rollout status deployment/web').exitCode).toBe(0);
    expect(sh('kubectl rollout history deployment/web').stdout).toContain('4         <none>\n');
  });

  it('--from takes each key of a ConfigMap or Secret as a reference, --keys some of them, --prefix before the names', () => {
    const { sh } = withWeb();
    sh('kubectl create configmap cfg --from-literal=log.level=debug --from-literal=mode=fast');
    sh('kubectl create secret generic creds --from-literal=password=x');
    expect(sh('kubectl set env deployment/web --from=configmap/cfg --keys=mode --prefix=APP_').stdout).toBe('deployment.apps/web env updated\n');
    expect(sh('kubectl set env deployment/web --from=secret/creds').stdout).toBe('deployment.apps/web env updated\n');
    expect(sh('kubectl set env deployment/web --list').stdout).toBe('# Deployment web, container nginx\n# APP_MODE from configmap cfg, key mode\n# PASSWORD from secret creds, key password\n');
    expect(sh('kubectl set env deployment/web --from=configmap/nope')).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): configmaps "nope" not found\n' });
    expect(sh('kubectl set env deployment/web --from=deployment/web')).toMatchObject({ exitCode: 1, stderr: 'error: unsupported resource specified in --from\n' });
  });

  it('reads KEY=VALUE lines from standard input for `-`', () => {
    const { sh } = withWeb();
    expect(sh("kubectl set env deployment/web - <<END\nX=1 # a comment\n\nY=2\nEND").stdout).toBe('deployment.apps/web env updated\n');
    expect(sh(env).stdout).toBe('[{"name":"X","value":"1 "},{"name":"Y","value":"2"}]');
  });

  it('--dry-run=client prints the changed object; nothing is stored', () => {
    const { sh } = withWeb();
    expect(sh('kubectl set env deployment/web D=4 --dry-run=client -o jsonpath={.spec.template.spec.containers[0].env[0].value}').stdout).toBe('4');
    expect(sh('kubectl set env deployment/web D=4 --dry-run=server').stdout).toBe('deployment.apps/web env updated (server dry run)\n');
    expect(sh(env).stdout).toBe('');
  });

  describe('refusals', () => {
    const { sh } = withWeb();
    sh('kubectl set env deployment/web A=1');
    const cases: readonly [string, string, string?][] = [
      ['kubectl set env A=1', 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
      ['kubectl set env A=1 deployment/web', 'error: all resources must be specified before environment changes: A=1 deployment/web\n'],
      ['kubectl set env deployment/web 1A=x', `error: "1A" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n`],
      ['kubectl set env deployment/web A=2 A-', 'error: can not both modify and remove the same environment variable\n'],
      ['kubectl set env deployment/web A=2 --overwrite=false', "error: deployments/web 'A' already has a value (1), and --overwrite is false\n"],
      ['kubectl set env deployment/web --list -o yaml', 'error: --list and --output may not be specified together\n'],
      ['kubectl set env deployment/web --keys=a', 'error: when specifying --keys, a configmap or secret must be provided with --from\n'],
      ['kubectl set env deployment/web --local --dry-run=server A=1', 'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n'],
      ['kubectl set env service/kubernetes A=2', 'error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service\n'],
    ];
    it.each(cases)('%s', (line, stderr) => {
      expect(sh(line)).toMatchObject({ exitCode: 1, stdout: '', stderr });
      expect(sh(env).stdout).toBe('[{"name":"A","value":"1"}]');
    });
    it('warns of no matching container, and changes nothing', () => {
      expect(sh('kubectl set env deployment/web -c nope A=2')).toMatchObject({ exitCode: 0, stdout: '', stderr: 'warning: Deployment/web does not have any containers matching "nope"\n' });
    });
  });
});

describe('ParseEnv and updateEnv', () => {
  it('parses KEY=VALUE and KEY-, and refuses anything else', () => {
    expect(parseEnv(['A=1=2', 'B-'], '')).toEqual({ env: [{ name: 'A', value: '1=2' }], remove: ['B'] });
    expect(parseEnv(['A'], '')).toEqual({ error: 'unknown environment variable: A' });
  });
  it('keeps the order of the existing variables and appends the new', () => {
    expect(updateEnv([{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '3' }], [{ name: 'D', value: '4' }, { name: 'B', value: '5' }], ['A'])).toEqual([
      { name: 'B', value: '5' },
      { name: 'C', value: '3' },
      { name: 'D', value: '4' },
    ]);
  });
});
