/** The cron parser against robfig/cron's behaviour: fields, names, steps, descriptors, day-field rules, errors. */
import { describe, expect, it } from 'vitest';
import { CronParseError, parseStandard } from './schedule';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('parseStandard', () => {
  it('every minute: the next whole minute', () => {
    expect(iso(parseStandard('* * * * *').next(at('2025-01-01T00:00:30Z')))).toBe('2025-01-01T00:01:00.000Z');
    expect(iso(parseStandard('* * * * *').next(at('2025-01-01T00:01:00Z')))).toBe('2025-01-01T00:02:00.000Z');
  });

  it('steps, ranges, lists and names', () => {
    expect(iso(parseStandard('*/15 * * * *').next(at('2025-01-01T00:16:00Z')))).toBe('2025-01-01T00:30:00.000Z');
    expect(iso(parseStandard('5/20 9-17 * * mon-fri').next(at('2025-01-04T10:00:00Z')))).toBe('2025-01-06T09:05:00.000Z');
    expect(iso(parseStandard('0 12 1,15 feb *').next(at('2025-01-20T00:00:00Z')))).toBe('2025-02-01T12:00:00.000Z');
  });

  it('descriptors and @every', () => {
    expect(iso(parseStandard('@hourly').next(at('2025-01-01T00:59:59Z')))).toBe('2025-01-01T01:00:00.000Z');
    expect(iso(parseStandard('@weekly').next(at('2025-01-01T00:00:00Z')))).toBe('2025-01-05T00:00:00.000Z');
    expect(iso(parseStandard('@yearly').next(at('2025-01-01T00:00:00Z')))).toBe('2026-01-01T00:00:00.000Z');
    expect(iso(parseStandard('@every 90s').next(at('2025-01-01T00:00:00Z')))).toBe('2025-01-01T00:01:30.000Z');
  });

  it('a restricted day of month or of week matches either; with a star both must', () => {
    // 13th or a Friday.
    expect(iso(parseStandard('0 0 13 * 5').next(at('2025-01-01T00:00:00Z')))).toBe('2025-01-03T00:00:00.000Z');
    // Sunday as 7.
    expect(iso(parseStandard('0 0 * * 7').next(at('2025-01-01T00:00:00Z')))).toBe('2025-01-05T00:00:00.000Z');
  });

  it('refuses what robfig refuses, in its words', () => {
    expect(() => parseStandard('')).toThrow(new CronParseError('empty spec string'));
    expect(() => parseStandard('* * *')).toThrow('expected exactly 5 fields, found 3: [* * *]');
    expect(() => parseStandard('61 * * * *')).toThrow('end of range (61) above maximum (59): 61');
    expect(() => parseStandard('x * * * *')).toThrow('failed to parse int from x');
    expect(() => parseStandard('1-2-3 * * * *')).toThrow('too many hyphens: 1-2-3');
    expect(() => parseStandard('*/0 * * * *')).toThrow('step of range should be a positive number: */0');
    expect(() => parseStandard('@fortnightly')).toThrow('unrecognized descriptor: @fortnightly');
    expect(() => parseStandard('CRON_TZ=UTC * * * * *')).toThrow(CronParseError);
  });
});
