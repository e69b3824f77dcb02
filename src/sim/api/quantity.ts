/**
 * resource.Quantity, ported from k8s.io/apimachinery pkg/api/resource (quantity.go, suffix.go,
 * amount.go): the fixed-point numbers in `cpu: 100m` and `memory: 1.5Gi`.
 *
 * Everything that reads or compares requests, limits, capacity and quota goes through here: the
 * validation of container resources, the scheduler's NodeResourcesFit, the kubelet's allocatable,
 * kubectl's printing. A Quantity is immutable; its value is kept exactly as a BigInt count of
 * nano-units (parsing rounds finer values up to 1n, as upstream does), so `0.1` and `100m` compare
 * equal and `9Ei` loses nothing. The suffix family it was written in (DecimalSI, BinarySI,
 * DecimalExponent) is remembered and String() prints the canonical form upstream prints.
 */
import { boundedMemo } from '../bounded-memo';

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/** The three errors ParseQuantity returns, with upstream's text. */
export const ERR_FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export class QuantityParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityParseError';
  }
}

const NANO_PER_UNIT = 1_000_000_000n;
const MAX_INT64 = (1n << 63n) - 1n;

const DECIMAL_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
]);
const DECIMAL_SUFFIX_BY_EXPONENT: ReadonlyMap<number, string> = new Map([...DECIMAL_SUFFIXES].map(([s, e]) => [e, s]));
const BINARY_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['Ki', 10],
  ['Mi', 20],
  ['Gi', 30],
  ['Ti', 40],
  ['Pi', 50],
  ['Ei', 60],
]);
const BINARY_SUFFIX_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const abs = (n: bigint): bigint => (n < 0n ? -n : n);

/** Integer division rounding away from zero, as ScaledValue and Round(…, RoundUp) do. */
function divAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  if (q * d === n) return q;
  return n < 0n ? q - 1n : q + 1n;
}

export class Quantity {
  private constructor(
    /** The value in units of 10^-9. */
    readonly nanos: bigint,
    readonly format: QuantityFormat,
    /** The input string, kept when it was already canonical (upstream's `s` cache). */
    private readonly cached?: string,
  ) {}

  /** ParseQuantity: throws QuantityParseError with upstream's message. */
  static parse(str: string): Quantity {
    return parseQuantity(str);
  }

  /** NewQuantity(value, format). */
  static of(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(toBigInt(value) * NANO_PER_UNIT, format);
  }

  /** NewMilliQuantity(value, format). */
  static ofMilli(milli: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(toBigInt(milli) * 1_000_000n, format);
  }

  static ofNanos(nanos: bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(nanos, format);
  }

  /** The zero value (resource.Quantity{}): prints as "0", adopts the format of what is added to it. */
  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(0n, format);
  }

  /** @internal used by the parser to build values and keep a canonical input string. */
  static fromParse(nanos: bigint, format: QuantityFormat, cached?: string): Quantity {
    return new Quantity(nanos, format, cached);
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.nanos < 0n ? -1 : this.nanos > 0n ? 1 : 0;
  }

  /** Cmp: -1, 0 or 1. */
  cmp(other: Quantity): -1 | 0 | 1 {
    return this.nanos < other.nanos ? -1 : this.nanos > other.nanos ? 1 : 0;
  }

  equals(other: Quantity): boolean {
    return this.nanos === other.nanos;
  }

  /** Add: the result keeps this quantity's format, or y's when this one is zero. */
  add(y: Quantity): Quantity {
    return new Quantity(this.nanos + y.nanos, this.nanos === 0n ? y.format : this.format);
  }

  /** Sub: as Add. */
  sub(y: Quantity): Quantity {
    return new Quantity(this.nanos - y.nanos, this.nanos === 0n ? y.format : this.format);
  }

  neg(): Quantity {
    return new Quantity(-this.nanos, this.format);
  }

  /** Mul by an integer. */
  mul(factor: number | bigint): Quantity {
    return new Quantity(this.nanos * toBigInt(factor), this.format);
  }

  /** ScaledValue(scale) as a BigInt: ceil(q / 10^scale), rounding away from zero. */
  scaledValueBig(scale: number): bigint {
    const exp = scale + 9;
    if (exp >= 0) return divAwayFromZero(this.nanos, pow10(exp));
    return this.nanos * pow10(-exp);
  }

  /** Value(): the value rounded up (away from zero) to an integer. */
  value(): number {
    return Number(this.scaledValueBig(0));
  }

  /** MilliValue(): ceil(q * 1000), away from zero. */
  milliValue(): number {
    return Number(this.scaledValueBig(-3));
  }

  valueBig(): bigint {
    return this.scaledValueBig(0);
  }

  milliValueBig(): bigint {
    return this.scaledValueBig(-3);
  }

  /** AsApproximateFloat64. */
  asApproximateFloat64(): number {
    return Number(this.nanos) / 1e9;
  }

  /** A copy in another format (q.Format = f); the canonical string is recomputed. */
  withFormat(format: QuantityFormat): Quantity {
    return new Quantity(this.nanos, format);
  }

  /** String(): the canonical form (CanonicalizeBytes), or the input when it was canonical. */
  toString(): string {
    return this.cached ?? canonicalize(this.nanos, this.format);
  }

  /** MarshalJSON: a quantity is serialised as its string. */
  toJSON(): string {
    return this.toString();
  }
}

function toBigInt(n: number | bigint): bigint {
  if (typeof n === 'bigint') return n;
  if (!Number.isInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return BigInt(n);
}

/** CanonicalizeBytes + the suffixer's construct. */
function canonicalize(nanos: bigint, initial: QuantityFormat): string {
  if (nanos === 0n) return '0';
  let format = initial;
  if (format === 'BinarySI') {
    // Small values and values with a fraction are shown in DecimalSI so nothing is rounded.
    if (abs(nanos) < 1024n * NANO_PER_UNIT) format = 'DecimalSI';
    else if (nanos % NANO_PER_UNIT !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let mantissa = nanos / NANO_PER_UNIT;
    let power = 0;
    while (power < 6 && abs(mantissa) >= 1024n && mantissa % 1024n === 0n) {
      mantissa /= 1024n;
      power++;
    }
    return `${mantissa}${BINARY_SUFFIX_BY_POWER[power]}`;
  }
  // Base 10: the largest exponent that is a multiple of 3 and loses nothing.
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exponent += 3;
  }
  if (format === 'DecimalSI') {
    const suffix = DECIMAL_SUFFIX_BY_EXPONENT.get(exponent);
    // Beyond E (10^18) DecimalSI has no suffix; upstream falls back to exponent notation.
    if (suffix !== undefined) return `${mantissa}${suffix}`;
  }
  return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
}

interface Scanned {
  positive: boolean;
  /** The number without the suffix, sign included (what inf.Dec parses on the slow path). */
  value: string;
  /** Digits before the point, leading zeros stripped ("0" when there are none). */
  num: string;
  /** Digits after the point. */
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** parseQuantityString: the scanner, character for character as upstream. */
function scan(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') {
      pos++;
    }
  }
  // strip leading zeros
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[i] === '0') pos++;
    else break;
  }
  // the numerator
  let num = '';
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
    if (!isDigit(str[i])) {
      num = str.slice(pos, i);
      pos = i;
      break;
    }
  }
  if (num.length === 0) num = '0';
  // the denominator
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    for (let i = pos; ; i++) {
      if (i >= end) return { positive, value: str, num, denom: str.slice(pos), suffix: '' };
      if (!isDigit(str[i])) {
        denom = str.slice(pos, i);
        pos = i;
        break;
      }
    }
  }
  const value = str.slice(0, pos);
  // the suffix: letters, then an optional sign and digits
  const suffixStart = pos;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!'eEinumkKMGTP'.includes(str[i] as string)) {
      pos = i;
      break;
    }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!isDigit(str[i])) break;
  }
  throw new QuantityParseError(ERR_FORMAT_WRONG);
}

interface Suffix {
  base: 10 | 2;
  exponent: number;
  format: QuantityFormat;
}

/** suffixHandler.interpret. */
function interpretSuffix(suffix: string): Suffix | undefined {
  const dec = DECIMAL_SUFFIXES.get(suffix);
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES.get(suffix);
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const rest = suffix.slice(1);
    // strconv.ParseInt(…, 10, 64): an optional sign and digits.
    if (!/^[+-]?[0-9]+$/.test(rest)) return undefined;
    const parsed = Number.parseInt(rest, 10);
    if (!Number.isSafeInteger(parsed)) return undefined;
    return { base: 10, exponent: parsed, format: 'DecimalExponent' };
  }
  return undefined;
}

/** What inf.Dec.SetString accepts: an optional sign, digits with an optional point. */
const DECIMAL_TEXT = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/;

/**
 * Parsed quantities by their text. A Quantity never changes once made, and a cluster writes the
 * same few texts ("100m", "128Mi") over and over: defaulting, validation, admission and the
 * scheduler each read every pod's requests, so each text is parsed once. Bounded: cleared when full.
 */
const PARSED_MAX = 4096;

/** ParseQuantity. */
export const parseQuantity: (str: string) => Quantity = boundedMemo(PARSED_MAX, parseQuantityText);

function parseQuantityText(str: string): Quantity {
  if (str.length === 0) throw new QuantityParseError(ERR_FORMAT_WRONG);
  if (str === '0') return Quantity.fromParse(0n, 'DecimalSI', '0');

  const { positive, value, num, denom, suffix } = scan(str);
  const interpreted = interpretSuffix(suffix);
  if (!interpreted) throw new QuantityParseError(ERR_SUFFIX);
  const { base, exponent } = interpreted;
  let format = interpreted.format;

  // The fast path: values that fit an int64 at a scale of nano or coarser. It decides whether the
  // input is already canonical, in which case String() returns it unchanged.
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const digits = BigInt(shifted);
      let result = digits * mantissa;
      if (result <= MAX_INT64) {
        if (!positive) result = -result;
        const nanos = result * pow10(scale + 9);
        const canonical =
          format === 'BinarySI'
            ? exponent % 10 === 0 && (digits & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return Quantity.fromParse(nanos, format, canonical ? str : undefined);
      }
    }
  }

  // The slow path: arbitrary precision, rounded up to a whole nano.
  if (!DECIMAL_TEXT.test(value)) throw new QuantityParseError(ERR_NUMERIC);
  const unsigned = value.replace(/^[+-]/, '');
  const [intPart = '', fracPart = ''] = unsigned.split('.');
  // |value| = digits * 10^-fracLen
  let numerator = BigInt((intPart + fracPart) || '0');
  let denominatorExp = fracPart.length;
  if (base === 10) denominatorExp -= exponent;
  else numerator *= 1n << BigInt(exponent);
  // nanos = numerator * 10^(9 - denominatorExp), rounded away from zero
  const shift = 9 - denominatorExp;
  let nanos = shift >= 0 ? numerator * pow10(shift) : divAwayFromZero(numerator, pow10(-shift));
  if (format === 'BinarySI' && nanos > MAX_INT64 * NANO_PER_UNIT) nanos = MAX_INT64 * NANO_PER_UNIT;
  if (format === 'BinarySI' && nanos > 0n && nanos < NANO_PER_UNIT) format = 'DecimalSI';
  return Quantity.fromParse(positive ? nanos : -nanos, format);
}

/** ParseQuantity, returning the error instead of throwing. */
export function tryParseQuantity(str: string): Quantity | QuantityParseError {
  try {
    return parseQuantity(str);
  } catch (e) {
    if (e instanceof QuantityParseError) return e;
    throw e;
  }
}

/**
 * Quantity.UnmarshalJSON: a quantity in an object may be a JSON string or a number (YAML's
 * `cpu: 1`); surrounding spaces are trimmed.
 */
export function quantityFromJSON(v: unknown): Quantity {
  if (v instanceof Quantity) return v;
  if (typeof v === 'number') return parseQuantity(numberText(v));
  if (typeof v === 'string') return parseQuantity(v.trim());
  throw new QuantityParseError(ERR_FORMAT_WRONG);
}

/** A JSON number as Go would have received its text (JS prints 1e21 as "1e+21", which parses). */
function numberText(n: number): string {
  return String(n);
}

/** The sum of a list of quantities (a zero DecimalSI quantity for none). */
export function sumQuantities(qs: Iterable<Quantity>): Quantity {
  let total = Quantity.zero();
  for (const q of qs) total = total.add(q);
  return total;
}
