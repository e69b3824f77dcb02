/**
 * NodeInfo's pod list against a plain model of upstream's: a search from the start by uid (or by
 * namespace/name for a pod without one), removeFromSlice (the last pod takes the removed one's
 * place), an update as a removal then an add. A random walk with a small pool of uids, so some
 * are shared and some pods have none, checks the exact order after every step; NodeInfo answers
 * from the positions it keeps.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/rng';
import { makeNode, makePod } from '../testing/wrappers';
import { NodeInfo } from './types';
import type { V1Pod } from './v1';

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(0, xs.length - 1)] as T;
}

/** Upstream's rule: the first pod from the start with the uid, or without one, the namespace/name. */
function modelIndex(pods: readonly V1Pod[], pod: V1Pod): number {
  const uid = pod.metadata.uid;
  return pods.findIndex((p) => (uid ? p.metadata.uid === uid : p.metadata.name === pod.metadata.name && p.metadata.namespace === pod.metadata.namespace));
}

function modelRemove(pods: V1Pod[], pod: V1Pod): boolean {
  const i = modelIndex(pods, pod);
  if (i < 0) return false;
  const last = pods.pop() as V1Pod;
  if (i < pods.length) pods[i] = last;
  return true;
}

describe('NodeInfo pod positions', () => {
  it('find, remove and replace pods as a search from the start would, shared and missing uids included', () => {
    const rng = new Rng(11);
    const info = new NodeInfo(makeNode({ name: 'n', pods: '1000' }));
    const model: V1Pod[] = [];
    const UIDS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', ''];
    let next = 0;
    let shared = 0;
    for (let step = 0; step < 4000; step++) {
      const op = model.length === 0 ? 0 : rng.int(0, 5);
      if (op <= 1) {
        // Pods without a uid are told apart by namespace/name; a few names repeat too.
        const uid = pick(rng, UIDS);
        const made = makePod({ name: `p${rng.int(0, 3) === 0 ? rng.int(0, 5) : next++}`, cpu: '10m' });
        const pod = { ...made, metadata: { ...made.metadata, uid } };
        if (uid && model.some((p) => p.metadata.uid === uid)) shared++;
        info.addPod(pod);
        model.push(pod);
      } else if (op === 2 || op === 3) {
        // A status update of a pod that is there, or of one that is not (its old version asked for).
        const old = rng.int(0, 4) === 0 ? makePod({ name: 'absent', uid: pick(rng, UIDS) }) : pick(rng, model);
        const at = modelIndex(model, old);
        const cur = { ...(at < 0 ? old : (model[at] as V1Pod)), status: { phase: `Running-${step}` } };
        info.replacePod(old, cur);
        modelRemove(model, old);
        model.push(cur);
      } else if (op === 4) {
        // A relabelled version: the slow path (remove, add).
        const old = pick(rng, model);
        const cur = { ...old, metadata: { ...old.metadata, labels: { step: String(step) } } };
        info.replacePod(old, cur);
        modelRemove(model, old);
        model.push(cur);
      } else {
        const victim = rng.int(0, 5) === 0 ? makePod({ name: 'absent', uid: pick(rng, UIDS) }) : pick(rng, model);
        expect(info.removePod(victim)).toBe(modelRemove(model, victim));
      }
      expect(info.pods.map((p) => p.pod)).toEqual(model);
      if (model.length > 40) {
        // Keep the list short enough that uids stay shared and single by turns.
        while (model.length > 10) {
          const victim = model[0] as V1Pod;
          expect(info.removePod(victim)).toBe(modelRemove(model, victim));
        }
        expect(info.pods.map((p) => p.pod)).toEqual(model);
      }
    }
    expect(shared).toBeGreaterThan(100);
  });
});
