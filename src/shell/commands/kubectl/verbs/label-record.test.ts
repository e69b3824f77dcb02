/**
 * `kubectl label|annotate --record` (label.go and annotate.go keep RecordFlags): the command line
 * goes into `kubernetes.io/change-cause` in the same merge patch as the change, pflag's
 * deprecation notice comes first on stderr, and a client dry run records nothing.
 */
import { describe, expect, it } from 'vitest';
import { bootedCluster } from '../../../../sim/cluster';
import { Shell } from '../../../shell';

function play(script: string) {
  const shell = new Shell(bootedCluster({ seed: 1 }), { interactive: false });
  const outcome = shell.run(script);
  if (outcome.kind !== 'ran') throw new Error(outcome.kind);
  return outcome.entries;
}

const CAUSE = `{.metadata.annotations.kubernetes\\.io/change-cause}`;

describe('label and annotate --record', () => {
  it('records the command line with the label, and says the flag is deprecated', () => {
    const entries = play(`kubectl create configmap one
kubectl label cm one tier=web --record
kubectl get cm one -o jsonpath='{.metadata.labels.tier} ${CAUSE}'`);
    expect(entries[1]?.stdout).toBe('configmap/one labeled\n');
    expect(entries[1]?.stderr).toBe('Flag --record has been deprecated, --record will be removed in the future\n');
    expect(entries[2]?.stdout).toBe('web kubectl label cm one tier=web --record=true');
  });

  it('records with annotate, beside the annotation it sets', () => {
    const entries = play(`kubectl create configmap one
kubectl annotate cm one note=hi --record
kubectl get cm one -o jsonpath='{.metadata.annotations.note} ${CAUSE}'`);
    expect(entries[1]?.stdout).toBe('configmap/one annotated\n');
    expect(entries[2]?.stdout).toBe('hi kubectl annotate cm one note=hi --record=true');
  });

  it('counts a new change-cause as a change even when the label is already set', () => {
    const entries = play(`kubectl create configmap one
kubectl label cm one tier=web
kubectl label cm one tier=web --overwrite --record
kubectl get cm one -o jsonpath='${CAUSE}'`);
    expect(entries[1]?.stdout).toBe('configmap/one labeled\n');
    expect(entries[2]?.stdout).toBe('configmap/one labeled\n');
    expect(entries[3]?.stdout).toBe('kubectl label cm one tier=web --overwrite=true --record=true');
  });

  it('records nothing on a client dry run', () => {
    const entries = play(`kubectl create configmap one
kubectl label cm one tier=web --record --dry-run=client
kubectl get cm one -o jsonpath='[${CAUSE}]'`);
    expect(entries[1]?.stdout).toBe('configmap/one labeled (dry run)\n');
    expect(entries[2]?.stdout).toBe('[]');
  });
});
