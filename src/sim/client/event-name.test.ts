import { describe, expect, it } from 'vitest';
import { SIMULATION_EPOCH_MS } from '../api/time';
import { unixNanosHex } from './event-name';

const viaBigInt = (ms: number, nanos: number) => (BigInt(ms) * 1_000_000n + BigInt(nanos)).toString(16).padStart(16, '0');

describe('unixNanosHex', () => {
  it('writes the nanoseconds as the BigInt computation does', () => {
    const cases: [number, number][] = [
      [0, 0],
      [0, 999_999],
      [1, 5],
      [4294, 967_295],
      [4295, 0],
      [2 ** 32 - 1, 999_999],
      [2 ** 32, 0],
      [2 ** 32 + 1, 123_456],
      [SIMULATION_EPOCH_MS, 0],
      [SIMULATION_EPOCH_MS + 13_000, 999_999],
      [4_102_444_800_000, 1],
    ];
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      cases.push([SIMULATION_EPOCH_MS + (seed % 100_000_000) * 37, seed % 1_000_000]);
    }
    for (const [ms, nanos] of cases) expect(unixNanosHex(ms, nanos)).toBe(viaBigInt(ms, nanos));
  });
});
