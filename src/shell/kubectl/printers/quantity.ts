/**
 * The little of apimachinery's resource.Quantity that kubectl's printers need: parse a quantity
 * string, add and compare quantities, and print one in canonical form (Quantity.String()), so that
 * `kubectl describe node` can total a node's requests as kubectl does (`750m (37%)`).
 *
 * Values are held exactly, as a BigInt count of nano-units (Go keeps nothing finer and rounds up
 * to it), with the suffix family the input was written in, which String() reuses.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** Value × 10⁹, rounded up as Go's inf.Dec → int64Amount rounding does. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

const DECIMAL_SUFFIX_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX_POWER: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

export const ZERO_QUANTITY: Quantity = { nanos: 0n, format: 'DecimalSI' };

function pow(base: bigint, exponent: number): bigint {
  let result = 1n;
  for (let i = 0; i < exponent; i++) result *= base;
  return result;
}

/** Integer division rounding towards +∞, as Quantity rounds a value it cannot hold exactly. */
function divCeil(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator;
  return numerator % denominator > 0n ? q + 1n : q;
}

/** resource.ParseQuantity; undefined where Go would return an error. */
export function parseQuantity(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, numberPart = '', suffix = ''] = match;
  const sign = numberPart.startsWith('-') ? -1n : 1n;
  const unsigned = numberPart.replace(/^[+-]/, '');
  const parts = unsigned.split('.');
  if (parts.length > 2 || !/^[0-9]*$/.test(parts[0] ?? '') || !/^[0-9]*$/.test(parts[1] ?? '') || unsigned === '.' || unsigned === '') return undefined;
  const whole = parts[0] ?? '';
  const fraction = parts[1] ?? '';
  const digits = BigInt(`${whole}${fraction}` || '0');
  const scale = fraction.length;

  let format: QuantityFormat;
  let numerator: bigint;
  let denominator: bigint;
  if (suffix in BINARY_SUFFIX_POWER) {
    format = 'BinarySI';
    numerator = digits * pow(1024n, BINARY_SUFFIX_POWER[suffix] as number) * 10n ** 9n;
    denominator = 10n ** BigInt(scale);
  } else {
    let exponent: number;
    if (suffix in DECIMAL_SUFFIX_EXPONENT) {
      format = 'DecimalSI';
      exponent = DECIMAL_SUFFIX_EXPONENT[suffix] as number;
    } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
      format = 'DecimalExponent';
      exponent = Number.parseInt(suffix.slice(1), 10);
    } else {
      return undefined;
    }
    const shift = 9 + exponent - scale;
    numerator = shift >= 0 ? digits * 10n ** BigInt(shift) : digits;
    denominator = shift >= 0 ? 1n : 10n ** BigInt(-shift);
  }
  return { nanos: sign * divCeil(numerator, denominator), format };
}

function decimalSuffix(exponent: number, format: QuantityFormat): string {
  if (format === 'DecimalExponent') return exponent === 0 ? '' : `e${exponent}`;
  const entry = Object.entries(DECIMAL_SUFFIX_EXPONENT).find(([, e]) => e === exponent);
  return entry ? entry[0] : `e${exponent}`;
}

/** Quantity.String(): the canonical form, e.g. `1500m`, `1536Mi`, `1k`, `0`. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const negative = q.nanos < 0n;
  const abs = negative ? -q.nanos : q.nanos;
  const sign = negative ? '-' : '';
  const billion = 10n ** 9n;
  if (q.format === 'BinarySI' && abs >= 1024n * billion && abs % billion === 0n) {
    let amount = abs / billion;
    let power = 0;
    while (amount % 1024n === 0n && power < 6) {
      amount /= 1024n;
      power++;
    }
    const suffix = Object.entries(BINARY_SUFFIX_POWER).find(([, p]) => p === power)?.[0] ?? '';
    return `${sign}${amount}${suffix}`;
  }
  // AsCanonicalBytes: strip factors of ten, then lower the exponent to a multiple of three.
  let mantissa = abs;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const rem = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(rem);
  exponent -= rem;
  const format = q.format === 'BinarySI' ? 'DecimalSI' : q.format;
  return `${sign}${mantissa}${decimalSuffix(exponent, format)}`;
}

/** The canonical form of a quantity string; the input itself when it does not parse. */
export function canonicalQuantity(text: string): string {
  const q = parseQuantity(text);
  return q ? formatQuantity(q) : text;
}

/** Quantity.Add: the sum keeps the first operand's format, unless that one is zero. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Quantity.Value(): whole units, rounded up. */
export function quantityValue(q: Quantity): bigint {
  return divCeil(q.nanos, 10n ** 9n);
}

/** Quantity.MilliValue(): thousandths, rounded up. */
export function quantityMilliValue(q: Quantity): bigint {
  return divCeil(q.nanos, 10n ** 6n);
}
