/**
 * `kubectl set image|resources|selector --local -f FILE`: the file's objects changed and printed
 * with the command's namespace, nothing sent to the server; and the refusals around it.
 */
import { describe, expect, it } from 'vitest';
import { playWithFiles } from '../../files-shell.test-helpers';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
`;
const FILES = { 'deploy.yaml': DEPLOYMENT };
const play = (...lines: string[]) => playWithFiles(FILES, ...lines);

describe('kubectl set --local', () => {
  it("set image changes the file's object and prints it, with the namespace; the server has no such Deployment after", () => {
    const entries = play(
      "kubectl set image -f deploy.yaml nginx=nginx:1.26 --local -o jsonpath='{.metadata.namespace} {.spec.template.spec.containers[0].image}'",
      'kubectl set image -f deploy.yaml nginx=nginx:1.26 --local',
      'kubectl get deployments -o name',
    );
    expect(entries.map((e) => [e.exitCode, e.stdout, e.stderr])).toEqual([
      [0, 'default nginx:1.26', ''],
      [0, 'deployment.apps/web image updated\n', ''],
      [0, '', ''],
    ]);
  });

  it('set resources merges the limits into the file\'s containers, and prints nothing when nothing changes', () => {
    const entries = play(
      "kubectl set resources -f deploy.yaml --limits=cpu=200m,memory=512Mi --local -o jsonpath='{.spec.template.spec.containers[0].resources.limits}'",
      "kubectl set image -f deploy.yaml nginx=nginx:1.25 --local -o yaml",
    );
    expect(entries.map((e) => [e.exitCode, e.stdout, e.stderr])).toEqual([
      [0, '{"cpu":"200m","memory":"512Mi"}', ''],
      [0, '', ''],
    ]);
  });

  it('refuses resource arguments, --dry-run=server, and a missing file', () => {
    const entries = play(
      'kubectl set image deployment/web nginx=nginx:1.26 --local',
      'kubectl set resources deployment/web --limits=cpu=1 --local',
      'kubectl set image -f deploy.yaml nginx=nginx:1.26 --local --dry-run=server',
      'kubectl set resources -f deploy.yaml --limits=cpu=1 --local --dry-run=server',
      'kubectl set image -f missing.yaml nginx=nginx:1.26 --local',
    );
    const localResources = "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n";
    const serverDryRun = 'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n';
    expect(entries.map((e) => [e.exitCode, e.stderr])).toEqual([
      [1, localResources],
      [1, localResources],
      [1, serverDryRun],
      [1, serverDryRun],
      [1, 'error: the path "missing.yaml" does not exist\n'],
    ]);
  });
});
