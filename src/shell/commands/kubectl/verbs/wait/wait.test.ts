/**
 * `kubectl wait`: the conditions wait.go knows, the simulated clock running while it waits, and
 * its messages for a timeout, a missing object, nothing matched and a bad --for.
 */
import { describe, expect, it } from 'vitest';
import { bootedCluster } from '../../../../../sim/cluster';
import { Shell, type TranscriptEntry } from '../../../../shell';

function play(script: string): TranscriptEntry[] {
  const shell = new Shell(bootedCluster({ seed: 1 }), { interactive: false });
  const outcome = shell.run(script);
  if (outcome.kind !== 'ran') throw new Error(outcome.kind);
  return outcome.entries;
}

const r = (e: TranscriptEntry | undefined) => [e?.exitCode, e?.stdout, e?.stderr];

describe('kubectl wait', () => {
  it('waits, as simulated time runs, for a condition, a jsonpath value and a deletion', () => {
    const e = play(`kubectl create deployment web --image=nginx
kubectl wait --for=condition=Available deployment/web
kubectl wait --for=jsonpath='{.status.readyReplicas}'=1 deploy web
kubectl wait --for=condition=Ready pod -l app=web
kubectl delete deploy web --wait=false
kubectl wait --for=delete pod -l app=web --timeout=60s
kubectl get pods`);
    expect(r(e[1])).toEqual([0, 'deployment.apps/web condition met\n', '']);
    expect(r(e[2])).toEqual([0, 'deployment.apps/web condition met\n', '']);
    expect(e[3]?.stdout).toMatch(/^pod\/web-[a-z0-9]+-[a-z0-9]{5} condition met\n$/);
    expect(e[5]?.stdout).toBe(e[3]?.stdout);
    expect(e[6]?.stderr).toBe('No resources found in default namespace.\n');
  });

  it('times out after --timeout of simulated time, naming the object', () => {
    const e = play(`kubectl run never --image=busybox --restart=Never -- sh -c 'exit 1'
kubectl wait --for=condition=Ready pod/never --timeout=45s
kubectl get pod never -o jsonpath='{.status.phase}'`);
    expect(r(e[1])).toEqual([1, '', 'error: timed out waiting for the condition on pods/never\n']);
    expect(e[2]?.stdout).toBe('Failed');
  });

  it('--timeout=0 checks once', () => {
    const e = play('kubectl run p --image=nginx\nkubectl wait --for=condition=Ready pod/p --timeout=0');
    expect(r(e[1])).toEqual([1, '', 'error: condition not met for pods/p\n']);
  });

  it('--for=create returns at once for an object that exists, and times out for one that never comes', () => {
    const e = play('kubectl create configmap here\nkubectl wait --for=create configmap/here\nkubectl wait --for=create configmap/later --timeout=5s');
    expect(r(e[1])).toEqual([0, 'configmap/here condition met\n', '']);
    expect(r(e[2])).toEqual([1, '', 'error: timed out waiting for the condition\n']);
  });

  it('refuses what wait.go refuses', () => {
    const e = play(`kubectl run p --image=nginx
kubectl wait --for=condition=Ready pod/nope
kubectl wait --for=delete pod/nope
kubectl wait --for=nothing pod/p
kubectl wait --for=condition=Ready pod -l app=none
kubectl wait --for=jsonpath='{.spec}'=x pod/p
kubectl wait --for=jsonpath='{.status.phase}'= pod/p
kubectl wait --for=condition=Ready pod`);
    expect(e.slice(1).map(r)).toEqual([
      [1, '', 'Error from server (NotFound): pods "nope" not found\n'],
      [0, '', ''],
      [1, '', 'error: unrecognized condition: "nothing"\n'],
      [1, '', 'error: no matching resources found\n'],
      [1, '', 'error: jsonpath leads to a nested object or list which is not supported\n'],
      [1, '', "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n"],
      [1, '', 'error: resource(s) were provided, but no name was specified\n'],
    ]);
  });
});
