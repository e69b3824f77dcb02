/** metadata.uid: an RFC 4122 version-4 UUID, drawn from the engine's seeded Rng so runs repeat. */
import type { Rng } from '../engine';

export function newUid(rng: Rng): string {
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const a = hex(rng.nextUint32());
  const b = hex(rng.nextUint32());
  const c = hex(rng.nextUint32());
  const d = hex(rng.nextUint32());
  const variant = (8 + (rng.nextUint32() % 4)).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}
