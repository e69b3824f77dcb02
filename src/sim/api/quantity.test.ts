import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuantity, QuantityParseError } from './quantity';

interface Vectors {
  error_messages: { format: string; numeric: string; suffix: string };
  canonical: { in: string; out: string }[];
  parse_value: { in: string; milli?: number; value?: number; nano?: number; saturates?: string; format: string }[];
  invalid: string[];
}

const vectors = JSON.parse(readFileSync('reference/vectors/quantity.json', 'utf8')) as Vectors;

describe('Quantity canonical form (reference/vectors/quantity.json)', () => {
  it.each(vectors.canonical.map((c) => [c.in, c.out]))('%s prints as %s', (input, out) => {
    expect(parseQuantity(input).toString()).toBe(out);
  });
});

describe('Quantity values', () => {
  it.each(vectors.parse_value.map((v) => [v.in, v]))('%s', (input, v) => {
    const q = parseQuantity(input);
    expect(q.format).toBe(v.format);
    if (v.milli !== undefined) expect(q.milliValue()).toBe(v.milli);
    if (v.value !== undefined) expect(q.value()).toBe(v.value);
    if (v.nano !== undefined) expect(q.nanos).toBe(BigInt(v.nano));
    if (v.saturates !== undefined) expect(q.valueBig()).toBe(9223372036854775807n);
  });
});

describe('invalid quantities', () => {
  const known = new Set(Object.values(vectors.error_messages));
  it.each(vectors.invalid.map((s) => [JSON.stringify(s), s]))('%s is rejected with an upstream message', (_label, input) => {
    let error: unknown;
    try {
      parseQuantity(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QuantityParseError);
    expect(known.has((error as Error).message)).toBe(true);
  });
});
