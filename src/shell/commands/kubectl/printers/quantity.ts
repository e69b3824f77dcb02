/**
 * What kubectl's printers need of apimachinery's resource.Quantity, over the one the simulated
 * apiserver uses (src/sim/api/quantity.ts): parse a quantity string, add and compare quantities,
 * and print one in canonical form, so that `kubectl describe node` totals a node's requests as
 * kubectl does (`750m (37%)`).
 */
import { Quantity, tryParseQuantity } from '../../../../sim/api/quantity';

export type { Quantity };

export const ZERO_QUANTITY: Quantity = Quantity.zero();

/** resource.ParseQuantity; undefined where Go would return an error. */
export function parseQuantity(text: string): Quantity | undefined {
  const q = tryParseQuantity(text);
  return q instanceof Quantity ? q : undefined;
}

/** Quantity.String(). */
export function formatQuantity(q: Quantity): string {
  return q.toString();
}

/** The canonical form of a quantity string; the input itself when it does not parse. */
export function canonicalQuantity(text: string): string {
  return parseQuantity(text)?.toString() ?? text;
}

/** Quantity.Add: the sum keeps the first operand's format, unless that one is zero. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return a.add(b);
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.cmp(b);
}

/** Quantity.Value(): whole units, rounded up. */
export function quantityValue(q: Quantity): bigint {
  return q.valueBig();
}

/** Quantity.MilliValue(): thousandths, rounded up. */
export function quantityMilliValue(q: Quantity): bigint {
  return q.milliValueBig();
}
