/**
 * `kubectl apply set-last-applied`: the annotation set from the file (json.Marshal of it, its
 * namespace filled in), --create-annotation, --dry-run, `no changes required`, and the errors.
 */
import { describe, expect, it } from 'vitest';
import { playWithFiles } from '../files-shell.test-helpers';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: test-pod\n  labels:\n    name: test-pod-label\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
const FILES = { 'pod.yaml': POD, 'other.yaml': POD.replace('test-pod\n', 'other-pod\n'), 'dir/a.yaml': POD, 'dir/b.yaml': POD.replace('test-pod\n', 'other-pod\n') };
const play = (...lines: string[]) => playWithFiles(FILES, ...lines);
const ANNOTATION = "kubectl get pod test-pod -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'";

describe('kubectl apply set-last-applied', () => {
  it('needs --create-annotation on an object without one; the dry runs change nothing; then the annotation is the file as sorted compact JSON', () => {
    const entries = play(
      'kubectl create -f pod.yaml',
      'kubectl apply set-last-applied -f pod.yaml',
      'kubectl apply set-last-applied -f pod.yaml --create-annotation --dry-run=client',
      'kubectl apply set-last-applied -f pod.yaml --create-annotation --dry-run=server',
      ANNOTATION,
      'kubectl apply set-last-applied -f pod.yaml --create-annotation=true',
      ANNOTATION,
      'kubectl apply set-last-applied -f pod.yaml',
    );
    expect(entries.slice(1).map((e) => [e.exitCode, e.stdout, e.stderr])).toEqual([
      [1, '', 'error: no last-applied-configuration annotation found on resource: test-pod, to create the annotation, run the command with --create-annotation\n'],
      [0, 'pod/test-pod configured (dry run)\n', ''],
      [0, 'pod/test-pod configured (server dry run)\n', ''],
      [0, '', ''],
      [0, 'pod/test-pod configured\n', ''],
      [0, '{"apiVersion":"v1","kind":"Pod","metadata":{"labels":{"name":"test-pod-label"},"name":"test-pod","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"c"}]}}', ''],
      [0, 'set-last-applied test-pod: no changes required.\n', ''],
    ]);
  });

  it('replaces what apply wrote, and prints the patched object with -o', () => {
    const [, set] = play('kubectl apply -f pod.yaml', 'kubectl apply set-last-applied -f pod.yaml -o yaml');
    expect(set?.stdout).toContain('kubectl.kubernetes.io/last-applied-configuration: \'{"apiVersion":"v1","kind":"Pod","metadata":{"labels":');
    expect(set?.stdout).toMatch(/^apiVersion: v1\nkind: Pod\n/);
  });

  it('checks every object before patching any: a missing one stops it with nothing changed', () => {
    const entries = play('kubectl create -f pod.yaml', 'kubectl apply set-last-applied -f dir --create-annotation', ANNOTATION);
    expect(entries.slice(1).map((e) => [e.exitCode, e.stdout, e.stderr])).toEqual([
      [1, '', 'Error from server (NotFound): pods "other-pod" not found\n'],
      [0, '', ''],
    ]);
  });

  it('needs -f', () => {
    const [r] = play('kubectl apply set-last-applied');
    expect(r?.exitCode).toBe(1);
    expect(r?.stderr).toMatch(/^error: You must provide one or more resources by argument or filename\./);
  });
});
