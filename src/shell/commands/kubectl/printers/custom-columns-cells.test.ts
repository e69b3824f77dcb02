import { describe, expect, it } from 'vitest';
import { goSprint } from './go-template';
import { jsonPathCell } from './jsonpath';

describe('goSprint (custom-columns cells)', () => {
  it('prints maps with sorted keys and slices space-separated, as fmt.Sprint does', () => {
    expect(goSprint({ b: 'x', a: { d: 1, c: true } })).toBe('map[a:map[c:true d:1] b:x]');
    expect(goSprint([{ name: 'nginx', ports: [{ containerPort: 80 }] }])).toBe('[map[name:nginx ports:[map[containerPort:80]]]]');
    expect(goSprint({})).toBe('map[]');
    expect(goSprint([])).toBe('[]');
    expect(goSprint(null)).toBe('<nil>');
    expect(goSprint(0.5)).toBe('0.5');
    expect(goSprint(1e-7)).toBe('1e-07');
  });

  it('is what a custom-columns cell shows for a map or a list', () => {
    const pod = { metadata: { labels: { run: 'web', app: 'x' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } };
    expect(jsonPathCell('.metadata.labels', pod)).toBe('map[app:x run:web]');
    expect(jsonPathCell('.spec.containers', pod)).toBe('[map[image:nginx name:a]]');
    expect(jsonPathCell('.spec.containers[*].name', pod)).toBe('a');
  });
});
