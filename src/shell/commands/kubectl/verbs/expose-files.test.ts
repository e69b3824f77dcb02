/**
 * `kubectl expose -f FILE`: the file's objects exposed as they are written (no GET), with
 * expose's own refusals for an apps/v1 Deployment without matchLabels, a kind it cannot expose
 * and resource arguments beside the files.
 */
import { describe, expect, it } from 'vitest';
import { playWithFiles } from '../files-shell.test-helpers';

const deployment = (selector: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  selector: ${selector}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 8080
`;

const FILES = {
  'deploy.yaml': deployment('{matchLabels: {app: web}}'),
  'no-selector.yaml': deployment('{}'),
  'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
};
const play = (...lines: string[]) => playWithFiles(FILES, ...lines);

describe('kubectl expose -f', () => {
  it("exposes the file's Deployment, which the server does not have, on its container's port", () => {
    const [exposed, service] = play('kubectl expose -f deploy.yaml', "kubectl get service web -o jsonpath='{.spec.selector.app} {.spec.ports[0].port}'");
    expect([exposed?.exitCode, exposed?.stdout, exposed?.stderr]).toEqual([0, 'service/web exposed\n', '']);
    expect(service?.stdout).toBe('web 8080');
  });

  it("refuses a Deployment with no matchLabels, a kind it cannot expose, and names beside files", () => {
    const entries = play('kubectl expose -f no-selector.yaml --port 80', 'kubectl expose -f cm.yaml --port 80', 'kubectl expose -f deploy.yaml deployment web');
    expect(entries.map((e) => [e.exitCode, e.stderr])).toEqual([
      [1, "error: couldn't retrieve selectors via --selector flag or introspection: invalid deployment: no selectors, therefore cannot be exposed\nSee 'kubectl expose -h' for help and examples\n"],
      [1, 'error: cannot expose a ConfigMap\n'],
      [1, 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n'],
    ]);
  });
});
