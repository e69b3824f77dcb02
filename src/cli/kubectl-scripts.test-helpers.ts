/**
 * Playing the kubectl scripts of fixtures/kubectl through the real runner (`kubearch run`), and
 * masking the values the apiserver generates before a transcript is compared with its .out file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from './main';
import { readDirNames } from './node-files';

export const SCRIPTS_DIR = join(import.meta.dirname, 'fixtures', 'kubectl');

export function play(script: string): string {
  let out = '';
  main(['run', script], {
    stdout: (t) => (out += t),
    // The transcript interleaves stderr where kubectl's output would appear on a terminal.
    stderr: (t) => (out += t),
    readFile: (path) => readFileSync(join(SCRIPTS_DIR, path), 'utf8'),
    // Directories beside the scripts: `-f DIR` and kustomizations (`-k DIR`).
    readDir: (path) => readDirNames(join(SCRIPTS_DIR, path)),
  });
  return out;
}

/** Mask generated values: `uid: <uid>`, `resourceVersion: "<rv>"`, `kube-api-access-<id>`. */
export function masked(transcript: string): string {
  return transcript
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>')
    .replace(/("?resourceVersion"?: ")\d+"/g, '$1<rv>"')
    .replace(/kube-api-access-[a-z0-9]{5}/g, 'kube-api-access-<id>');
}

/** What kubectl 1.32 prints for the script (its .out file). */
export function expectedTranscript(script: string): string {
  return readFileSync(join(SCRIPTS_DIR, script.replace(/\.sh$/, '.out')), 'utf8');
}
