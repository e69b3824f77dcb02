/**
 * The Deployment controller's rollout arithmetic against reference/vectors/deployment-rollout.json:
 * ResolveFenceposts for each row, and the rolling-update event traces for 3 and 10 replicas,
 * replayed through the controller's own rolloutRolling with an in-memory apiserver in which
 * every new pod is available before the next reconcile (the vector's assumption).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine';
import type { EventRecorder } from '../../client/event-recorder';
import type { Answer } from '../controller-utils/api-call';
import type { Step } from '../controller-utils/sync-runner';
import type { DeploymentView, ReplicaSetView } from '../controller-utils/types';
import { rolloutRolling } from './rolling';
import { resolveFenceposts } from './util/deployment-util';

interface Vectors {
  resolve_fenceposts: { replicas: number; maxSurge: number | string; maxUnavailable: number | string; surge: number; unavailable: number; maxTotalPods: number; minAvailable: number }[];
  rolling_update_trace_3_replicas_defaults: { events_on_deployment: string[] };
  rolling_update_trace_10_replicas_defaults: { events_on_deployment: string[] };
}
const VECTORS = JSON.parse(readFileSync('reference/vectors/deployment-rollout.json', 'utf8')) as Vectors;

describe('ResolveFenceposts (deployment-rollout.json)', () => {
  for (const row of VECTORS.resolve_fenceposts) {
    it(`${row.replicas} replicas, maxSurge ${row.maxSurge}, maxUnavailable ${row.maxUnavailable}`, () => {
      const { surge, unavailable } = resolveFenceposts(row.maxSurge, row.maxUnavailable, row.replicas);
      expect({ surge, unavailable, maxTotalPods: row.replicas + surge, minAvailable: row.replicas - unavailable }).toEqual({
        surge: row.surge,
        unavailable: row.unavailable,
        maxTotalPods: row.maxTotalPods,
        minAvailable: row.minAvailable,
      });
    });
  }
});

function template(image: string) {
  return { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } };
}

/** Replays a rollout: one rolloutRolling per reconcile, every pod available at once. */
function replay(replicas: number): string[] {
  const engine = new Engine({ seed: 1 });
  const events: string[] = [];
  const recorder = { event: (_o: unknown, _t: string, reason: string, message: string) => events.push(`${reason}: ${message}`) } as unknown as EventRecorder;
  const ctx = { engine, recorder, enqueueAfter: () => {}, enqueueRateLimited: () => {} };
  const d: DeploymentView = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'd-uid', generation: 2 },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: template('nginx:1.27'), strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 },
    status: {},
  };
  const available = (rs: ReplicaSetView): ReplicaSetView => ({ ...rs, status: { replicas: rs.spec.replicas ?? 0, readyReplicas: rs.spec.replicas ?? 0, availableReplicas: rs.spec.replicas ?? 0, observedGeneration: 1 } });
  const store = new Map<string, ReplicaSetView>();
  store.set(
    'web-OLD',
    available({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-OLD', namespace: 'default', uid: 'old', creationTimestamp: '2025-01-01T00:00:00Z', annotations: { 'deployment.kubernetes.io/revision': '1' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true }] },
      spec: { replicas, selector: { matchLabels: { app: 'web', 'pod-template-hash': 'OLD' } }, template: { metadata: { labels: { app: 'web', 'pod-template-hash': 'OLD' } }, spec: template('nginx:1.25').spec } },
    }),
  );
  d.spec.template = template('nginx:1.27');
  const answer = (method: string, path: string, body: unknown): Answer<unknown> => {
    if (path.includes('/deployments/')) {
      d.status = (body as DeploymentView).status ?? {};
      return { ok: true, value: body };
    }
    const rs = body as ReplicaSetView;
    if (method === 'POST') rs.metadata = { ...rs.metadata, uid: 'new', creationTimestamp: '2025-01-01T00:01:00Z' };
    const stored = available(rs);
    store.set(rs.metadata.name ?? '', stored);
    return { ok: true, value: stored };
  };
  for (let reconcile = 0, quiet = 0; reconcile < 50 && quiet < 2; reconcile++) {
    const before = events.length;
    const sync: Step<unknown> = rolloutRolling(ctx, structuredClone(d), [...store.values()]);
    let next = sync.next();
    while (!next.done) {
      const r = next.value;
      next = sync.next(answer(r.method, r.path, r.body));
    }
    quiet = events.length === before ? quiet + 1 : 0;
  }
  const newName = [...store.keys()].find((k) => k !== 'web-OLD') ?? '';
  return events.map((e) => e.replace(newName, 'web-NEW').replace(/^ScalingReplicaSet: /, ''));
}

describe('rolling update traces (deployment-rollout.json)', () => {
  it('3 replicas, 25%/25%: new 0->1, old 3->2, new 1->2, old 2->1, new 2->3, old 1->0', () => {
    expect(replay(3)).toEqual(VECTORS.rolling_update_trace_3_replicas_defaults.events_on_deployment);
  });
  it('10 replicas, 25%/25%: new 0->3, old 10->5, new 3->8, old 5->0, new 8->10', () => {
    expect(replay(10)).toEqual(VECTORS.rolling_update_trace_10_replicas_defaults.events_on_deployment);
  });
});
