/**
 * `kubectl exec TYPE/NAME`: the pod AttachablePodForObject picks, and the refusals it gives.
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

describe('kubectl exec TYPE/NAME', () => {
  it('a Deployment or Service runs the command in one of its running pods', () => {
    const entries = play(`kubectl create deployment web --image=busybox -- sleep 3600
kubectl expose deployment web --port=80
sleep 30s
kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}'
kubectl exec deploy/web -- hostname
kubectl exec service/web -- hostname`);
    const pod = entries[3]?.stdout ?? '';
    expect(pod).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(entries.slice(4).map((e) => [e.exitCode, e.stdout])).toEqual([
      [0, `${pod}\n`],
      [0, `${pod}\n`],
    ]);
  });

  it('refuses a kind without a pod selector, naming its Go type as kubectl does', () => {
    const [, r] = play('kubectl create configmap c\nkubectl exec configmap/c -- date');
    expect(r).toMatchObject({ exitCode: 1, stderr: 'error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n' });
  });

  it('a Service without a selector has no pod to attach to', () => {
    const [, r] = play(`kubectl create -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: bare
spec:
  ports:
  - port: 80
EOF
kubectl exec svc/bare -- date`);
    expect(r).toMatchObject({ exitCode: 1, stderr: "error: cannot attach to *v1.Service: invalid service 'bare': Service is defined without a selector\n" });
  });

  it('-f names the pod from a file, and refuses a file of several objects', () => {
    const pod = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
`;
    const entries = play(`kubectl create -f - <<EOF
${pod('one')}EOF
sleep 20s
kubectl exec -f - -- hostname <<EOF
${pod('one')}EOF
kubectl exec -f - -- hostname <<EOF
${pod('one')}---
${pod('two')}EOF`);
    expect(entries.slice(2).map((e) => [e.exitCode, e.stdout, e.stderr])).toEqual([
      [0, 'one\n', ''],
      [1, '', 'error: cannot exec into multiple objects at a time\n'],
    ]);
  });

  it("an unknown type and a missing object are the server's answers", () => {
    const [a, b] = play('kubectl exec foo/bar -- date\nkubectl exec deployments/bar -- date');
    expect(a?.stderr).toBe('error: the server doesn\'t have a resource type "foo"\n');
    expect(b?.stderr).toBe('Error from server (NotFound): deployments.apps "bar" not found\n');
  });
});
