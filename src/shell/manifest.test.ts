import { describe, expect, it } from 'vitest';
import { fieldLocator, objectFieldLocator, parseManifests } from './manifest';

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

  it('places a line indented too deep at that line, once, with go-yaml\'s message', () => {
    const r = parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: indent\n');
    expect(r).toEqual({ kind: 'error', errors: [{ line: 5, column: 7, message: 'error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context' }] });
    // The Deployment: `selector:` one space deeper than `replicas:`.
    const deployment = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  replicas: 2', '   selector:', '    matchLabels:', '      app: web', ''].join('\n');
    expect(parseManifests(deployment)).toEqual({ kind: 'error', errors: [{ line: 7, column: 12, message: 'error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context' }] });
  });

  it('places a key with a missing colon at its own line', () => {
    // Followed by another key of the mapping: a YAML error on the line without the colon.
    expect(parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name cm\n  namespace: default\n')).toEqual({
      kind: 'error',
      errors: [{ line: 4, column: 3, message: "error converting YAML to JSON: yaml: line 4: could not find expected ':'" }],
    });
    // Alone: metadata holds the string "name cm"; the error is at that value, and says why.
    expect(parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name cm\ndata:\n  a: b\n')).toEqual({
      kind: 'error',
      errors: [{ line: 4, column: 3, message: 'error validating data: metadata must be a mapping, got the string "name cm": is a colon missing after "name"?' }],
    });
  });

  it('places other syntax errors where the yaml parser found them', () => {
    const r = parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: [a, b\n');
    expect(r.kind === 'error' && r.errors.length).toBeGreaterThan(0);
    expect(r.kind === 'error' && r.errors[0]?.message).toMatch(/^error converting YAML to JSON: yaml: line \d+: /);
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

// Where a server field error about object i of parseManifests goes in the editor text.
describe('parseManifests sources and objectFieldLocator', () => {
  const single = [
    'apiVersion: v1', //                      1
    'kind: Pod',
    'metadata: {name: x}',
    'spec:',
    '  containers:', //                       5
    '  - name: app',
    '    imagee: nginx',
  ].join('\n');

  const list = [
    'apiVersion: v1', //                      1
    'kind: List',
    'items:',
    '- apiVersion: v1',
    '  kind: ConfigMap', //                   5
    '  metadata: {name: a}',
    '- apiVersion: v1',
    '  kind: Pod',
    '  metadata: {name: x}',
    '  spec:', //                             10
    '    containers:',
    '    - name: app',
    '      imagee: nginx',
  ].join('\n');

  // A List, an empty document that is only a comment, then a Pod.
  const listThenPod = [
    '---', //                                 1
    'apiVersion: v1',
    'kind: List',
    'items:',
    '- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}', // 5
    '- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}',
    '---',
    '# nothing here',
    '---',
    'apiVersion: v1', //                      10
    'kind: Pod',
    'metadata: {name: x}',
    'spec:',
    '  containers:',
    '  - name: app', //                       15
    '    imagee: nginx',
  ].join('\n');

  function sources(text: string) {
    const r = parseManifests(text);
    if (r.kind !== 'ok') throw new Error(JSON.stringify(r.errors));
    return r.objects.map((o, i) => ({ object: `${o.kind}/${o.metadata.name}`, ...r.sources[i] }));
  }

  it('says which document, and which item of a List, each object came from', () => {
    expect(sources(single)).toEqual([{ object: 'Pod/x', document: 0, path: '' }]);
    expect(sources(list)).toEqual([
      { object: 'ConfigMap/a', document: 0, path: 'items[0]' },
      { object: 'Pod/x', document: 0, path: 'items[1]' },
    ]);
    expect(sources(listThenPod)).toEqual([
      { object: 'ConfigMap/a', document: 0, path: 'items[0]' },
      { object: 'ConfigMap/b', document: 0, path: 'items[1]' },
      { object: 'Pod/x', document: 1, path: '' },
    ]);
  });

  it('counts documents the way fieldLocator does: empty, comment-only and null documents are skipped by both', () => {
    const text = ['---', '# only a comment', '---', '~', '---', 'null', '---', 'apiVersion: v1', 'kind: Namespace', 'metadata: {name: lab}', '---', ''].join('\n');
    expect(sources(text)).toEqual([{ object: 'Namespace/lab', document: 0, path: '' }]);
    expect(fieldLocator(text)(0, 'metadata.name')).toEqual({ line: 10, column: 12 });
    expect(fieldLocator(text)(1, 'metadata.name')).toBeUndefined();
  });

  it('(a) places a field of a single document', () => {
    const locate = objectFieldLocator(single);
    expect(locate(0, 'spec.containers[0].imagee')).toEqual({ line: 7, column: 5 });
    // A missing field points at its parent, where it should be added.
    expect(locate(0, 'spec.containers[0].image')).toEqual({ line: 6, column: 5 });
    expect(locate(1, 'spec')).toBeUndefined();
  });

  it('(b) places a field of the second item of a List inside the List document', () => {
    const locate = objectFieldLocator(list);
    expect(locate(1, 'spec.containers[0].imagee')).toEqual({ line: 13, column: 7 });
    expect(locate(1, 'spec.containers[0].image')).toEqual({ line: 12, column: 7 });
    expect(locate(0, 'metadata.name')).toEqual({ line: 6, column: 14 });
    // What the field path alone, taken as a document index, would have found: nothing.
    expect(fieldLocator(list)(1, 'spec.containers[0].imagee')).toBeUndefined();
  });

  it('(c) places a field of a document that follows a List (and an empty document)', () => {
    const locate = objectFieldLocator(listThenPod);
    expect(locate(2, 'spec.containers[0].imagee')).toEqual({ line: 16, column: 5 });
    expect(locate(2, 'spec.containers[0].image')).toEqual({ line: 15, column: 5 });
    expect(locate(1, 'metadata.name')).toEqual({ line: 6, column: 48 });
    expect(locate(0, 'metadata.name')).toEqual({ line: 5, column: 48 });
  });

  it('places nothing when the text does not parse', () => {
    expect(objectFieldLocator('apiVersion: v1\nkind: Pod\nmetadata: {name: x\n')(0, 'metadata')).toBeUndefined();
  });
});
