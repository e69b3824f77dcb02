/**
 * Seeded pseudo-random numbers for the simulation core.
 *
 * The core never uses the platform's unseeded generator: every random choice (jitter, a tie-break, a generated
 * name suffix) draws from the engine's Rng, so one seed reproduces one run. The generator is
 * sfc32 seeded through splitmix32, small, fast and with good statistical quality.
 */

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng {
  // Initialised as numbers where declared: a field first defined as undefined (ES2022 class
  // fields) holds any value, so every store of a state word above 2^31 boxed a new HeapNumber;
  // as number fields they are stored in place (about 2× faster per draw, no garbage).
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(readonly seed: number) {
    const mix = splitmix32(seed);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    // sfc32 wants a few rounds to spread a weak seed across its state.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /**
   * A random string from Kubernetes' alphabet for generated names (apimachinery
   * util/rand: consonants and digits without look-alikes, "bcdfghjklmnpqrstvwxz2456789").
   */
  string(length: number): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}
