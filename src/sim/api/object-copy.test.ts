import { describe, expect, it } from 'vitest';
import { copyOf, withFields } from './object-copy';

describe('object copies for the write path', () => {
  it('withFields is { ...object, ...fields }: fields replaced in place, new ones at the end, the original untouched', () => {
    const object = { a: 1, b: 2, c: 3 };
    const out = withFields(object, { b: 20, d: 4 });
    expect(out).toEqual({ a: 1, b: 20, c: 3, d: 4 });
    expect(Object.keys(out)).toEqual(['a', 'b', 'c', 'd']);
    expect(object).toEqual({ a: 1, b: 2, c: 3 });
    expect(out).not.toBe(object);
  });

  it('copyOf is a shallow copy in the same key order', () => {
    const inner = { x: 1 };
    const object = { z: inner, a: 'v' };
    const out = copyOf(object);
    expect(Object.keys(out)).toEqual(['z', 'a']);
    expect(out.z).toBe(inner);
    expect(out).not.toBe(object);
  });

  it('keeps an own __proto__ key of decoded JSON as a field, as a spread does, instead of setting the prototype', () => {
    const decoded = JSON.parse('{"a":1,"__proto__":{"polluted":true}}') as Record<string, unknown>;
    for (const out of [copyOf(decoded), withFields(decoded, { b: 2 })]) {
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect(Object.hasOwn(out, '__proto__')).toBe(true);
      expect((out as { polluted?: boolean }).polluted).toBeUndefined();
    }
    const fields = JSON.parse('{"__proto__":{"polluted":true}}') as object;
    const added = withFields({ a: 1 }, fields);
    expect(Object.getPrototypeOf(added)).toBe(Object.prototype);
    expect(Object.hasOwn(added, '__proto__')).toBe(true);
  });
});
