/**
 * `kubectl delete --cascade`: the DeleteOptions propagationPolicy it sends (what the garbage
 * collector then does with the dependents), the deprecated boolean spellings, a bad value.
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

const PODS = "kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.ownerReferences[0].kind}{\"\\n\"}{end}'";

describe('kubectl delete --cascade', () => {
  it('orphan leaves the pods, without their controller reference', () => {
    const e = play(`kubectl create -f - <<EOF
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
spec:
  replicas: 2
  selector:
    matchLabels:
      tier: frontend
  template:
    metadata:
      labels:
        tier: frontend
    spec:
      containers:
      - name: php-redis
        image: nginx
EOF
sleep 10s
kubectl delete rs frontend --cascade=orphan
sleep 5s
${PODS}`);
    expect(e[2]?.stdout).toBe('replicaset.apps "frontend" deleted\n');
    const lines = (e[4]?.stdout ?? '').trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^frontend-[a-z0-9]{5} ?$/);
  });

  it('the default (background) deletes the dependents', () => {
    const e = play('kubectl create deployment web --image=nginx --replicas=2\nsleep 10s\nkubectl delete deploy web --cascade\nsleep 40s\nkubectl get rs,pods');
    expect(e[4]?.stderr).toBe('No resources found in default namespace.\n');
  });

  it('a boolean is deprecated with a warning, and anything else refused', () => {
    const e = play('kubectl create configmap c\nkubectl delete configmap c --cascade=false\nkubectl create configmap d\nkubectl delete configmap d --cascade=maybe\nkubectl get configmap d -o name');
    expect(e[1]).toMatchObject({ exitCode: 0, stderr: 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n', stdout: 'configmap "c" deleted\n' });
    expect(e[3]).toMatchObject({ exitCode: 1, stderr: 'error: invalid cascade value (maybe). Must be "background", "foreground", or "orphan"\n' });
    expect(e[4]?.stdout).toBe('configmap/d\n');
  });
});
