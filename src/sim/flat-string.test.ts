import { describe, expect, it } from 'vitest';
import { flatString } from './flat-string';
import { simulatedTimestamp } from './api/time';

describe('flatString', () => {
  it('gives back the same text for any string, a cut or a joined one, escapes and lone surrogates too', () => {
    const userAgent = 'kube-controller-manager/v1.32.0 (linux/amd64) kubernetes/70d3cc9';
    const cases = [userAgent.split('/')[0] as string, `${'web-7d4b9c8f6d'}-${'x2x9z'}`, '', 'a"b\\c\n\u0001', 'ünïcødé ✓', '\ud800 lone', 'x'.repeat(10_000)];
    for (const s of cases) expect(flatString(s)).toBe(s);
  });
});

describe('simulatedTimestamp, kept per second', () => {
  it('answers each second as it did when made afresh, whatever the order of the calls', () => {
    const fresh = (ms: number) => new Date(Date.UTC(2025, 0, 1) + Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    for (const ms of [0, 999, 1000, 0, 61_500, 61_999, 3_600_000, 1000, 86_400_000 * 40 + 1]) expect(simulatedTimestamp(ms)).toBe(fresh(ms));
    expect(simulatedTimestamp(5_000)).toBe('2025-01-01T00:00:05Z');
  });
});
