/**
 * kubectl scripts through the real runner (`kubearch run`), shell and simulated cluster
 * (kube-scheduler binds pods, the kubelets run them, kube-proxy programs each node, the controllers built so far run):
 * each fixtures/kubectl/NAME.sh is played with seed 1 and its transcript must equal NAME.out,
 * which holds what kubectl 1.32 prints for the same commands. Ages are simulated time, so exact.
 *
 * Values the apiserver generates (uids, resourceVersions, the random suffix of a pod's
 * kube-api-access volume) are masked before comparing, so that the fixtures test kubectl's output
 * rather than the order in which other parts of the cluster happen to write to etcd.
 *
 * UPDATE_KUBECTL_FIXTURES=1 rewrites the .out files from the current output (review the diff).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedTranscript, masked, play, SCRIPTS_DIR } from './kubectl-scripts.test-helpers';

const DIR = SCRIPTS_DIR;

const scripts = readdirSync(DIR).filter((f) => f.endsWith('.sh'));

describe('kubectl scripts against a simulated cluster', () => {
  it.each(scripts)('%s prints what kubectl 1.32 prints', (script) => {
    const expectedPath = join(DIR, script.replace(/\.sh$/, '.out'));
    const actual = masked(play(script));
    if (process.env['UPDATE_KUBECTL_FIXTURES']) writeFileSync(expectedPath, actual);
    expect(actual).toBe(expectedTranscript(script));
  });
});
