/**
 * Cron schedules as kube-controller-manager reads a CronJob's spec.schedule (robfig/cron/v3
 * ParseStandard): five fields (minute, hour, day of month, month, day of week) with `*`, `?`,
 * lists, ranges, steps and month/day names, or a descriptor (`@yearly`, `@annually`,
 * `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`, `@every 5m`); the parse errors keep
 * the library's words. Times are wall-clock milliseconds in UTC: the simulation has no time
 * zones, so a `CRON_TZ=`/`TZ=` prefix and spec.timeZone are not supported (validation refuses
 * the prefix as the apiserver does).
 */

export class CronParseError extends Error {}

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** A parsed schedule: `next(t)` is the first activation strictly after t (wall ms, UTC). */
export interface CronSchedule {
  next(afterMs: number): number;
}

interface Spec {
  readonly minute: Set<number>;
  readonly hour: Set<number>;
  readonly dom: Set<number>;
  readonly month: Set<number>;
  readonly dow: Set<number>;
  /** robfig's starBit: a `*`/`?` day field, which changes how the two day fields combine. */
  readonly domStar: boolean;
  readonly dowStar: boolean;
}

function parseInt10(text: string): number {
  if (!/^\d+$/.test(text)) throw new CronParseError(`failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number(text);
}

function value(text: string, bounds: Bounds): number {
  const named = bounds.names?.[text.toLowerCase()];
  return named ?? parseInt10(text);
}

/** getRange: one comma-separated term: `*`, `?`, `N`, `A-B`, with an optional `/step`. */
function parseRange(expr: string, bounds: Bounds, out: Set<number>): boolean {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = bounds.min;
    end = bounds.max;
    star = true;
  } else {
    start = value(lowAndHigh[0] ?? '', bounds);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = value(lowAndHigh[1] ?? '', bounds);
    else throw new CronParseError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseInt10(rangeAndStep[1] ?? '');
    // `N/step` means N through the maximum.
    if (singleDigit && !star) end = bounds.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronParseError(`too many slashes: ${expr}`);
  }
  if (start < bounds.min) throw new CronParseError(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new CronParseError(`end of range (${end}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  for (let i = start; i <= end; i += step) out.add(i);
  return star;
}

function parseField(field: string, bounds: Bounds): { set: Set<number>; star: boolean } {
  const set = new Set<number>();
  let star = false;
  for (const term of field.split(',')) star = parseRange(term, bounds, set) || star;
  return { set, star };
}

const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** time.ParseDuration for the units `@every` is given in practice. */
function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
    matched = re.lastIndex;
  }
  if (text === '' || matched !== text.length) throw new CronParseError(`failed to parse duration ${text}: time: invalid duration ${JSON.stringify(text)}`);
  return total;
}

/** cron.ParseStandard. */
export function parseStandard(spec: string): CronSchedule {
  const text = spec.trim();
  if (text === '') throw new CronParseError('empty spec string');
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) throw new CronParseError('time zones in the schedule are not simulated');
  if (text.startsWith('@every ')) {
    // ConstantDelaySchedule: whole seconds, at least one.
    const every = Math.max(1000, Math.floor(parseDuration(text.slice(7).trim()) / 1000) * 1000);
    return { next: (t) => Math.floor(t / 1000) * 1000 + every };
  }
  if (text.startsWith('@')) {
    const expanded = DESCRIPTORS[text.toLowerCase()];
    if (!expanded) throw new CronParseError(`unrecognized descriptor: ${text}`);
    return parseStandard(expanded);
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const domField = parseField(dom, DOM);
  const dowField = parseField(dow, { ...DOW, max: 7 });
  // Sunday may be written 7.
  if (dowField.set.delete(7)) dowField.set.add(0);
  const parsed: Spec = {
    minute: parseField(minute, MINUTES).set,
    hour: parseField(hour, HOURS).set,
    dom: domField.set,
    month: parseField(month, MONTHS).set,
    dow: dowField.set,
    domStar: domField.star,
    dowStar: dowField.star,
  };
  return { next: (t) => nextActivation(parsed, t) };
}

/** dayMatches: with either day field a `*`, both must match; otherwise either may. */
function dayMatches(s: Spec, d: Date): boolean {
  const domMatch = s.dom.has(d.getUTCDate());
  const dowMatch = s.dow.has(d.getUTCDay());
  return s.domStar || s.dowStar ? domMatch && dowMatch : domMatch || dowMatch;
}

/** SpecSchedule.Next: the first whole minute after t that matches, searched field by field. */
function nextActivation(s: Spec, afterMs: number): number {
  const d = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
  const limit = d.getUTCFullYear() + 5;
  while (d.getUTCFullYear() <= limit) {
    if (!s.month.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(s, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!s.hour.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!s.minute.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return d.getTime();
  }
  // robfig returns the zero time when nothing matches within five years (`0 0 30 2 *`).
  return Number.POSITIVE_INFINITY;
}
