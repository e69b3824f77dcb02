/**
 * `-o name` on the verbs that change an object prints only `TYPE/NAME`: NamePrintFlags sets
 * ShortOutput for it, which drops the operation ("labeled", "patched", "exposed"), and with it
 * the dry-run suffix.
 */
import { describe, expect, it } from 'vitest';
import { bootedCluster } from '../../../../sim/cluster';
import { Shell } from '../../../shell';

describe('-o name after a change', () => {
  it('prints TYPE/NAME and no operation for label, annotate, patch, expose and set', () => {
    const shell = new Shell(bootedCluster({ seed: 1 }), { interactive: false });
    const outcome = shell.run(`kubectl create configmap one --from-literal=a=b
kubectl create deployment web --image=nginx
kubectl label cm one x=y -o name
kubectl annotate cm one x=y -o name --dry-run=client
kubectl patch cm one -p '{"data":{"c":"d"}}' -o name
kubectl expose deployment web --port=80 -o name
kubectl set image deployment/web nginx=nginx:1.27 -o name
kubectl get cm one -o jsonpath='{.data.c}'`);
    if (outcome.kind !== 'ran') throw new Error(outcome.kind);
    expect(outcome.entries.slice(2).map((e) => e.stdout)).toEqual(['configmap/one\n', 'configmap/one\n', 'configmap/one\n', 'service/web\n', 'deployment.apps/web\n', 'd']);
  });
});
