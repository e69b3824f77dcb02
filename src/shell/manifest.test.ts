import { describe, expect, it } from 'vitest';
import { parseManifests } from './manifest';

describe('parseManifests', () => {
  it('reads several documents, skips empty ones and unpacks a List', () => {
    const r = parseManifests(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n',
    );
    expect(r.kind === 'ok' && r.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Pod/a', 'ConfigMap/b']);
  });

  it('reads JSON, which is YAML', () => {
    const r = parseManifests('{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"lab"}}');
    expect(r.kind === 'ok' && r.objects[0]?.metadata.name).toBe('lab');
  });

  it('places a syntax error at its line and column', () => {
    const r = parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: indent\n');
    expect(r.kind).toBe('error');
    if (r.kind !== 'error') return;
    expect(r.errors[0]).toMatchObject({ line: 4, column: 9 });
    expect(r.errors[0]?.message).toMatch(/^error converting YAML to JSON: yaml: line 4: Nested mappings/);
  });

  it.each([
    ['kind: Pod\nmetadata: {name: x}\n', /apiVersion not set/],
    ['apiVersion: v1\nmetadata: {name: x}\n', /kind not set/],
    ['- just\n- a list\n', /not a Kubernetes object/],
    ['apiVersion: v1\nkind: Pod\nmetadata: 5\n', /metadata must be a mapping/],
  ])('rejects %j', (text, message) => {
    const r = parseManifests(text);
    expect(r.kind === 'error' && r.errors[0]?.message).toMatch(message);
  });
});
