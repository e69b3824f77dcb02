/**
 * Bodies that do not decode into the kind's Go type are refused, whatever the verb, and nothing
 * is stored: kubectl's own suite (test/cmd/core.sh run_pod_tests, "Patch fails with type restore
 * error and exit code 1") expects `cannot restore map from string` for
 * `kubectl patch pod valid-pod -p '{"metadata":{"labels":"invalid"}}'`.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/kube-object';
import type { Status } from '../../api/status';
import { call, startedCluster, userClient } from '../../testing/test-cluster';

const PODS = '/api/v1/namespaces/default/pods';
const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments';
const validPod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'valid-pod', labels: { name: 'valid-pod' } }, spec: { containers: [{ name: 'kubernetes-serve-hostname', image: 'registry.k8s.io/serve_hostname' }] } };

function setUp() {
  const cluster = startedCluster();
  const admin = userClient(cluster);
  expect(call(cluster, admin, 'POST', PODS, { body: validPod }).code).toBe(201);
  const stored = () => cluster.etcd.range({ key: '/registry/pods/default/valid-pod' }).kvs[0];
  return { cluster, admin, stored };
}

describe('the apiserver refuses a body that does not decode into the type', () => {
  it('strategic merge patch: 422 with the converter error, the patch printed as Go prints a map, nothing stored', () => {
    const { cluster, admin, stored } = setUp();
    const before = stored()?.modRevision;
    const r = call(cluster, admin, 'PATCH', `${PODS}/valid-pod`, { body: { metadata: { labels: 'invalid' } }, contentType: 'application/strategic-merge-patch+json' });
    expect(r.code).toBe(422);
    const status = r.body as Status;
    expect(status.reason).toBe('Invalid');
    expect(status.message).toBe(' "" is invalid: patch: Invalid value: "map[metadata:map[labels:invalid]]": cannot restore map from string');
    expect(status.details).toEqual({ causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "map[metadata:map[labels:invalid]]": cannot restore map from string', field: 'patch' }] });
    expect(stored()?.modRevision).toBe(before);
    const read = call(cluster, admin, 'GET', `${PODS}/valid-pod`).body as KubeObject;
    expect(read.metadata.labels).toEqual({ name: 'valid-pod' });
  });

  it('strategic merge patch of a list field with an object, and of an integer with a string', () => {
    const { cluster, admin } = setUp();
    const slice = call(cluster, admin, 'PATCH', `${PODS}/valid-pod`, { body: { spec: { tolerations: { key: 'a' } } }, contentType: 'application/strategic-merge-patch+json' });
    expect((slice.body as Status).message).toContain('cannot restore slice from map');
    const int = call(cluster, admin, 'PATCH', `${PODS}/valid-pod`, { body: { spec: { activeDeadlineSeconds: 'soon' } }, contentType: 'application/strategic-merge-patch+json' });
    expect((int.body as Status).message).toContain('cannot convert string to int64');
  });

  it('merge patch: 422 with encoding/json\'s error and the patched object as the value', () => {
    const { cluster, admin, stored } = setUp();
    const before = stored()?.modRevision;
    const r = call(cluster, admin, 'PATCH', `${PODS}/valid-pod`, { body: { metadata: { labels: 'invalid' } }, contentType: 'application/merge-patch+json' });
    expect(r.code).toBe(422);
    const status = r.body as Status;
    expect(status.message).toMatch(/^ "" is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"v1\\",\\"kind\\":\\"Pod\\",\\"metadata\\":\{.*\\"labels\\":\\"invalid\\"/);
    expect(status.message).toMatch(/: json: cannot unmarshal string into Go struct field ObjectMeta\.metadata\.labels of type map\[string\]string$/);
    expect(stored()?.modRevision).toBe(before);
  });

  it('JSON patch: the same decode error', () => {
    const { cluster, admin, stored } = setUp();
    const before = stored()?.modRevision;
    const r = call(cluster, admin, 'PATCH', `${PODS}/valid-pod`, { body: [{ op: 'replace', path: '/spec/containers', value: 'x' }], contentType: 'application/json-patch+json' });
    expect(r.code).toBe(422);
    expect((r.body as Status).message).toMatch(/json: cannot unmarshal string into Go struct field PodSpec\.spec\.containers of type \[\]v1\.Container$/);
    expect(stored()?.modRevision).toBe(before);
  });

  it('create: 400 "cannot be handled as a Pod", nothing stored', () => {
    const { cluster, admin } = setUp();
    const body = { ...validPod, metadata: { name: 'bad', labels: 'invalid' } };
    const r = call(cluster, admin, 'POST', PODS, { body });
    expect(r.code).toBe(400);
    expect((r.body as Status).message).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ObjectMeta.metadata.labels of type map[string]string');
    expect(cluster.etcd.range({ key: '/registry/pods/default/bad' }).kvs).toHaveLength(0);
  });

  it('create: a string replica count and a fractional one, in a Deployment (the group\'s version only)', () => {
    const { cluster, admin } = setUp();
    const deployment = (replicas: unknown) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    });
    const text = call(cluster, admin, 'POST', DEPLOYMENTS, { body: deployment('3') });
    expect((text.body as Status).message).toBe('Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
    const fraction = call(cluster, admin, 'POST', DEPLOYMENTS, { body: deployment(1.5) });
    expect((fraction.body as Status).message).toContain('cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(cluster.etcd.range({ key: '/registry/deployments/default/web' }).kvs).toHaveLength(0);
  });

  it('update: the container list as an object is refused with the struct path (no array index, as Go 1.18\'s decoder)', () => {
    const { cluster, admin, stored } = setUp();
    const before = stored()?.modRevision;
    const current = call(cluster, admin, 'GET', `${PODS}/valid-pod`).body as KubeObject;
    const spec = current['spec'] as { containers: Record<string, unknown>[] };
    const body = { ...current, spec: { ...spec, containers: [{ ...spec.containers[0], ports: [{ containerPort: '80' }] }] } };
    const r = call(cluster, admin, 'PUT', `${PODS}/valid-pod`, { body });
    expect(r.code).toBe(400);
    expect((r.body as Status).message).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32');
    expect(stored()?.modRevision).toBe(before);
  });

  it('null and well-typed values pass: a merge patch removing the labels is applied', () => {
    const { cluster, admin } = setUp();
    const r = call(cluster, admin, 'PATCH', `${PODS}/valid-pod`, { body: { metadata: { labels: null } }, contentType: 'application/merge-patch+json' });
    expect(r.code).toBe(200);
    expect((r.body as KubeObject).metadata.labels).toBeUndefined();
  });
});
