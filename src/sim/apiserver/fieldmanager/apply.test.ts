import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/kube-object';
import { StatusError } from '../status';
import { applyConfiguration, type ApplyRequest } from './apply';
import { managedFieldsOf } from './field-manager';

const request = (manager: string, force = false): ApplyRequest => ({ manager, force, subresource: '', scope: 'all', now: '2025-01-01T00:00:05Z' });

function configMap(data: Record<string, string>, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', ...(labels ? { labels } : {}) }, data };
}

function managers(object: KubeObject): string[] {
  return ((object.metadata.managedFields as { manager: string; operation: string }[] | undefined) ?? []).map((e) => `${e.manager} ${e.operation}`);
}

describe('applyConfiguration (server-side apply)', () => {
  it('creates: the Apply entry is exactly the configuration fields, maps without "."', () => {
    const created = applyConfiguration(undefined, configMap({ a: '1' }, { app: 'x' }), 'core/v1.ConfigMap', request('team'));
    expect(created.data).toEqual({ a: '1' });
    expect(created.metadata.managedFields).toEqual([
      { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} }, 'f:metadata': { 'f:labels': { 'f:app': {} } } }, manager: 'team', operation: 'Apply', time: '2025-01-01T00:00:05Z' },
    ]);
  });

  it('refuses to change a field another manager set, with conflict.go message and causes', () => {
    const live = { ...configMap({ a: '1' }), metadata: { name: 'cm', managedFields: managedFieldsOf(undefined, configMap({ a: '1' }), { fieldManager: 'kubectl-create', userAgent: '', subresource: '', hasStatus: false, now: '2025-01-01T00:00:01Z' }) } } as KubeObject;
    let error: unknown;
    try {
      applyConfiguration(live, configMap({ a: '2' }), 'core/v1.ConfigMap', request('team'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatusError);
    const status = (error as StatusError).status;
    expect(status.code).toBe(409);
    expect(status.reason).toBe('Conflict');
    expect(status.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .data.a');
    expect(status.details?.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-create" using v1', field: '.data.a' }]);
    // The same value is no conflict: the fields are shared.
    expect(managers(applyConfiguration(live, configMap({ a: '1' }), 'core/v1.ConfigMap', request('team')))).toEqual(['team Apply', 'kubectl-create Update']);
    // Force takes the field; the creator keeps the data map itself (its ".").
    const forced = applyConfiguration(live, configMap({ a: '2' }), 'core/v1.ConfigMap', request('team', true));
    expect(forced.data).toEqual({ a: '2' });
    const entries = forced.metadata.managedFields as { manager: string; fieldsV1: unknown }[];
    expect(entries.map((e) => [e.manager, e.fieldsV1])).toEqual([
      ['team', { 'f:data': { 'f:a': {} } }],
      ['kubectl-create', { 'f:data': {} }],
    ]);
  });

  it('lists several conflicts grouped by manager', () => {
    const live = { ...configMap({ a: '1', b: '1' }), metadata: { name: 'cm', managedFields: managedFieldsOf(undefined, configMap({ a: '1', b: '1' }), { fieldManager: 'm1', userAgent: '', subresource: '', hasStatus: false, now: '2025-01-01T00:00:01Z' }) } } as KubeObject;
    expect(() => applyConfiguration(live, configMap({ a: '2', b: '2' }), 'core/v1.ConfigMap', request('team'))).toThrow('Apply failed with 2 conflicts: conflicts with "m1" using v1:\n- .data.a\n- .data.b');
  });

  it('removes what the applier applied before and no longer applies, unless another manager owns it', () => {
    const first = applyConfiguration(undefined, configMap({ a: '1', b: '2' }, { x: 'y' }), 'core/v1.ConfigMap', request('team'));
    const second = applyConfiguration(first, configMap({ a: '1' }), 'core/v1.ConfigMap', request('team'));
    expect(second.data).toEqual({ a: '1' });
    expect(second.metadata.labels).toBeUndefined();
    const shared = applyConfiguration(first, configMap({ b: '2' }), 'core/v1.ConfigMap', request('other'));
    expect(applyConfiguration(shared, configMap({ a: '1' }), 'core/v1.ConfigMap', request('team')).data).toEqual({ a: '1', b: '2' });
  });

  it('merges list items by key: containers by name, ports by containerPort and protocol', () => {
    const pod = (containers: unknown[]): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers } });
    const live = applyConfiguration(undefined, pod([{ name: 'a', image: 'x' }]), 'core/v1.Pod', request('one'));
    const merged = applyConfiguration(live, pod([{ name: 'b', image: 'y', ports: [{ containerPort: 80, protocol: 'TCP' }] }]), 'core/v1.Pod', request('two'));
    expect((merged['spec'] as { containers: { name: string }[] }).containers.map((c) => c.name)).toEqual(['a', 'b']);
    const two = (merged.metadata.managedFields as { manager: string; fieldsV1: unknown }[]).find((e) => e.manager === 'two');
    expect(two?.fieldsV1).toEqual({ 'f:spec': { 'f:containers': { 'k:{"name":"b"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } } } } } });
  });

  it('lets kubectl take over what its client-side apply set, and keeps the annotation up to date (lastappliedmanager.go, lastappliedupdater.go)', () => {
    const annotation = JSON.stringify({ apiVersion: 'v1', data: { a: '1' }, kind: 'ConfigMap', metadata: { annotations: {}, name: 'cm' } });
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': annotation } }, data: { a: '1' } } as KubeObject;
    const live = { ...body, metadata: { ...body.metadata, managedFields: managedFieldsOf(undefined, body, { fieldManager: 'kubectl-client-side-apply', userAgent: '', subresource: '', hasStatus: false, now: '2025-01-01T00:00:01Z' }) } } as KubeObject;
    // Another manager is refused...
    expect(() => applyConfiguration(live, configMap({ a: '2' }), 'core/v1.ConfigMap', request('team'))).toThrow('conflict with "kubectl-client-side-apply" using v1: .data.a');
    // ...kubectl is not, since the annotation set .data.a to the live value.
    const upgraded = applyConfiguration(live, configMap({ a: '2' }), 'core/v1.ConfigMap', request('kubectl'));
    expect(upgraded.data).toEqual({ a: '2' });
    expect(upgraded.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe('{"apiVersion":"v1","data":{"a":"2"},"kind":"ConfigMap","metadata":{"name":"cm"}}');
    // A field changed since the annotation was written still conflicts.
    const drifted = { ...live, data: { a: '5' } } as KubeObject;
    expect(() => applyConfiguration(drifted, configMap({ a: '2' }), 'core/v1.ConfigMap', request('kubectl'))).toThrow('Apply failed with 1 conflict');
  });

  it('pruning keeps a map whose "." the applier held while the keys in it are still applied (update.go addBackOwnedItems)', () => {
    const created = applyConfiguration(undefined, configMap({ a: '1', b: '2' }), 'core/v1.ConfigMap', request('team'));
    // The applier's entry claims the data map itself, as after csaupgrade merged an Update entry into it.
    const entries = created.metadata.managedFields as Record<string, unknown>[];
    const claimed = { ...created, metadata: { ...created.metadata, managedFields: [{ ...entries[0], fieldsV1: { 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} } } }] } } as KubeObject;
    expect(applyConfiguration(claimed, configMap({ a: '1' }), 'core/v1.ConfigMap', request('team')).data).toEqual({ a: '1' });
  });
});
