/** The DNS-1123 scans against the regexes they replace, on every short string of a small alphabet and on random longer ones. */
import { describe, expect, it } from 'vitest';
import { DNS1123_LABEL_RE, DNS1123_SUBDOMAIN_RE, matchesDNS1123LabelText, matchesDNS1123Subdomain } from './name-rules';

describe('DNS-1123 scans', () => {
  it('agree with the regexes', () => {
    const alphabet = ['a', 'z', '0', '9', '-', '.', 'A', '_', '\n', 'é', '/', '`', '{', ':', '@', '['];
    const check = (s: string) => {
      expect(matchesDNS1123Subdomain(s)).toBe(DNS1123_SUBDOMAIN_RE.test(s));
      expect(matchesDNS1123LabelText(s)).toBe(DNS1123_LABEL_RE.test(s));
    };
    const all = (prefix: string, n: number) => {
      check(prefix);
      if (n > 0) for (const c of alphabet) all(prefix + c, n - 1);
    };
    all('', 4);
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 20000; i++) {
      let s = '';
      const n = next() % 40;
      for (let j = 0; j < n; j++) s += alphabet[next() % 7];
      check(s);
    }
    for (const s of ['nginx-7d9c5b8f4-abcde.17a3b2c1d0e9f8a7', 'default', 'kube-system', 'a.b.c', 'a..b', '.a', 'a.', 'a-', '-a', 'a\n']) check(s);
  });
});
