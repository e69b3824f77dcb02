/**
 * `kubectl autoscale` (autoscale.go, 1.32): the autoscaling/v1 HPA it generates, its dry runs,
 * its own refusals, and how `get hpa` and `describe hpa` print the result with no metrics yet.
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

const HPAS = "kubectl get hpa -o jsonpath='{range .items[*]}{.metadata.name} {end}'";

describe('kubectl autoscale', () => {
  it('creates a v1 HPA for the target, which get hpa prints with the default 80% target', () => {
    const e = play(`kubectl create deployment web --image=nginx\nkubectl autoscale deployment web --min=2 --max=3\nkubectl get hpa\nkubectl get hpa.v1.autoscaling web -o jsonpath='{.spec.minReplicas} {.spec.maxReplicas} {.spec.targetCPUUtilizationPercentage}'`);
    expect(e[1]?.stdout).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    expect(e[2]?.stdout).toBe('NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\nweb    Deployment/web   cpu: <unknown>/80%   2         3         0          0s\n');
    expect(e[3]?.stdout).toBe('2 3 80');
  });

  it('names the HPA with --name, takes --cpu-percent, and autoscales a ReplicationController', () => {
    const rc = `kubectl create -f - <<EOF
apiVersion: v1
kind: ReplicationController
metadata: {name: frontend}
spec:
  replicas: 1
  selector: {app: frontend}
  template:
    metadata: {labels: {app: frontend}}
    spec: {containers: [{name: c, image: nginx}]}
EOF`;
    const e = play(`${rc}\nkubectl autoscale rc frontend --max=4 --cpu-percent=50 --name=fe\nkubectl get hpa fe --no-headers`);
    expect(e[1]?.stdout).toBe('horizontalpodautoscaler.autoscaling/fe autoscaled\n');
    expect(e[2]?.stdout).toBe('fe    ReplicationController/frontend   cpu: <unknown>/50%   1     4     0     0s\n');
  });

  it('--dry-run=client and --dry-run=server create nothing', () => {
    const e = play(`kubectl create deployment web --image=nginx\nkubectl autoscale deployment web --max=3 --dry-run=client\nkubectl autoscale deployment web --max=3 --dry-run=server\n${HPAS}`);
    expect(e.slice(1).map((x) => x.stdout)).toEqual(['horizontalpodautoscaler.autoscaling/web autoscaled (dry run)\n', 'horizontalpodautoscaler.autoscaling/web autoscaled (server dry run)\n', '']);
  });

  it('refuses a missing or too small --max, a kind without a scale, and a missing target', () => {
    const e = play(`kubectl create deployment web --image=nginx\nkubectl create configmap cm\nkubectl autoscale deployment web\nkubectl autoscale deployment web --min=3 --max=2\nkubectl autoscale configmap cm --max=2\nkubectl autoscale deployment nope --max=2\n${HPAS}`);
    expect(e.slice(2, 6).map((x) => [x.exitCode, x.stderr])).toEqual([
      [1, 'error: --max=MAXPODS is required and must be at least 1, max: -1\n'],
      [1, 'error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 3\n'],
      [1, 'error: cannot autoscale a ConfigMap\n'],
      [1, 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ]);
    expect(e[6]?.stdout).toBe('');
  });

  it('describe hpa prints the metric it has no reading for yet', () => {
    const e = play('kubectl create deployment web --image=nginx\nkubectl autoscale deployment web --max=3\nkubectl describe hpa web');
    const text = e[2]?.stdout ?? '';
    expect(text).toContain('Reference:                                             Deployment/web\n');
    expect(text).toContain('Metrics:                                               ( current / target )\n  resource cpu on pods  (as a percentage of request):  <unknown> / 80%\n');
    expect(text).toContain('Min replicas:                                          1\nMax replicas:                                          3\nDeployment pods:                                       0 current / 0 desired\n');
  });
});
