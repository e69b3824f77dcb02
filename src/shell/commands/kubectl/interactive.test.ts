import { describe, expect, it } from 'vitest';
import { Cluster } from '../../../sim/cluster';
import { Shell } from '../../shell';

function started(interactive: boolean) {
  const cluster = new Cluster({ seed: 1 });
  const shell = new Shell(cluster, { interactive });
  cluster.engine.runUntil(10_000);
  return { cluster, shell };
}

function run(shell: Shell, line: string) {
  const outcome = shell.run(line);
  if (outcome.kind !== 'ran') throw new Error(`not run: ${outcome.kind}`);
  const entry = outcome.entries[0];
  if (!entry) throw new Error('no command ran');
  return { exitCode: entry.exitCode, stdout: entry.stdout, stderr: entry.stderr };
}

const POD = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx
EOF
`;

describe('kubectl in the page', () => {
  it('keeps get -w streaming rows into the terminal until stopped', () => {
    const { cluster, shell } = started(true);
    expect(run(shell, 'kubectl get pods -w')).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    const stream = shell.session.foreground;
    expect(stream?.kind).toBe('stream');
    if (stream?.kind !== 'stream') return;
    let notified = 0;
    stream.onOutput(() => notified++);
    run(shell, POD);
    cluster.engine.runUntil(cluster.engine.now() + 1000);
    expect(notified).toBeGreaterThan(0);
    // Each later row is printed on its own, as kubectl -w does, so its columns are its own width:
    // the scheduler binds the pod, then the kubelet starts creating its container.
    expect(stream.drain()).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE\nweb    0/1     Pending   0          0s\nweb   0/1   Pending   0     0s\nweb   0/1   ContainerCreating   0     0s\nweb   0/1   ContainerCreating   0     0s\n',
    );
    stream.stop();
    run(shell, 'kubectl delete pod web --wait=false');
    cluster.engine.runUntil(cluster.engine.now() + 1000);
    expect(stream.drain()).toBe('');
  });

  it('opens kubectl edit in the editor and applies the saved text as a patch', () => {
    const { shell } = started(true);
    run(shell, POD);
    expect(run(shell, 'kubectl edit pod web').exitCode).toBe(0);
    const edit = shell.session.foreground;
    expect(edit?.kind).toBe('edit');
    if (edit?.kind !== 'edit') return;
    expect(edit.text.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n")).toBe(true);
    expect(edit.submit(edit.text)).toEqual({ exitCode: 0, stdout: 'Edit cancelled, no changes made.\n', stderr: '' });
    expect(edit.submit(edit.text.replace('  name: web\n', '  labels:\n    edited: "yes"\n  name: web\n'))).toEqual({ exitCode: 0, stdout: 'pod/web edited\n', stderr: '' });
    expect(run(shell, 'kubectl get pod web --show-labels --no-headers').stdout).toMatch(/edited=yes\n$/);
  });

  it('validates the edited object strictly by default, and lets a typo through with a warning under --validate=warn', () => {
    const { shell } = started(true);
    run(shell, POD);
    const typo = (text: string) => text.replace('  - image: nginx\n', '  - image: nginx\n    imagee: x\n');
    run(shell, 'kubectl edit pod web');
    let edit = shell.session.foreground;
    if (edit?.kind !== 'edit') throw new Error('no edit in the foreground');
    expect(typo(edit.text)).not.toBe(edit.text);
    expect(edit.submit(typo(edit.text))).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('strict decoding error: unknown field "spec.containers[0].imagee"') });
    run(shell, 'kubectl edit pod web --validate=warn');
    edit = shell.session.foreground;
    if (edit?.kind !== 'edit') throw new Error('no edit in the foreground');
    const warned = typo(edit.text).replace('  name: web\n', '  labels:\n    edited: "yes"\n  name: web\n');
    expect(edit.submit(warned)).toEqual({ exitCode: 0, stdout: 'pod/web edited\n', stderr: 'Warning: unknown field "spec.containers[0].imagee"\n', stderrLead: 51 });
    expect(run(shell, 'kubectl get pod web --show-labels --no-headers').stdout).toMatch(/edited=yes\n$/);
  });

  it('leaves a get -w started while the editor was open running when the edit is saved', () => {
    const { shell } = started(true);
    run(shell, POD);
    run(shell, 'kubectl edit pod web');
    const edit = shell.session.foreground;
    if (edit?.kind !== 'edit') throw new Error('no edit in the foreground');
    run(shell, 'kubectl get pods -w');
    const stream = shell.session.foreground;
    expect(stream?.kind).toBe('stream');
    expect(edit.submit(edit.text.replace('  name: web\n', '  labels:\n    edited: "yes"\n  name: web\n')).stdout).toBe('pod/web edited\n');
    expect(shell.session.foreground).toBe(stream);
    edit.cancel();
    expect(shell.session.foreground).toBe(stream);
  });

  it('fails kubectl edit in a script, which has no editor', () => {
    const { shell } = started(false);
    run(shell, POD);
    expect(run(shell, 'kubectl edit pod web')).toMatchObject({ exitCode: 1, stderr: 'error: unable to launch the editor "vi"\n' });
  });
});
