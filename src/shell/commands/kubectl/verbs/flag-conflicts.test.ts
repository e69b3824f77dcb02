/**
 * The flag conflicts kubectl's Complete() and Validate() methods refuse before sending anything
 * (delete.go, label.go, annotate.go), and delete's cluster-scope warning (DeleteResult).
 */
import { describe, expect, it } from 'vitest';
import { bootedCluster } from '../../../../sim/cluster';
import { Shell, type TranscriptEntry } from '../../../shell';

function play(script: string): TranscriptEntry[] {
  const shell = new Shell(bootedCluster({ seed: 1 }), { interactive: false });
  const outcome = shell.run(script);
  if (outcome.kind !== 'ran') throw new Error(outcome.kind);
  return outcome.entries;
}

const SETUP = 'kubectl create configmap one --from-literal=k=v\nkubectl label configmap one app=x\n';

describe('flag conflicts', () => {
  it.each([
    ['kubectl delete configmaps --all -l app=x', 'error: cannot set --all and --selector at the same time'],
    ['kubectl delete configmaps --all --field-selector metadata.name=one', 'error: cannot set --all and --field-selector at the same time'],
    ['kubectl delete configmap one --now --grace-period=5', 'error: --now and --grace-period cannot be specified together'],
    ['kubectl delete configmap one -o yaml', "error: unexpected -o output mode: yaml. We only support '-o name'"],
    ['kubectl label configmaps --all -l app=x b=c', 'error: cannot set --all and --selector at the same time'],
    ['kubectl label configmaps --all --field-selector metadata.name=one b=c', 'error: cannot set --all and --field-selector at the same time'],
    ['kubectl annotate configmaps --all -l app=x b=c', 'error: cannot set --all and --selector at the same time'],
  ])('%s is refused and changes nothing', (command, error) => {
    const entries = play(`${SETUP}${command}\nkubectl get configmap one -o jsonpath='{.metadata.labels}'`);
    expect(entries[2]).toMatchObject({ exitCode: 1, stdout: '', stderr: `${error}\n` });
    expect(entries[3]?.stdout).toBe('{"app":"x"}');
  });

  it('delete --field-selector selects what it names', () => {
    const entries = play(`${SETUP}kubectl create configmap two\nkubectl delete configmaps --field-selector metadata.name=two\nkubectl get configmaps -o name`);
    expect(entries[3]?.stdout).toBe('configmap "two" deleted\n');
    expect(entries[4]?.stdout).toBe('configmap/kube-root-ca.crt\nconfigmap/one\n');
  });

  it('delete warns once, with -n, that cluster-scoped objects are not in the namespace', () => {
    const entries = play('kubectl create namespace a\nkubectl create namespace b\nkubectl delete -n default namespace a b --wait=false');
    expect(entries[2]).toMatchObject({
      exitCode: 0,
      stdout: 'namespace "a" deleted\nnamespace "b" deleted\n',
      stderr: 'Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n',
    });
    const quiet = play('kubectl create namespace a\nkubectl delete namespace a --wait=false');
    expect(quiet[1]?.stderr).toBe('');
  });
});
