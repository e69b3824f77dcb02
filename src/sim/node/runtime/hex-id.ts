/**
 * Random IDs as the runtime makes them (container and sandbox IDs): 32-bit words from the
 * engine's RNG as lowercase hex, eight digits each, in one flat string. Written as character
 * codes into one scratch array and made a string in one call: Number#toString(16) of a word
 * above 2^31 (a heap number) with padStart costs several times more, and joining eight pieces
 * allocates each of them.
 */
const HEX_DIGITS: readonly number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Reused by every call; filled completely before it is read. */
const scratch: number[] = [];

/** `words` draws of rng.nextUint32(), in order, each as eight hex digits. */
export function randomHex(rng: { nextUint32(): number }, words: number): string {
  scratch.length = words * 8;
  for (let i = 0; i < words; i++) {
    const word = rng.nextUint32();
    const at = i * 8;
    for (let j = 0; j < 8; j++) scratch[at + j] = HEX_DIGITS[(word >>> (28 - j * 4)) & 15] as number;
  }
  return String.fromCharCode.apply(null, scratch);
}
