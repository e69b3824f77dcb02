/**
 * The rule that lets the simulation share objects by reference: an object the apiserver has
 * stored (what its watch cache, every informer and the writer's answer hold) is never changed
 * by anyone. Here every such object is deep-frozen as it is stored, so a component that changes
 * one in place throws (modules are strict) and the transcript no longer matches. Real clusters
 * cannot show this bug, as every process decodes its own copy; the rest client's copy of request
 * bodies closes the other direction (a writer changing what it sent).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '../sim/api/kube-object';
import { JustWritten } from '../sim/apiserver/storage/codec';
import { main } from './main';
import { readDirNames } from './node-files';

const DIR = join(import.meta.dirname, 'fixtures', 'kubectl');

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

function masked(transcript: string): string {
  return transcript
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>')
    .replace(/("?resourceVersion"?: ")\d+"/g, '$1<rv>"')
    .replace(/kube-api-access-[a-z0-9]{5}/g, 'kube-api-access-<id>');
}

describe('objects the apiserver stores are never changed in place', () => {
  beforeAll(() => {
    const remember = JustWritten.prototype.remember;
    const decode = JustWritten.prototype.decode;
    vi.spyOn(JustWritten.prototype, 'remember').mockImplementation(function (this: JustWritten, key: string, value: string, object: KubeObject) {
      return remember.call(this, key, value, deepFreeze(object));
    });
    vi.spyOn(JustWritten.prototype, 'decode').mockImplementation(function (this: JustWritten, kv) {
      return deepFreeze(decode.call(this, kv));
    });
  });
  afterAll(() => vi.restoreAllMocks());

  // The workload controllers, the kubelet and kube-proxy at work; every script's transcript is
  // what kubectl-scripts.test.ts checks, so a match here means no component wrote to a frozen object.
  it.each(['deployment-rollout.sh', 'cronjob.sh', 'daemonset-rollback.sh', 'statefulset.sh', 'service-traffic.sh', 'qos.sh', 'taints.sh', 'explain-why.sh'])('%s plays as it does unfrozen', (script) => {
    let out = '';
    main(['run', script], {
      stdout: (t) => (out += t),
      stderr: (t) => (out += t),
      readFile: (path) => readFileSync(join(DIR, path), 'utf8'),
      readDir: (path) => readDirNames(join(DIR, path)),
    });
    expect(masked(out)).toBe(readFileSync(join(DIR, script.replace(/\.sh$/, '.out')), 'utf8'));
  });
});
