import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube-object';
import { makeNode } from '../../testing/builders';
import { escapeValue, fieldSelectorPredicate, FieldSelectorParseError, parseFieldSelector } from './selector';

const pod = (name: string, nodeName: string, phase: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { nodeName, restartPolicy: 'Always', schedulerName: 'default-scheduler' },
  status: { phase, podIP: '10.244.1.5' },
});

const pods = [pod('a', 'node-1', 'Running'), pod('b', 'node-2', 'Pending'), pod('c', '', 'Pending')];
const select = (resource: string, text: string, objects: KubeObject[]): string[] => objects.filter(fieldSelectorPredicate(resource, text)).map((o) => o.metadata.name ?? '');

describe('field selectors on pods', () => {
  it.each([
    ['spec.nodeName=node-1', ['a']],
    ['spec.nodeName==node-2', ['b']],
    ['spec.nodeName!=node-1', ['b', 'c']],
    ['spec.nodeName=', ['c']],
    ['status.phase=Pending,spec.nodeName!=', ['b']],
    ['metadata.name=a', ['a']],
    ['metadata.namespace=default', ['a', 'b', 'c']],
    ['spec.host=node-2', ['b']],
    ['status.podIP=10.244.1.5', ['a', 'b', 'c']],
    ['', ['a', 'b', 'c']],
  ])('%s', (text, expected) => {
    expect(select('pods', text, pods)).toEqual(expected);
  });
});

describe('field labels each resource supports', () => {
  it.each([
    ['pods', 'spec.containers', 'field label not supported: spec.containers'],
    ['nodes', 'metadata.namespace', 'field label not supported: metadata.namespace'],
    ['namespaces', 'spec.finalizers', 'field label not supported: spec.finalizers'],
    ['secrets', 'data', 'field label not supported: data'],
    ['events', 'message', 'field label not supported: message'],
    ['deployments', 'spec.replicas', '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ])('%s rejects %s', (resource, label, message) => {
    expect(() => fieldSelectorPredicate(resource, `${label}=x`)).toThrow(new FieldSelectorParseError(message));
  });

  it('secrets by type, nodes by unschedulable, namespaces by phase, events by involved object', () => {
    const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'd' }, type: 'kubernetes.io/tls' };
    expect(select('secrets', 'type=kubernetes.io/tls', [secret])).toEqual(['s']);
    const node: KubeObject = makeNode({ name: 'n', spec: { unschedulable: true } });
    expect(select('nodes', 'spec.unschedulable=true', [node])).toEqual(['n']);
    expect(select('nodes', 'spec.unschedulable=false', [node])).toEqual([]);
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' }, status: { phase: 'Terminating' } };
    expect(select('namespaces', 'status.phase=Terminating', [ns])).toEqual(['x']);
    const ev: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e', namespace: 'd' },
      involvedObject: { kind: 'Pod', name: 'web' },
      reason: 'Scheduled',
      type: 'Normal',
      source: { component: 'default-scheduler' },
    };
    expect(select('events', 'involvedObject.kind=Pod,involvedObject.name=web,reason=Scheduled,type=Normal,source=default-scheduler', [ev])).toEqual(['e']);
  });
});

describe('fields.ParseSelector syntax', () => {
  it('rejects a term without an operator', () => {
    expect(() => parseFieldSelector('a=b,c')).toThrow("invalid selector: 'a=b,c'; can't understand 'c'");
  });
  it('unescapes values and rejects bare = and bad escapes', () => {
    expect(parseFieldSelector('a=x\\,y\\=z').requirements).toEqual([{ field: 'a', operator: '=', value: 'x,y=z' }]);
    expect(() => parseFieldSelector('a=b=c')).toThrow('invalid field selector: unescaped character in value: 61');
    expect(() => parseFieldSelector('a=b\\q')).toThrow('invalid field selector: invalid escape sequence: \\q');
    expect(escapeValue('x,y=z\\')).toBe('x\\,y\\=z\\\\');
  });
  it('the leftmost operator splits a term', () => {
    expect(parseFieldSelector('a!=b').requirements).toEqual([{ field: 'a', operator: '!=', value: 'b' }]);
    expect(parseFieldSelector('a==b').toString()).toBe('a=b');
  });
});
