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
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';
import { readDirNames } from './node-files';

const DIR = join(import.meta.dirname, 'fixtures', 'kubectl');

function play(script: string): string {
  let out = '';
  main(['run', script], {
    stdout: (t) => (out += t),
    // The transcript interleaves stderr where kubectl's output would appear on a terminal.
    stderr: (t) => (out += t),
    readFile: (path) => readFileSync(join(DIR, path), 'utf8'),
    // Directories beside the scripts: `-f DIR` and kustomizations (`-k DIR`).
    readDir: (path) => readDirNames(join(DIR, path)),
  });
  return out;
}

/** Mask generated values: `uid: <uid>`, `resourceVersion: "<rv>"`, `kube-api-access-<id>`. */
function masked(transcript: string): string {
  return transcript
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>')
    .replace(/("?resourceVersion"?: ")\d+"/g, '$1<rv>"')
    .replace(/kube-api-access-[a-z0-9]{5}/g, 'kube-api-access-<id>');
}

const scripts = readdirSync(DIR).filter((f) => f.endsWith('.sh'));

describe('kubectl scripts against a simulated cluster', () => {
  it.each(scripts)('%s prints what kubectl 1.32 prints', (script) => {
    const expectedPath = join(DIR, script.replace(/\.sh$/, '.out'));
    const actual = masked(play(script));
    if (process.env['UPDATE_KUBECTL_FIXTURES']) writeFileSync(expectedPath, actual);
    expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
  });
});
