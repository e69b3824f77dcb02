/** metadata.uid: an RFC 4122 version-4 UUID, drawn from the engine's seeded Rng so runs repeat. */
import type { Rng } from '../engine';
import { flatString } from '../flat-string';

/** Two hex digits per byte value: every create draws a uid, and toString(16) + padStart cost more. */
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex(n: number): string {
  return (HEX_BYTE[n >>> 24] as string) + (HEX_BYTE[(n >>> 16) & 0xff] as string) + (HEX_BYTE[(n >>> 8) & 0xff] as string) + (HEX_BYTE[n & 0xff] as string);
}

export function newUid(rng: Rng): string {
  const a = hex(rng.nextUint32());
  const b = hex(rng.nextUint32());
  const c = hex(rng.nextUint32());
  const d = hex(rng.nextUint32());
  const variant = (8 + (rng.nextUint32() % 4)).toString(16);
  // Flat, as it is written into the stored object (see flatString).
  return flatString(`${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`);
}
