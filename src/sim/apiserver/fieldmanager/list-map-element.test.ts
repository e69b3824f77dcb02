/** listMapElement (and its kept one-key elements) against the plain `k:${JSON.stringify(keyObject)}`. */
import { describe, expect, it } from 'vitest';
import { listMapElement, sortedMapKeys } from './list-types';

function plain(item: Record<string, unknown>, sortedKeys: readonly string[]): string {
  const key: Record<string, unknown> = {};
  for (const k of sortedKeys) if (item[k] !== undefined) key[k] = item[k];
  return `k:${JSON.stringify(key)}`;
}

describe('listMapElement', () => {
  it('writes the key fields as JSON.stringify writes the key object', () => {
    const one = sortedMapKeys(['name']);
    const two = sortedMapKeys(['protocol', 'containerPort']);
    const values: unknown[] = ['nginx', '', 'quote"back\\slash\n\u2028', 'ü', 80, 0, -1.5, null, true, { a: 1 }, [1, 'x'], undefined];
    for (const v of values) {
      for (let i = 0; i < 2; i++) expect(listMapElement({ name: v, other: 1 }, one)).toBe(plain({ name: v, other: 1 }, one));
      for (const w of values) expect(listMapElement({ containerPort: v, protocol: w }, two)).toBe(plain({ containerPort: v, protocol: w }, two));
    }
    expect(listMapElement({}, two)).toBe(plain({}, two));
    expect(listMapElement({ name: () => 1 } as Record<string, unknown>, one)).toBe(plain({ name: () => 1 } as Record<string, unknown>, one));
  });

  it('stays right past the number of one-key elements it keeps, for two key names', () => {
    const name = sortedMapKeys(['name']);
    const type = sortedMapKeys(['type']);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5000; i++) {
        const v = `c-${i % 4500}`;
        expect(listMapElement({ name: v }, name)).toBe(plain({ name: v }, name));
        expect(listMapElement({ type: v }, type)).toBe(plain({ type: v }, type));
      }
    }
  });
});
