import { describe, expect, it } from 'vitest';
import { toKubectlYaml, type JsonValue } from './yaml';

describe('kubectl -o yaml (sigs.k8s.io/yaml over go-yaml v2)', () => {
  it.each<[string, JsonValue, string]>([
    ['quotes strings that would read back as numbers, booleans or times', { port: '80', on: 'true', y: 'n', at: '2025-01-01T00:00:00Z', empty: '' }, 'at: "2025-01-01T00:00:00Z"\nempty: ""\n"on": "true"\nport: "80"\n"y": "n"\n'],
    ['single-quotes what YAML syntax forbids plain', { any: '*', colon: 'a: b', dash: '- x' }, "any: '*'\ncolon: 'a: b'\ndash: '- x'\n"],
    ['uses literal blocks for multi-line text', { keep: 'x\ny\n', strip: 'x\ny' }, 'keep: |\n  x\n  y\nstrip: |-\n  x\n  y\n'],
    ['prints empty collections in flow style', { a: [], b: {} }, 'a: []\nb: {}\n'],
    ['puts list items level with their key', { items: [{ name: 'a', ports: [1, 2] }] }, 'items:\n- name: a\n  ports:\n  - 1\n  - 2\n'],
    ['sorts keys naturally (digits as numbers)', { b: 1, a10: 1, a2: 1, a: 1 }, 'a: 1\na2: 1\na10: 1\nb: 1\n'],
    ['prints numbers as Go does', { f: 1.5, big: 1e21, nil: null, t: true }, 'big: 1e+21\nf: 1.5\nnil: null\nt: true\n'],
  ])('%s', (_name, value, expected) => {
    expect(toKubectlYaml(value)).toBe(expected);
  });

  it('folds a long plain scalar after column 80', () => {
    const text = 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP';
    expect(toKubectlYaml({ description: text })).toBe(
      'description: Contains a CA bundle that can be used to verify the kube-apiserver when\n  using internal endpoints such as the internal service IP\n',
    );
  });
});
