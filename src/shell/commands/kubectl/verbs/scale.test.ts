/**
 * `kubectl scale TYPE --all` and `TYPE -l SELECTOR` (scale.go over the resource builder), and
 * the builder's refusals.
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

const SETUP = `kubectl create deployment scale-1 --image=nginx
kubectl create deployment scale-2 --image=nginx
kubectl create deployment scale-3 --image=nginx
kubectl label deploy scale-1 scale-2 run=hello`;
const REPLICAS = "kubectl get deploy -o jsonpath='{range .items[*]}{.spec.replicas}{end}'";

describe('kubectl scale over a selection', () => {
  it('-l scales what the selector lists, --all every object of the type', () => {
    const e = play(`${SETUP}\nkubectl scale deploy --replicas=2 -l run=hello\n${REPLICAS}\nkubectl scale deploy --replicas=3 --all\n${REPLICAS}`);
    expect(e.slice(4).map((x) => x.stdout)).toEqual(['deployment.apps/scale-1 scaled\ndeployment.apps/scale-2 scaled\n', '221', 'deployment.apps/scale-1 scaled\ndeployment.apps/scale-2 scaled\ndeployment.apps/scale-3 scaled\n', '333']);
  });

  it('--all with --dry-run=client changes nothing', () => {
    const e = play(`${SETUP}\nkubectl scale deploy --replicas=3 --all --dry-run=client\n${REPLICAS}`);
    expect(e[4]?.stdout).toContain('deployment.apps/scale-3 scaled (dry run)\n');
    expect(e[5]?.stdout).toBe('111');
  });

  it('refuses a name with a selector, an empty selection, and a bare type', () => {
    const e = play(`${SETUP}\nkubectl scale deploy scale-1 --replicas=3 -l run=hello\nkubectl scale deploy --replicas=3 -l run=nope\nkubectl scale deploy --replicas=3\n${REPLICAS}`);
    expect(e.slice(4, 7).map((x) => [x.exitCode, x.stderr])).toEqual([
      [1, 'error: name cannot be provided when a selector is specified\n'],
      [1, 'error: no objects passed to scale\n'],
      [1, 'error: resource(s) were provided, but no name was specified\n'],
    ]);
    expect(e[7]?.stdout).toBe('111');
  });
});
