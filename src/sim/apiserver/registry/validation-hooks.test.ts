import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/kube-object';
import { StatusError } from '../status';
import { parseFieldSelectorText, parseLabelSelectorText } from './selector-hooks';
import { applyDefaults, applyPatch, validateCreate, validateUpdate } from './validation-hooks';
import { errorText } from '../../api/field-errors';

const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };

describe('validation hooks', () => {
  it('defaults then validates by kind', () => {
    const defaulted = applyDefaults(pod);
    expect((defaulted['spec'] as { restartPolicy: string }).restartPolicy).toBe('Always');
    expect(validateCreate(defaulted)).toEqual([]);
    expect(validateCreate(applyDefaults({ ...pod, spec: { containers: [{ name: 'web' }] } })).map(errorText)).toEqual(['spec.containers[0].image: Required value']);
  });
  it('answers an undecodable quantity with 400 BadRequest', () => {
    const bad = { ...pod, spec: { containers: [{ name: 'web', image: 'nginx', resources: { limits: { memory: '1 GB' } } }] } };
    let error: unknown;
    try {
      applyDefaults(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).status).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    });
  });
  it('validates updates against the old object', () => {
    const old = applyDefaults(pod);
    const next = { ...old, spec: { ...(old['spec'] as object), nodeName: 'n1' } };
    expect(validateUpdate(next, old, '')[0]?.type).toBe('FieldValueForbidden');
  });
  it('validates a status update as ValidatePodStatusUpdate does: metadata and nodeName, not the kept spec again', () => {
    const old = applyDefaults(pod);
    const status = { ...old, status: { phase: 'Running' } };
    expect(validateUpdate(status, old, 'status')).toEqual([]);
    const moved = { ...old, spec: { ...(old['spec'] as object), nodeName: 'n1' } };
    expect(validateUpdate(moved, old, 'status').map((e) => `${e.type} ${e.field}: ${e.detail}`)).toEqual(['FieldValueForbidden status.nodeName: may not be changed directly']);
    const relabelled = { ...old, metadata: { ...old.metadata, labels: { 'bad label': 'x' } } };
    expect(validateUpdate(relabelled, old, 'status')[0]?.field).toBe('metadata.labels');
    const renamed = { ...old, metadata: { ...old.metadata, name: 'other' } };
    expect(validateUpdate(renamed, old, 'status')[0]?.field).toBe('metadata.name');
  });
  it('patches with each type', () => {
    const stored = applyDefaults(pod);
    const smp = applyPatch('strategic', stored, { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } }, 'Pod');
    expect((smp['spec'] as { containers: { image: string; imagePullPolicy: string }[] }).containers[0]).toMatchObject({ image: 'nginx:2', imagePullPolicy: 'Always' });
    const merge = applyPatch('merge', stored, '{"metadata":{"labels":{"a":"b"}}}', 'Pod');
    expect(merge.metadata.labels).toEqual({ a: 'b' });
    const json = applyPatch('json', stored, [{ op: 'add', path: '/metadata/labels', value: { x: 'y' } }], 'Pod');
    expect(json.metadata.labels).toEqual({ x: 'y' });
  });
  it('a JSON patch that does not apply is a 422', () => {
    expect(() => applyPatch('json', pod, [{ op: 'remove', path: '/nope' }], 'Pod')).toThrow(StatusError);
    try {
      applyPatch('json', pod, [{ op: 'remove', path: '/nope' }], 'Pod');
    } catch (e) {
      expect((e as StatusError).status).toMatchObject({ code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' });
    }
  });
});

describe('selector hooks', () => {
  it('label selectors', () => {
    const parsed = parseLabelSelectorText('app in (web,api),!canary');
    expect('matches' in parsed && parsed.matches({ app: 'web' })).toBe(true);
    expect(parseLabelSelectorText('a=b,')).toEqual({ error: "found '', expected: identifier after ','" });
  });
  it('field selectors', () => {
    const parsed = parseFieldSelectorText('pods', 'spec.nodeName=n1');
    expect('matches' in parsed && parsed.matches({ ...pod, spec: { nodeName: 'n1' } })).toBe(true);
    expect(parseFieldSelectorText('pods', 'spec.foo=x')).toEqual({ error: 'field label not supported: spec.foo' });
  });
});
