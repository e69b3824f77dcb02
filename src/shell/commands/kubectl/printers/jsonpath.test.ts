import { describe, expect, it } from 'vitest';
import { jsonPath, jsonPathCell, JsonPathError } from './jsonpath';

const list = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { app: 'web', 'app.kubernetes.io/name': 'x' } }, spec: { containers: [{ image: 'nginx' }, { image: 'busybox' }] } },
    { metadata: { name: 'b' }, spec: { containers: [{ image: 'redis' }] } },
  ],
};

describe('kubectl -o jsonpath', () => {
  it.each([
    ['{.items[*].metadata.name}', 'a b'],
    ['{.items[0].spec.containers[*].image}', 'nginx busybox'],
    ['{.items[-1].metadata.name}', 'b'],
    ['{range .items[*]}{.metadata.name}{"\\n"}{end}', 'a\nb\n'],
    ['name={.items[0].metadata.name}', 'name=a'],
    ['{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', 'x'],
    ['{.items[0].metadata.labels}', '{"app":"web","app.kubernetes.io/name":"x"}'],
    ["{.items[*].metadata.labels['app']}", 'web'],
  ])('%s', (template, expected) => {
    expect(jsonPath(template, list)).toBe(expected);
  });

  it('prints maps and lists as encoding/json does: keys sorted at every depth, <>& escaped', () => {
    const pod = { spec: { containers: [{ name: 'app', image: 'nginx', env: [{ value: '<a&b>', name: 'X' }] }] } };
    expect(jsonPath('{.spec.containers[0]}', pod)).toBe('{"env":[{"name":"X","value":"\\u003ca\\u0026b\\u003e"}],"image":"nginx","name":"app"}');
    expect(jsonPath('{.spec.containers}', pod)).toBe('[{"env":[{"name":"X","value":"\\u003ca\\u0026b\\u003e"}],"image":"nginx","name":"app"}]');
  });

  it('reports a missing field of a single object as kubectl does when missing keys are not allowed', () => {
    expect(() => jsonPath('{.spec.nothing}', { spec: {} }, false)).toThrow(new JsonPathError('nothing is not found'));
  });

  it('prints nothing for a missing key by default (--allow-missing-template-keys=true)', () => {
    expect(jsonPath('{.spec.nothing}x', { spec: {} })).toBe('x');
  });

  it.each([
    ['{@.kind}', 'List'],
    ['{range .items[*]}{@.metadata.name};{end}', 'a;b;'],
    ['{.items[?(@.metadata.name=="b")].spec.containers[0].image}', 'redis'],
    ["{.items[?(@.metadata.name!='b')].metadata.name}", 'a'],
    ['{.items[?(@.metadata.labels.app)].metadata.name}', 'a'],
    ['{.items[?(@.n>1)].metadata.name}', ''],
    ['{range .items[?(@.metadata.name=="a")]}{.spec.containers[*].image}{end}', 'nginx busybox'],
  ])('%s (current object and filters)', (template, expected) => {
    expect(jsonPath(template, list)).toBe(expected);
  });

  it('{..field} descends into every map and list, as client-go\'s RecursiveNode', () => {
    const list = { kind: 'List', metadata: { resourceVersion: '' }, items: [{ metadata: { name: 'redis-master' } }, { metadata: { name: 'valid-pod' }, spec: { template: { metadata: { name: 'inner' } } } }] };
    expect(jsonPath('{..metadata.name}', list)).toBe('redis-master valid-pod inner');
    expect(jsonPath('{..nothing}', list)).toBe('');
  });

  it('{@} is the whole object, printed as JSON', () => {
    expect(jsonPath('{@}', { b: 1, a: 'x' })).toBe('{"a":"x","b":1}');
  });

  it('compares numbers in filters', () => {
    const ports = { ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] };
    expect(jsonPath('{.ports[?(@.port>=443)].name}', ports)).toBe('https');
    expect(jsonPath('{.ports[?(@.port<443)].name}', ports)).toBe('http');
  });

  it('refuses an unterminated filter', () => {
    expect(() => jsonPath('{.items[?(@.a=="x"}', list)).toThrow(JsonPathError);
  });

  it('gives custom-columns cells: comma-joined values, <none> when absent', () => {
    expect(jsonPathCell('.spec.containers[*].image', list.items[0])).toBe('nginx,busybox');
    expect(jsonPathCell('.metadata.namespace', list.items[0])).toBe('<none>');
  });
});
