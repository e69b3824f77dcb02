/**
 * The steps of the apiserver's create path outside storage and the field manager, each timed
 * in-process on the objects a real create sees (a ReplicaSet controller's pod, an event
 * recorder's Event), so that two versions of the code can be compared step by step:
 *   node --import tsx bench/create-steps.ts [ROUNDS]
 * Steps: decode checks (type decoding + strict field validation, or the one clean-body walk
 * where it exists), defaulting, mutating admission, validation, validating admission. Prints
 * the CPU time per call of each step (median of ROUNDS rounds of N calls).
 */
import { bootedCluster } from '../src/sim/cluster';
import { findResource } from '../src/sim/api/resources';
import type { KubeObject } from '../src/sim/api/kube-object';
import type { AdmissionAttributes } from '../src/sim/apiserver/admission/types';
import { applyDefaults, validateCreate } from '../src/sim/apiserver/registry/validation-hooks';
import { firstTypeMismatchAs } from '../src/sim/api/schema/type-decoding';
import { unknownFields } from '../src/sim/api/schema/strict-decoding';
import { kubeletEvent, replicaSetPod } from './sample-bodies';

const rounds = Number(process.argv[2] ?? 7);
const N = 20_000;

// The one-walk check where this version of the code has it, else the two walks it replaces.
const cleanBody = await import('../src/sim/api/schema/clean-body').catch(() => undefined);
const decodeChecks = cleanBody
  ? (body: Record<string, unknown>) => cleanBody.decodesCleanly(body) || (firstTypeMismatchAs(body, body['apiVersion'], body['kind']), unknownFields(body))
  : (body: Record<string, unknown>) => (firstTypeMismatchAs(body, body['apiVersion'], body['kind']), unknownFields(body));

const cluster = bootedCluster({ seed: 1, scheduler: false });
cluster.engine.runFor(5_000);
const chain = cluster.apiserver.admission;
const user = { name: 'system:serviceaccount:kube-system:replicaset-controller', groups: ['system:serviceaccounts', 'system:authenticated'] };

const podBody = replicaSetPod() as unknown as KubeObject;
const eventBody = kubeletEvent(1) as unknown as KubeObject;

function attributes(resource: string, object: KubeObject): AdmissionAttributes {
  const info = findResource(resource);
  if (!info) throw new Error(resource);
  return { operation: 'CREATE', resource: info, subresource: '', namespace: 'default', name: object.metadata.name ?? '', object, oldObject: undefined, user, dryRun: false };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function time(label: string, fn: () => unknown): number {
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < N; i++) fn();
    const c = process.cpuUsage(c0);
    per.push(((c.user + c.system) / N) * 1000);
  }
  const m = median(per);
  console.log(`${label.padEnd(34)} ${m.toFixed(0).padStart(6)} ns`);
  return m;
}

for (const [resource, body] of [
  ['pods', podBody],
  ['events', eventBody],
] as const) {
  const decoded = { ...body, metadata: { ...body.metadata, name: body.metadata.name ?? 'web-7d4b9c8f6d-abcde' } } as KubeObject;
  const defaulted = applyDefaults(decoded);
  const admitted = chain.admit(attributes(resource, defaulted), []) ?? defaulted;
  const stored = { ...admitted, metadata: { ...admitted.metadata, uid: '6f1d1b0e-0000-4000-8000-000000000001', creationTimestamp: '2026-01-01T00:00:10Z' } } as KubeObject;
  if (validateCreate(stored).length) throw new Error(JSON.stringify(validateCreate(stored)));
  console.log(`## ${resource}`);
  let total = 0;
  total += time('decode checks', () => decodeChecks(body as unknown as Record<string, unknown>));
  total += time('defaulting', () => applyDefaults(decoded));
  total += time('mutating admission', () => chain.admit(attributes(resource, defaulted), []));
  total += time('validation', () => validateCreate(stored));
  total += time('validating admission', () => chain.validate(attributes(resource, stored), []));
  console.log(`${'sum'.padEnd(34)} ${total.toFixed(0).padStart(6)} ns`);
}
