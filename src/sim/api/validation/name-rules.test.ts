import { describe, expect, it } from 'vitest';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './name-rules';

describe('remembered name checks', () => {
  it.each([
    ['isDNS1123Label', isDNS1123Label, 'web-1', 'a.b', ['must not contain dots']],
    ['isDNS1123Subdomain', isDNS1123Subdomain, 'a.b', 'A', [expect.stringContaining('a lowercase RFC 1123 subdomain')]],
    ['isDNS1035Label', isDNS1035Label, 'web', '1web', [expect.stringContaining('a DNS-1035 label')]],
    ['isQualifiedName', isQualifiedName, 'example.com/app', '/app', ['prefix part must be non-empty']],
    ['isValidLabelValue', isValidLabelValue, '7d4b9c8f6d', '-x', [expect.stringContaining('a valid label must be')]],
  ])('%s answers the same every time, with a list of its own', (_, check, good, bad, messages) => {
    for (let i = 0; i < 3; i++) {
      const ok = check(good);
      expect(ok).toEqual([]);
      // A caller may add to its list: the next caller must not see it.
      ok.push('changed by a caller');
      const errs = check(bad);
      expect(errs).toEqual(messages);
      errs.push('changed by a caller');
    }
  });
});

describe('the character scans agree with upstream\'s regular expressions', () => {
  // The expressions of k8s.io/apimachinery pkg/util/validation, with their length limits.
  const label = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
  const subdomain = `${label}(\\.${label})*`;
  const key = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
  const full = (re: string) => new RegExp(`^${re}$`);
  const expected: [string, (s: string) => string[], (s: string) => boolean][] = [
    ['isDNS1123Label', isDNS1123Label, (s) => s.length <= 63 && full(label).test(s)],
    ['isDNS1123Subdomain', isDNS1123Subdomain, (s) => s.length <= 253 && full(subdomain).test(s)],
    ['isDNS1035Label', isDNS1035Label, (s) => s.length <= 63 && full('[a-z]([-a-z0-9]*[a-z0-9])?').test(s)],
    ['isValidLabelValue', isValidLabelValue, (s) => s.length <= 63 && full(`(${key})?`).test(s)],
    [
      'isQualifiedName',
      isQualifiedName,
      (s) => {
        const parts = s.split('/');
        const name = parts[parts.length - 1] ?? '';
        if (parts.length > 2 || name.length > 63 || !full(key).test(name)) return false;
        return parts.length === 1 || ((parts[0] ?? '').length <= 253 && full(subdomain).test(parts[0] ?? ''));
      },
    ],
  ];

  it.each(expected)('%s accepts exactly what its expression accepts', (_, check, accepts) => {
    // A seeded generator of short strings over the characters that matter at each position.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const alphabet = 'aZz09-._/é';
    const samples = ['', 'a', '-', 'a-', '-a', 'a.b', 'a..b', '.a', 'a.', 'a/b', '/b', 'a/', 'a//b', 'x'.repeat(63), 'x'.repeat(64), `${'a.'.repeat(126)}a`, `${'a.'.repeat(127)}a`, `${'a'.repeat(254)}/b`];
    for (let i = 0; i < 20_000; i++) {
      const length = next() % 9;
      let s = '';
      for (let j = 0; j < length; j++) s += alphabet[next() % alphabet.length];
      samples.push(s);
    }
    for (const s of samples) expect([s, check(s).length === 0]).toEqual([s, accepts(s)]);
  });
});
