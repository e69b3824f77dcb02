/**
 * The HPA controller in a cluster without metrics-server: it holds the target within
 * [minReplicas, maxReplicas] as upstream does without metrics, and otherwise reports the
 * resource metrics API missing, as a real cluster without metrics-server does.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../../testing/test-cluster';
import { DEPLOY_PATH, deployment, harness } from '../../testing/workloads';

const HPA_PATH = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';
const hpa = (min: number, max: number) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: min, maxReplicas: max },
});

interface HpaStatus {
  status: { currentReplicas?: number; desiredReplicas: number; conditions?: { type: string; status: string; reason: string }[]; currentMetrics?: unknown[] };
}

describe('HPA controller without metrics-server', () => {
  it('scales a target below minReplicas up to it, after the 15 s sync period, with SuccessfulRescale', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DEPLOY_PATH, { body: deployment('web', 1) });
    expect(call(h.cluster, h.admin, 'POST', HPA_PATH, { body: hpa(2, 3) }).code).toBe(201);
    h.run(10_000);
    expect(h.get<{ spec: { replicas: number } }>(`${DEPLOY_PATH}/web`).spec.replicas).toBe(1);
    h.run(10_000);
    expect(h.get<{ spec: { replicas: number } }>(`${DEPLOY_PATH}/web`).spec.replicas).toBe(2);
    expect(h.events('HorizontalPodAutoscaler', 'web')).toEqual(['SuccessfulRescale: New size: 2; reason: Current number of replicas below Spec.MinReplicas']);
    expect(h.get<HpaStatus>(`${HPA_PATH}/web`).status).toMatchObject({ currentReplicas: 1, desiredReplicas: 2, conditions: [{ type: 'AbleToScale', status: 'True', reason: 'SucceededRescale' }] });
  });

  it('within the bounds, reports FailedGetResourceMetric and leaves the target alone', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DEPLOY_PATH, { body: deployment('web', 2) });
    call(h.cluster, h.admin, 'POST', HPA_PATH, { body: hpa(1, 3) });
    h.run(20_000);
    expect(h.get<{ spec: { replicas: number } }>(`${DEPLOY_PATH}/web`).spec.replicas).toBe(2);
    const got = h.get<HpaStatus>(`${HPA_PATH}/web`).status;
    expect(got).toMatchObject({ currentReplicas: 2, desiredReplicas: 0, currentMetrics: [{ type: '' }] });
    expect(got.conditions?.map((c) => `${c.type} ${c.status} ${c.reason}`)).toEqual(['AbleToScale True SucceededGetScale', 'ScalingActive False FailedGetResourceMetric']);
    // Both are recorded in the same sync: compare as a set.
    expect(h.events('HorizontalPodAutoscaler', 'web').map((e) => e.split(':')[0]).sort()).toEqual(['FailedComputeMetricsReplicas', 'FailedGetResourceMetric']);
  });

  it('reports FailedGetScale when the target does not exist', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', HPA_PATH, { body: hpa(1, 3) });
    h.run(20_000);
    expect(h.events('HorizontalPodAutoscaler', 'web')).toEqual(['FailedGetScale: deployments.apps "web" not found']);
    expect(h.get<HpaStatus>(`${HPA_PATH}/web`).status.conditions).toMatchObject([{ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale' }]);
  });
});
