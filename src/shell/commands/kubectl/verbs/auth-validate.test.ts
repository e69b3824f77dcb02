/** `kubectl auth can-i`: Validate()'s errors and warnings (cani.go), before any review is posted. */
import { describe, expect, it } from 'vitest';
import { bootedCluster } from '../../../../sim/cluster';
import { Shell, type TranscriptEntry } from '../../../shell';

function one(line: string): TranscriptEntry {
  const outcome = new Shell(bootedCluster({ seed: 1 }), { interactive: false }).run(line);
  if (outcome.kind !== 'ran' || !outcome.entries[0]) throw new Error('not run');
  return outcome.entries[0];
}

describe('kubectl auth can-i validation', () => {
  it.each([
    ['kubectl auth can-i get /logs/ --subresource=log', 'error: --subresource can not be used with NonResourceURL\n'],
    ['kubectl auth can-i get /logs/ x', 'error: NonResourceURL and ResourceName can not specified together\n'],
    ['kubectl auth can-i --list -q', 'error: --list and --quiet should not be specified at the same time\n'],
    ['kubectl auth can-i get pods --no-headers', 'error: --no-headers cannot be set without --list specified\n'],
  ])('%s is refused', (line, stderr) => {
    expect(one(line)).toMatchObject({ exitCode: 1, stdout: '', stderr });
  });

  it.each([
    ['kubectl auth can-i get nodes', "Warning: resource 'nodes' is not namespace scoped\n\n"],
    ['kubectl auth can-i get clusterroles', "Warning: resource 'clusterroles' is not namespace scoped in group 'rbac.authorization.k8s.io'\n\n"],
    ['kubectl auth can-i frob /logs/', "Warning: verb 'frob' is not a known verb\n\n"],
    ['kubectl auth can-i get nodes -A', ''],
    ['kubectl auth can-i get pods', ''],
  ])('%s warns before the answer', (line, stderr) => {
    const r = one(line);
    expect(r).toMatchObject({ exitCode: 0, stdout: 'yes\n', stderr });
    expect(r.stderrLead ?? 0).toBe(stderr.length);
  });
});
