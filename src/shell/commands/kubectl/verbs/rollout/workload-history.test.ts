/**
 * `kubectl rollout history|undo|restart|pause|resume` of DaemonSets and StatefulSets: their
 * history is the ControllerRevisions the controllers write (DaemonSetHistoryViewer,
 * StatefulSetHistoryViewer, DaemonSetRollbacker, StatefulSetRollbacker in polymorphichelpers).
 */
import { describe, expect, it } from 'vitest';
import { nodeVerbsShell } from '../node-verbs.test-helpers';

const agent = (image: string) => `kubectl apply -f - <<YAML
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: ${image}
YAML`;
const IMAGE = "kubectl get ds agent -o jsonpath='{.spec.template.spec.containers[0].image}'";

describe('rollout history and undo of a DaemonSet', () => {
  const { sh } = nodeVerbsShell();
  sh(agent('busybox:1.36'));
  sh('kubectl rollout status ds/agent');

  it('one revision: the table, and undo has no last revision', () => {
    expect(sh('kubectl rollout history ds/agent').stdout).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
    expect(sh('kubectl rollout undo ds/agent')).toMatchObject({ exitCode: 1, stderr: 'error: no last revision to roll back to\n' });
  });

  it('the change-cause is the annotation the DaemonSet had when the revision was made', () => {
    sh('kubectl annotate ds agent kubernetes.io/change-cause="to 1.37"');
    sh('kubectl set image ds/agent agent=busybox:1.37');
    sh('kubectl rollout status ds/agent');
    expect(sh('kubectl rollout history ds/agent').stdout).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         to 1.37\n\n');
    expect(sh('kubectl rollout history ds/agent --revision=1').stdout).toMatch(/^daemonset\.apps\/agent with revision #1\nPod Template:\n {2}Labels:\tapp=agent\n {2}Containers:\n {3}agent:\n {4}Image:\tbusybox:1\.36\n/);
    expect(sh("kubectl rollout history ds/agent --revision=1 -o jsonpath='{.kind} {.spec.template.spec.containers[0].image}'").stdout).toBe('DaemonSet busybox:1.36');
    expect(sh('kubectl rollout history ds/agent --revision=9')).toMatchObject({ exitCode: 1, stderr: 'error: unable to find the specified revision\n' });
  });

  it('undo: a client dry run says what it will roll back to and changes nothing; a match is skipped; a real one restores the template', () => {
    const dry = sh('kubectl rollout undo ds/agent --dry-run=client');
    expect(dry.stdout).toMatch(/^daemonset\.apps\/agent will roll back to Pod Template:\n[\s\S]*Image:\tbusybox:1\.36\n[\s\S]* \(dry run\)\n$/);
    expect(sh(IMAGE).stdout).toBe('busybox:1.37');
    expect(sh('kubectl rollout undo ds/agent --to-revision=2').stdout).toBe('daemonset.apps/agent skipped rollback (current template already matches revision 2)\n');
    expect(sh('kubectl rollout undo ds/agent --dry-run=server').stdout).toBe('daemonset.apps/agent rolled back (server dry run)\n');
    expect(sh(IMAGE).stdout).toBe('busybox:1.37');
    expect(sh('kubectl rollout undo ds/agent').stdout).toBe('daemonset.apps/agent rolled back\n');
    expect(sh(IMAGE).stdout).toBe('busybox:1.36');
    sh('kubectl rollout status ds/agent');
    // The old template came back: the controller renumbers its revision to the top.
    expect(sh('kubectl rollout history ds/agent').stdout).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         to 1.37\n3         <none>\n\n');
    expect(sh('kubectl rollout undo ds/agent --to-revision=7')).toMatchObject({ exitCode: 1, stderr: 'error: unable to find specified revision 7 in history\n' });
  });

  it('restart stamps the template; pause and resume are Deployments only', () => {
    expect(sh('kubectl rollout restart ds/agent').stdout).toBe('daemonset.apps/agent restarted\n');
    expect(sh("kubectl get ds agent -o jsonpath='{.spec.template.metadata.annotations}'").stdout).toMatch(/kubectl\.kubernetes\.io\/restartedAt/);
    expect(sh('kubectl rollout pause ds/agent')).toMatchObject({ exitCode: 1, stderr: 'error: daemonsets.apps "agent" pausing is not supported\n' });
    expect(sh('kubectl rollout resume ds/agent')).toMatchObject({ exitCode: 1, stderr: 'error: daemonsets.apps "agent" resuming is not supported\n' });
  });
});

describe('rollout history and undo of a StatefulSet', () => {
  const { sh } = nodeVerbsShell();
  sh(`kubectl apply -f - <<YAML
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
YAML`);
  sh('kubectl rollout status sts/web');

  it('lists the revisions and rolls back to the previous one', () => {
    sh('kubectl set image sts/web nginx=nginx:1.27');
    sh('kubectl rollout status sts/web');
    expect(sh('kubectl rollout history sts/web').stdout).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(sh('kubectl rollout undo sts/web').stdout).toBe('statefulset.apps/web rolled back\n');
    expect(sh("kubectl get sts web -o jsonpath='{.spec.template.spec.containers[0].image}'").stdout).toBe('nginx:1.26');
    expect(sh('kubectl rollout history sts/nope')).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): statefulsets.apps "nope" not found\n' });
  });
});
