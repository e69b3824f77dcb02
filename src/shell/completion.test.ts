import { describe, expect, it } from 'vitest';
import { bootedCluster } from '../sim/cluster';
import { Shell } from './shell';

const shell = new Shell(bootedCluster({ seed: 1 }), { interactive: false });
shell.run("kubectl run web --image=nginx:1.27\nkubectl run worker --image=busybox:1.36\nkubectl create namespace team-a\nkubectl create configmap settings -n team-a --from-literal=a=b");

/** The line after Tab: the lone candidate put in place, or the candidates offered. */
function tab(line: string): string | readonly string[] {
  const { start, candidates } = shell.complete(line);
  return candidates.length === 1 ? line.slice(0, start) + (candidates[0] ?? '') : candidates;
}

describe('Tab completion', () => {
  it.each([
    ['kub', ['kubearch', 'kubectl']],
    ['kubec', 'kubectl '],
    ['kubectl ge', 'kubectl get '],
    ['kubectl get poddis', 'kubectl get poddisruptionbudgets '],
    ['kubectl describe no', 'kubectl describe nodes '],
    ['kubectl get pods w', ['web', 'worker']],
    ['kubectl get pods we', 'kubectl get pods web '],
    ['kubectl get po/we', 'kubectl get po/web '],
    ['kubectl logs wo', 'kubectl logs worker '],
    ['kubectl get cm -n team-a s', 'kubectl get cm -n team-a settings '],
    ['kubectl get cm s', []],
    ['kubectl get pods -n team', 'kubectl get pods -n team-a '],
    ['kubectl get pods --wat', ['--watch', '--watch-only']],
    ['kubectl get pods --all', ['--all-namespaces', '--allow-missing-template-keys']],
    ['kubectl get pods --all-n', 'kubectl get pods --all-namespaces '],
    ['kubectl get pods -o js', ['json', 'jsonpath=']],
    ['kubectl cordon node-', ['node-1', 'node-2', 'node-3']],
    ['kubectl rollout re', ['restart', 'resume']],
    ['kubectl rollout undo deploym', 'kubectl rollout undo deployments '],
    ['kubectl set im', 'kubectl set image '],
    ['kubectl set image pods w', ['web', 'worker']],
    ['kubearch st', ['status', 'step']],
    ['etcdctl comp', 'etcdctl compaction '],
    ['frobnicate x', []],
  ])('%s', (line, expected) => {
    expect(tab(line)).toEqual(expected);
  });

  it('lists the candidates when the word is empty', () => {
    expect(shell.complete('kubectl ').candidates).toContain('get');
    expect(shell.complete('').candidates).toEqual(shell.commandNames());
  });

  it('offers no names to a user who may not list them (the list goes through RBAC)', () => {
    expect(shell.complete('kubectl --as bob get pods w').candidates).toEqual([]);
    expect(shell.complete('kubectl --as=alice --as-group=system:masters get pods w').candidates).toEqual(['web', 'worker']);
  });
});
