/** The Go formatting etcdctl's output depends on: strconv errors, %q, base64, go-humanize. */
import { describe, expect, it } from 'vitest';
import { base64, goFixed, goQuote, humanizeBytes, parseInt64 } from './go';

describe('Go formatting', () => {
  it('humanizes bytes as go-humanize does, halves rounding to even', () => {
    expect(humanizeBytes(20_480)).toBe('20 kB');
    expect(humanizeBytes(24_576)).toBe('25 kB');
    expect(humanizeBytes(2_250)).toBe('2.3 kB');
    expect(humanizeBytes(1_234_567)).toBe('1.2 MB');
    expect(humanizeBytes(9)).toBe('9 B');
    expect(goFixed(21.5, 0)).toBe('22');
    expect(goFixed(2.25, 1)).toBe('2.2');
  });

  it('parses int64 like strconv.ParseInt, with its error texts', () => {
    expect(parseInt64('694d10ec422bf501', 16)).toEqual({ ok: true, value: 0x694d10ec422bf501n });
    expect(parseInt64('x', 10)).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "x": invalid syntax' });
    expect(parseInt64('9223372036854775808', 10)).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "9223372036854775808": value out of range' });
  });

  it('quotes like %q and encodes bytes like encoding/json', () => {
    expect(goQuote('a"b\n\x01')).toBe('"a\\"b\\n\\x01"');
    expect(base64('/t/ü')).toBe(Buffer.from('/t/ü').toString('base64'));
  });
});
