import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../api/kube-object';
import { admissionAttributes, fakeAdmissionContext, podObject, rejectionOf } from '../fake-admission-context';
import { resourceQuota } from './admission';

const quota = (name: string, hard: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name, namespace: 'default' },
  spec: { hard, ...extra },
});
const requests = (cpu: string) => ({ resources: { requests: { cpu }, limits: { cpu } } });

describe('ResourceQuota', () => {
  const plugin = resourceQuota();
  const check = (objects: Record<string, KubeObject[]>, object: KubeObject, resource = 'pods') =>
    plugin.validate?.(admissionAttributes('CREATE', resource, object), fakeAdmissionContext(objects));

  it('rejects a pod past the pods limit with the exceeded quota message', () => {
    const running = [podObject('a', [{ name: 'c' }]), podObject('b', [{ name: 'c' }])];
    const status = rejectionOf(() => check({ resourcequotas: [quota('q', { pods: '2' })], pods: running }, podObject('x', [{ name: 'c' }])));
    expect([status.code, status.reason]).toEqual([403, 'Forbidden']);
    expect(status.message).toBe('pods "x" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
  });

  it('does not count finished pods against compute quota', () => {
    const done = { ...podObject('a', [{ name: 'c' }]), status: { phase: 'Succeeded' } };
    expect(() => check({ resourcequotas: [quota('q', { pods: '1' })], pods: [done] }, podObject('x', [{ name: 'c' }]))).not.toThrow();
  });

  it('sums requests and names every exceeded resource, sorted', () => {
    const running = [podObject('a', [{ name: 'c', ...requests('600m') }])];
    const status = rejectionOf(() =>
      check({ resourcequotas: [quota('compute', { 'requests.cpu': '1', 'limits.cpu': '1', pods: '10' })], pods: running }, podObject('x', [{ name: 'c', ...requests('500m') }])),
    );
    expect(status.message).toBe('pods "x" is forbidden: exceeded quota: compute, requested: limits.cpu=500m,requests.cpu=500m, used: limits.cpu=600m,requests.cpu=600m, limited: limits.cpu=1,requests.cpu=1');
  });

  it('demands explicit cpu and memory when the quota tracks them', () => {
    const status = rejectionOf(() => check({ resourcequotas: [quota('compute', { 'requests.cpu': '1', 'limits.memory': '1Gi' })] }, podObject('x', [{ name: 'app' }, { name: 'side', ...requests('100m') }])));
    expect(status.message).toBe('pods "x" is forbidden: failed quota: compute: must specify limits.memory for: app,side; requests.cpu for: app');
  });

  it('applies scopes: a BestEffort quota ignores pods with requests', () => {
    const scoped = quota('besteffort', { pods: '0' }, { scopes: ['BestEffort'] });
    expect(() => check({ resourcequotas: [scoped] }, podObject('x', [{ name: 'c', ...requests('100m') }]))).not.toThrow();
    expect(rejectionOf(() => check({ resourcequotas: [scoped] }, podObject('y', [{ name: 'c' }]))).message).toBe(
      'pods "y" is forbidden: exceeded quota: besteffort, requested: pods=1, used: pods=0, limited: pods=0',
    );
  });

  it('counts other objects: configmaps, count/<resource>, services and their node ports', () => {
    const cm = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });
    expect(rejectionOf(() => check({ resourcequotas: [quota('objects', { configmaps: '1' })], configmaps: [cm('a')] }, cm('b'), 'configmaps')).message).toBe(
      'configmaps "b" is forbidden: exceeded quota: objects, requested: configmaps=1, used: configmaps=1, limited: configmaps=1',
    );
    const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { type: 'NodePort', ports: [{ port: 80 }, { port: 443 }] } };
    expect(rejectionOf(() => check({ resourcequotas: [quota('svc', { 'services.nodeports': '1' })] }, svc, 'services')).message).toBe(
      'services "s" is forbidden: exceeded quota: svc, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1',
    );
    const deploy: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' } };
    expect(rejectionOf(() => check({ resourcequotas: [quota('apps', { 'count/deployments.apps': '0' })] }, deploy, 'deployments')).message).toBe(
      'deployments.apps "d" is forbidden: exceeded quota: apps, requested: count/deployments.apps=1, used: count/deployments.apps=0, limited: count/deployments.apps=0',
    );
  });

  it('lets everything through without a quota, and ignores events', () => {
    expect(() => check({}, podObject('x', [{ name: 'c' }]))).not.toThrow();
    const ev: KubeObject = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' } };
    expect(() => check({ resourcequotas: [quota('q', { 'count/events': '0' })] }, ev, 'events')).not.toThrow();
  });
});
