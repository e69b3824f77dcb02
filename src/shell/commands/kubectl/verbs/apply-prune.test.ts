/**
 * `kubectl apply --prune`: what it deletes (applied before, labelled, not in this apply), what it
 * spares (objects made by create, other kinds than the allowlist's), its dry runs, and its
 * refusals.
 */
import { describe, expect, it } from 'vitest';
import { playWithFiles } from '../files-shell.test-helpers';

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels:\n    group: g\nspec:\n  containers:\n  - name: c\n    image: nginx\n`;
const FILES = {
  'a.yaml': pod('a'),
  'b.yaml': pod('b'),
  'c.yaml': pod('c'),
  'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  labels:\n    group: g\n',
  'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\n  labels:\n    group: g\n',
};
const play = (...lines: string[]) => playWithFiles(FILES, ...lines);

const names = 'kubectl get pods,configmaps -l group=g -o name';

describe('kubectl apply --prune', () => {
  it('deletes what an earlier apply made and this one does not hold; spares what create made', () => {
    // A pruned pod is deleted gracefully: it is gone once its kubelet has stopped it.
    const entries = play('kubectl apply -f a.yaml', 'kubectl create -f c.yaml', 'kubectl apply -f cm.yaml', 'kubectl apply --prune -l group=g -f b.yaml', 'sleep 60s', names);
    expect(entries[3]?.stdout).toBe('pod/b created\nconfigmap/cm pruned\npod/a pruned\n');
    expect(entries[5]?.stdout).toBe('pod/b\npod/c\n');
  });

  it('lists only the --prune-allowlist kinds; a dry run deletes nothing', () => {
    const entries = play(
      'kubectl apply -f a.yaml',
      'kubectl apply -f cm.yaml',
      'kubectl apply --prune -l group=g -f b.yaml --prune-allowlist core/v1/ConfigMap --dry-run=client',
      'kubectl apply --prune -l group=g -f b.yaml --prune-allowlist core/v1/ConfigMap --dry-run=server',
      names,
      'kubectl apply --prune -l group=g -f b.yaml --prune-allowlist core/v1/ConfigMap',
      names,
    );
    expect(entries.slice(2).map((e) => e.stdout)).toEqual([
      'pod/b created (dry run)\nconfigmap/cm pruned (dry run)\n',
      'pod/b created (server dry run)\nconfigmap/cm pruned (server dry run)\n',
      'pod/a\nconfigmap/cm\n',
      'pod/b created\nconfigmap/cm pruned\n',
      'pod/a\npod/b\n',
    ]);
  });

  it('prunes nothing after an apply that failed', () => {
    const entries = play('kubectl apply -f a.yaml', 'kubectl apply --prune --all -f bad.yaml', 'kubectl get pod a -o name');
    expect(entries[1]?.exitCode).toBe(1);
    expect(entries[1]?.stdout).toBe('');
    expect(entries[2]?.stdout).toBe('pod/a\n');
  });

  it('refuses no selector, --all with -l, and an allowlist entry it cannot read or find', () => {
    const entries = play(
      'kubectl apply --prune -f a.yaml',
      'kubectl apply --prune --all -l group=g -f a.yaml',
      'kubectl apply --prune --all -f a.yaml --prune-allowlist v1/Pod',
      'kubectl apply --prune --all -f a.yaml --prune-allowlist core/v1/Widget',
    );
    expect(entries.map((e) => [e.exitCode, e.stderr])).toEqual([
      [1, 'error: all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector\n'],
      [1, 'error: cannot set --all and --selector at the same time\n'],
      [1, 'error: invalid GroupVersionKind format: v1/Pod, please follow <group/version/kind>\n'],
      [1, 'error: no matches for kind "Widget" in version "v1"\n'],
    ]);
  });
});
