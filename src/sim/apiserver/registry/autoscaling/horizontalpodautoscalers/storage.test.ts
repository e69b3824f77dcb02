/**
 * HorizontalPodAutoscalers through the apiserver: stored as autoscaling/v2 and served as v1 too,
 * with v2's defaults (minReplicas 1, cpu at 80%), upstream's validation messages, and the v1
 * view of what v1 cannot hold carried in annotations.
 */
import { describe, expect, it } from 'vitest';
import type { HttpMethod } from '../../../../api/http';
import { call } from '../../../../testing/test-cluster';
import { harness } from '../../../../testing/workloads';

const V1 = '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers';
const V2 = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';

function setup() {
  const { cluster, admin } = harness();
  return { cluster, admin, req: (method: HttpMethod, path: string, body?: unknown) => call(cluster, admin, method, path, body === undefined ? {} : { body }) };
}

const v1 = (spec: Record<string, unknown>) => ({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3, ...spec } });

describe('HorizontalPodAutoscaler storage', () => {
  it('stores a v1 create as v2 with the default cpu metric, and answers each version in its own shape', () => {
    const { req } = setup();
    const created = req('POST', V1, v1({ minReplicas: 2 }));
    expect(created.code).toBe(201);
    expect(created.body).toMatchObject({ apiVersion: 'autoscaling/v1', spec: { minReplicas: 2, maxReplicas: 3, targetCPUUtilizationPercentage: 80 }, status: { currentReplicas: 0, desiredReplicas: 0 } });
    const asV2 = req('GET', `${V2}/web`);
    expect(asV2.body).toMatchObject({
      apiVersion: 'autoscaling/v2',
      spec: { minReplicas: 2, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
      status: { desiredReplicas: 0 },
    });
    expect((asV2.body as { spec: Record<string, unknown> }).spec['targetCPUUtilizationPercentage']).toBeUndefined();
    const list = req('GET', V1);
    expect(list.body).toMatchObject({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscalerList', items: [{ apiVersion: 'autoscaling/v1', spec: { targetCPUUtilizationPercentage: 80 } }] });
  });

  it('gives v1 readers the metrics v1 has no field for as the alpha annotations, and takes them back', () => {
    const { req } = setup();
    const memory = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } };
    const body = { ...v1({}), apiVersion: 'autoscaling/v2' } as Record<string, unknown>;
    body['spec'] = { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }, memory] };
    expect(req('POST', V2, body).code).toBe(201);
    const asV1 = req('GET', `${V1}/web`).body as { metadata: { annotations: Record<string, string>; resourceVersion: string }; spec: Record<string, unknown> };
    expect(asV1.spec['targetCPUUtilizationPercentage']).toBe(50);
    expect(JSON.parse(asV1.metadata.annotations['autoscaling.alpha.kubernetes.io/metrics'] ?? '[]')).toEqual([memory]);
    // A v1 update keeps the memory metric: the annotation converts back.
    expect(req('PUT', `${V1}/web`, { ...asV1, spec: { ...asV1.spec, maxReplicas: 5 } }).code).toBe(200);
    const after = req('GET', `${V2}/web`).body as { metadata: { annotations?: Record<string, string> }; spec: { maxReplicas: number; metrics: unknown[] } };
    expect(after.spec.maxReplicas).toBe(5);
    expect(after.spec.metrics).toHaveLength(2);
    expect(after.metadata.annotations).toBeUndefined();
  });

  it('refuses what upstream refuses, in its words, and stores nothing', () => {
    const { req } = setup();
    const message = (body: unknown) => (req('POST', V1, body).body as { message: string }).message;
    // minReplicas defaults to 1 first, so a 0 maximum is below it too.
    expect(message(v1({ maxReplicas: 0 }))).toBe(
      'HorizontalPodAutoscaler.autoscaling "web" is invalid: [spec.maxReplicas: Invalid value: 0: must be greater than 0, spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`]',
    );
    expect(message(v1({ minReplicas: 4 }))).toBe('HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`');
    expect(message(v1({ minReplicas: 0 }))).toBe('HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.minReplicas: Invalid value: 0: must be greater than or equal to 1');
    expect(message(v1({ targetCPUUtilizationPercentage: 0 }))).toBe('HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0');
    expect(message(v1({ scaleTargetRef: { name: 'web' } }))).toBe('HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.scaleTargetRef.kind: Required value');
    expect((req('GET', V2).body as { items: unknown[] }).items).toEqual([]);
  });
});
