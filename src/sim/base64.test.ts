import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, utf8Bytes, utf8Text } from './base64';

describe('base64', () => {
  it('encodes as Go does: standard with padding, URL-safe without', () => {
    for (const text of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', 'é ü ✓', '\u0000\u00ff']) {
      const bytes = utf8Bytes(text);
      expect(base64Encode(bytes)).toBe(Buffer.from(text, 'utf8').toString('base64'));
      expect(base64Encode(bytes, 'url')).toBe(Buffer.from(text, 'utf8').toString('base64url'));
    }
  });

  it('decodes both, with or without padding, and refuses characters outside the alphabet', () => {
    const text = 'kubearch ✓ >?';
    expect(utf8Text(base64Decode(Buffer.from(text).toString('base64')) ?? new Uint8Array())).toBe(text);
    expect(utf8Text(base64Decode(Buffer.from(text).toString('base64url'), 'url') ?? new Uint8Array())).toBe(text);
    expect(base64Decode('ab-_', 'standard')).toBeUndefined();
    expect(base64Decode('ab+/', 'url')).toBeUndefined();
  });
});
