/**
 * Loads reference/vectors/scheduler.json (upstream plugin test-table cases) and turns
 * each case's input into pods, nodes and a snapshot, and runs one plugin's extension points the
 * way the upstream tests do: PreScore, Score, NormalizeScore over the candidate nodes; or
 * PreFilter then Filter on one node.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CycleState } from '../framework/cycle-state';
import { isFilter, isPreFilter, isPreScore, isScore, type Handle, type NodeScore, type Plugin } from '../framework/interface';
import type { Code } from '../framework/status';
import type { V1Container, V1Node, V1Pod, V1Taint } from '../framework/v1';
import { Snapshot } from '../internal/cache/snapshot';
import { testHandle } from './wrappers';

export interface VectorCase {
  id: string;
  source: string;
  test: string;
  plugin: string;
  input: Record<string, unknown>;
  expect: { scores?: Record<string, number>; code?: Code; reason?: string; reason_v1_32?: string; preScore?: string };
  note?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
/** CI checks `shared/` out beside the repository. */
export const VECTORS_PATH = resolve(here, '../../../../reference/vectors/scheduler.json');

export function vectorCases(plugin: string): VectorCase[] {
  const all = (JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as { cases: VectorCase[] }).cases;
  return all.filter((c) => c.plugin === plugin);
}

type Json = Record<string, unknown>;
const MiB = 1024 * 1024;

function vectorPod(p: Json | undefined, name = 'pod', nodeName?: string): V1Pod {
  const containers: V1Container[] = [];
  for (const c of (p?.['containers'] as unknown[] | undefined) ?? []) {
    if (typeof c === 'string') containers.push({ name: `c${containers.length}`, image: c });
    else containers.push({ name: `c${containers.length}`, resources: { requests: c as Record<string, string> } });
  }
  const spec: Json = { containers };
  if (nodeName) spec['nodeName'] = nodeName;
  if (p?.['tolerations']) spec['tolerations'] = p['tolerations'];
  if (p?.['nodeSelector']) spec['nodeSelector'] = p['nodeSelector'];
  const nodeAffinity: Json = {};
  if (p?.['required']) nodeAffinity['requiredDuringSchedulingIgnoredDuringExecution'] = { nodeSelectorTerms: p['required'] };
  if ((p?.['preferred'] as unknown[] | undefined)?.length) nodeAffinity['preferredDuringSchedulingIgnoredDuringExecution'] = p?.['preferred'];
  const affinity: Json = {};
  if (Object.keys(nodeAffinity).length) affinity['nodeAffinity'] = nodeAffinity;
  const podAffinity = p?.['affinity'] as Json | null | undefined;
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = podAffinity?.[kind] as Json | undefined;
    if (!a) continue;
    affinity[kind] = {
      ...(a['required'] ? { requiredDuringSchedulingIgnoredDuringExecution: a['required'] } : {}),
      ...(a['preferred']
        ? {
            preferredDuringSchedulingIgnoredDuringExecution: (a['preferred'] as Json[]).map((t) => ({
              weight: t['weight'],
              podAffinityTerm: { labelSelector: t['labelSelector'], topologyKey: t['topologyKey'], ...(t['namespaces'] ? { namespaces: t['namespaces'] } : {}) },
            })),
          }
        : {}),
    };
  }
  if (Object.keys(affinity).length) spec['affinity'] = affinity;
  let labels = p?.['labels'] as Record<string, string> | undefined;
  if (p?.['constraints']) {
    spec['topologySpreadConstraints'] = p['constraints'];
    // inputNote: the PodTopologySpread table's pod carries label foo="".
    labels ??= { foo: '' };
  }
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}`, ...(labels ? { labels } : {}) }, spec } as V1Pod;
}

function vectorNode(n: Json, index: number): V1Node {
  const name = (n['name'] as string | undefined) ?? `node${index + 1}`;
  const images = n['images'] as Record<string, number> | undefined;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: (n['labels'] as Record<string, string> | undefined) ?? {} },
    spec: { taints: (n['taints'] as V1Taint[] | undefined) ?? [] },
    status: {
      allocatable: (n['allocatable'] as Record<string, string> | undefined) ?? {},
      ...(images ? { images: Object.entries(images).map(([image, mib]) => ({ names: [image], sizeBytes: mib * MiB })) } : {}),
    },
  };
}

export interface VectorWorld {
  pod: V1Pod;
  /** The candidate nodes (passed Filter) — `nodes`, or the one `node`. */
  candidates: V1Node[];
  snapshot: Snapshot;
  handle: Handle;
}

export function vectorWorld(input: Json): VectorWorld {
  const nodesIn = (input['nodes'] as Json[] | undefined) ?? (input['node'] ? [input['node'] as Json] : []);
  const candidates = nodesIn.map(vectorNode);
  const failed = ((input['failedNodes'] as Json[] | undefined) ?? []).map((n, i) => vectorNode(n, candidates.length + i));
  const existing = ((input['existingPods'] as Json[] | undefined) ?? []).map((e, i) => vectorPod(e, `existing-${i}`, e['node'] as string));
  const snapshot = Snapshot.from([...candidates, ...failed], existing);
  return { pod: vectorPod(input['pod'] as Json | undefined), candidates, snapshot, handle: testHandle(snapshot) };
}

export type ScoreOutcome = { skipped: true } | { skipped: false; scores: Record<string, number> };

/** PreScore (if any), Score on each candidate, NormalizeScore (if any). */
export function runScore(plugin: Plugin, world: VectorWorld): ScoreOutcome {
  if (!isScore(plugin)) throw new Error(`${plugin.name} is not a Score plugin`);
  const state = new CycleState();
  const infos = world.candidates.map((n) => world.snapshot.get(n.metadata.name ?? '')).filter((n) => n !== undefined);
  if (isPreScore(plugin)) {
    const s = plugin.preScore(state, world.pod, infos);
    if (s?.code === 'Skip') return { skipped: true };
    if (s && !s.isSuccess()) throw new Error(s.message());
  }
  const scores: NodeScore[] = infos.map((n) => {
    const s = plugin.score(state, world.pod, n);
    if (typeof s !== 'number') throw new Error(s.message());
    return { name: n.name, score: s };
  });
  const st = plugin.normalizeScore?.(state, world.pod, scores);
  if (st && !st.isSuccess()) throw new Error(st.message());
  return { skipped: false, scores: Object.fromEntries(scores.map((s) => [s.name, s.score])) };
}

/** PreFilter (a Skip passes the node), then Filter on the first candidate: [code, reasons]. */
export function runFilter(plugin: Plugin, world: VectorWorld): [Code, readonly string[]] {
  if (!isFilter(plugin)) throw new Error(`${plugin.name} is not a Filter plugin`);
  const state = new CycleState();
  const info = world.snapshot.get(world.candidates[0]?.metadata.name ?? '');
  if (!info) throw new Error('no node');
  if (isPreFilter(plugin)) {
    const [, s] = plugin.preFilter(state, world.pod, world.snapshot.list());
    if (s?.code === 'Skip') return ['Success', []];
    if (s && !s.isSuccess()) return [s.code, s.reasons];
  }
  const s = plugin.filter(state, world.pod, info);
  return s ? [s.code, s.reasons] : ['Success', []];
}

/** Runs one case through the plugin and returns what the test compares: the expected part of the case, as computed. */
export function computeExpected(c: VectorCase, plugin: (world: VectorWorld) => Plugin): VectorCase['expect'] {
  const world = vectorWorld(c.input);
  const p = plugin(world);
  const got: VectorCase['expect'] = {};
  if (c.expect.scores || c.expect.preScore) {
    const r = runScore(p, world);
    if (c.expect.preScore) got.preScore = r.skipped ? c.expect.preScore : 'not skipped';
    // A plugin skipped by its PreScore contributes 0 on every node.
    if (c.expect.scores) got.scores = r.skipped ? Object.fromEntries(world.candidates.map((n) => [n.metadata.name ?? '', 0])) : r.scores;
  }
  if (c.expect.code) {
    const [code, reasons] = runFilter(p, world);
    got.code = code;
    const wanted = c.expect.reason ?? c.expect.reason_v1_32;
    if (wanted !== undefined) {
      if (c.expect.reason !== undefined) got.reason = reasons.join(', ');
      else got.reason_v1_32 = reasons.join(', ');
    }
  }
  return got;
}

/** The case's expectation without the fields a v1.32 scheduler cannot show (later versions' reasons). */
export function expectedFor132(c: VectorCase): VectorCase['expect'] {
  const { scores, code, reason, reason_v1_32, preScore } = c.expect;
  return { ...(scores ? { scores } : {}), ...(code ? { code } : {}), ...(reason !== undefined ? { reason } : {}), ...(reason_v1_32 !== undefined ? { reason_v1_32 } : {}), ...(preScore ? { preScore } : {}) };
}
