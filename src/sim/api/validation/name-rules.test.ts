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
