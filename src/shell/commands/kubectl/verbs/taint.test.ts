import { describe, expect, it } from 'vitest';
import { nodeVerbsShell } from './node-verbs.test-helpers';

const HINT = "\nSee 'kubectl taint -h' for help and examples";

describe('kubectl taint', () => {
  const { sh } = nodeVerbsShell();
  const taints = (node: string) => sh(`kubectl get node ${node} -o jsonpath='{.spec.taints}'`).stdout;

  // Each error path, with the text kubectl 1.32 prints; none of them changes a node.
  const errors: readonly [string, string][] = [
    ['kubectl taint', 'error: one or more resources must be specified as <resource> <name>\n'],
    ['kubectl taint nodes node-1', 'error: at least one taint update is required\n'],
    ['kubectl taint nodes node-1 a:NoSchedule node-2', 'error: all resources must be specified before taint changes: node-2\n'],
    ['kubectl taint nodes node-1 a=b:NoRun', `error: invalid taint effect: NoRun, unsupported taint effect${HINT}\n`],
    ['kubectl taint nodes node-1 a=b', expect.stringContaining('error: invalid taint spec: a=b, name part must consist of') as unknown as string],
    ['kubectl taint pods web a:NoSchedule', 'error: invalid resource type pods, only node types are supported\n'],
    ['kubectl taint Foos web a:NoSchedule', 'error: the server doesn\'t have a resource type "foos"\n'],
    ['kubectl taint nodes a:NoSchedule', "error: at least one resource name must be specified since 'all' parameter is not set\n"],
    ['kubectl taint nodes --all -l a=b a:NoSchedule', "error: setting 'all' parameter with a non empty selector is prohibited\n"],
    ['kubectl taint nodes node-1 a:NoSchedule a-', 'error: can not both modify and remove the following taint(s) in the same command: {"a":""}\n'],
    ['kubectl taint nodes node-1 a:NoSchedule-', 'error: taint "a:NoSchedule" not found\n'],
    ['kubectl taint nodes node-1 a:NoSchedule- b-', 'taint "a:NoSchedule" not found\ntaint "b" not found\n'],
    ['kubectl taint nodes node-9 a:NoSchedule', 'Error from server (NotFound): nodes "node-9" not found\n'],
    ['kubectl taint nodes node-1 a:NoSchedule --dry-run=maybe', 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n'],
  ];
  it.each(errors)('%s', (line, stderr) => {
    const r = sh(line);
    expect(r).toMatchObject({ exitCode: 1, stdout: '', stderr });
    expect(taints('node-1')).toBe('');
  });

  it('taints, refuses the same key and effect without --overwrite, then modifies and untaints', () => {
    expect(sh('kubectl taint nodes node-1 dedicated=special-user:NoSchedule').stdout).toBe('node/node-1 tainted\n');
    expect(sh('kubectl taint nodes node-1 dedicated=other:NoSchedule')).toMatchObject({
      exitCode: 1,
      stderr: 'error: node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
    });
    expect(sh('kubectl taint nodes node-1 dedicated=other:NoSchedule --overwrite').stdout).toBe('node/node-1 modified\n');
    expect(sh('kubectl taint nodes node-1 gpu:NoExecute').stdout).toBe('node/node-1 tainted\n');
    // New taints go first, as reorganizeTaints builds the list.
    expect(taints('node-1')).toBe('[{"effect":"NoExecute","key":"gpu"},{"effect":"NoSchedule","key":"dedicated","value":"other"}]');
    expect(sh('kubectl taint nodes node-1 dedicated-').stdout).toBe('node/node-1 untainted\n');
    // The last taint removed: the patch sends null and the field goes.
    expect(sh('kubectl taint nodes node-1 gpu:NoExecute-').stdout).toBe('node/node-1 untainted\n');
    expect(sh("kubectl get node node-1 -o jsonpath='{.spec}'").stdout).not.toContain('taints');
  });

  it('prints -o name as the bare reference and changes nothing on a dry run', () => {
    expect(sh('kubectl taint nodes --all zone=a:PreferNoSchedule -o name').stdout).toBe('node/node-1\nnode/node-2\nnode/node-3\n');
    expect(sh('kubectl taint nodes node-2 zone- --dry-run=client').stdout).toBe('node/node-2 untainted (dry run)\n');
    expect(sh('kubectl taint nodes node-2 zone- --dry-run=server').stdout).toBe('node/node-2 untainted (server dry run)\n');
    expect(taints('node-2')).toBe('[{"effect":"PreferNoSchedule","key":"zone","value":"a"}]');
    expect(sh('kubectl taint nodes -l kubernetes.io/hostname=node-3 zone- -o jsonpath={.spec.taints}').stdout).toBe('');
    expect(sh('kubectl taint nodes node-1 node-2 zone-').stdout).toBe('node/node-1 untainted\nnode/node-2 untainted\n');
  });

  it('goes on past a node it cannot change and prints the errors after', () => {
    sh('kubectl taint nodes node-2 x:NoSchedule');
    const r = sh('kubectl taint nodes node-9 node-2 node-3 x:NoSchedule');
    expect(r.stdout).toBe('node/node-3 tainted\n');
    expect(r.stderr).toBe('Error from server (NotFound): nodes "node-9" not found\nnode node-2 already has x taint(s) with same effect(s) and --overwrite is false\n');
    expect(r.exitCode).toBe(1);
  });
});
