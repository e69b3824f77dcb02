/**
 * Taints on Nodes as controllers change them (pkg/util/taints and pkg/controller/controller_utils.go
 * AddOrUpdateTaintOnNode, RemoveTaintOffNode, PatchNodeTaints): each change GETs the Node (first
 * from the apiserver's cache, `resourceVersion=0`, then fresh after a conflict), computes the new
 * taint list and PATCHes `spec.taints` with the Node's resourceVersion as a precondition (taints
 * have no merge key, so the list is replaced whole), retrying a conflict up to 5 times
 * (UpdateTaintBackoff's steps). Used by the node lifecycle controller and the cloud node controller.
 */
import type { Node, Taint } from 'kubernetes-types/core/v1';
import { findResource } from '../../api/resources';
import { simulatedTimestamp } from '../../api/time';
import type { Engine } from '../../engine';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import { isSuccess } from '../../client/sync';

const nodes = findResource('nodes');
/** UpdateTaintBackoff: Steps 5, Duration 100 ms, Jitter 1.0 (jitter left out: the retry is deterministic). */
const UPDATE_TAINT_STEPS = 5;
const UPDATE_TAINT_BACKOFF_MS = 100;

/** Taint.MatchTaint: same key and effect (value and timeAdded do not count). */
export function matchTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

export function taintExists(taints: readonly Taint[] | undefined, taint: Taint): boolean {
  return (taints ?? []).some((t) => matchTaint(t, taint));
}

/** TaintSetDiff: the taints of `wanted` missing from `current`, and those of `current` not wanted. */
export function taintSetDiff(wanted: readonly Taint[], current: readonly Taint[]): { add: Taint[]; remove: Taint[] } {
  return {
    add: wanted.filter((t) => !taintExists(current, t)),
    remove: current.filter((t) => !taintExists(wanted, t)),
  };
}

/** AddOrUpdateTaint: the node's taints with `taint` added, or replacing one with its key and effect; undefined when already there. */
function withTaint(taints: readonly Taint[], taint: Taint): Taint[] | undefined {
  const existing = taints.find((t) => matchTaint(t, taint));
  if (existing && existing.value === taint.value) return undefined;
  if (existing) return taints.map((t) => (matchTaint(t, taint) ? taint : t));
  return [...taints, taint];
}

type Change = (taints: readonly Taint[]) => Taint[] | undefined;

/** GET the node, apply `change`, PATCH if it changed anything; `done(ok)` at the end. */
function updateNodeTaints(engine: Engine, client: RestClient, nodeName: string, change: Change, done: (ok: boolean) => void): void {
  if (!nodes) return done(false);
  const attempt = (step: number) => {
    const query = step === 0 ? { resourceVersion: '0' } : undefined;
    client.request('GET', resourcePath(nodes, { name: nodeName, ...(query ? { query } : {}) }), {}, (got) => {
      if (!isSuccess(got)) return done(got.code === 404);
      const node = got.body as Node;
      const taints = change(node.spec?.taints ?? []);
      if (!taints) return done(true);
      const body = { metadata: { resourceVersion: node.metadata?.resourceVersion }, spec: { taints: taints.length > 0 ? taints : null } };
      client.request('PATCH', resourcePath(nodes, { name: nodeName }), { body, contentType: 'application/strategic-merge-patch+json' }, (patched) => {
        if (isSuccess(patched)) return done(true);
        if (patched.code === 409 && step + 1 < UPDATE_TAINT_STEPS) {
          engine.schedule(UPDATE_TAINT_BACKOFF_MS, `${client.component}: retry taints of node ${nodeName}`, () => attempt(step + 1));
          return;
        }
        done(false);
      });
    });
  };
  attempt(0);
}

/** AddOrUpdateTaintOnNode: each taint gets timeAdded = now (SwapNodeControllerTaint stamps them). */
export function addOrUpdateTaintsOnNode(engine: Engine, client: RestClient, nodeName: string, taints: readonly Taint[], done: (ok: boolean) => void): void {
  if (taints.length === 0) return done(true);
  const stamped = taints.map((t) => ({ ...t, timeAdded: simulatedTimestamp(engine.now()) }));
  updateNodeTaints(engine, client, nodeName, (current) => {
    let out: Taint[] | undefined;
    for (const t of stamped) out = withTaint(out ?? current, t) ?? out;
    return out;
  }, done);
}

/** RemoveTaintOffNode: nothing is sent when the node we hold has none of the taints. */
export function removeTaintsOffNode(engine: Engine, client: RestClient, node: Node, taints: readonly Taint[], done: (ok: boolean) => void): void {
  if (!taints.some((t) => taintExists(node.spec?.taints, t))) return done(true);
  updateNodeTaints(engine, client, node.metadata?.name ?? '', (current) => {
    const kept = current.filter((t) => !taintExists(taints, t));
    return kept.length === current.length ? undefined : kept;
  }, done);
}

/** SwapNodeControllerTaint: add the new taints, then remove the old ones; `done(true)` when both went through. */
export function swapNodeControllerTaint(engine: Engine, client: RestClient, add: readonly Taint[], remove: readonly Taint[], node: Node, done: (ok: boolean) => void): void {
  addOrUpdateTaintsOnNode(engine, client, node.metadata?.name ?? '', add, (added) => {
    if (!added) return done(false);
    removeTaintsOffNode(engine, client, node, remove, done);
  });
}
