/** pseudoDigest's memo against the plain computation, past the memo's bound. */
import { describe, expect, it } from 'vitest';
import { pseudoDigest, pseudoDigestOf } from './image-catalog';

describe('pseudoDigest', () => {
  it('answers as the computation, asked again and past the bound', () => {
    const texts = Array.from({ length: 3_000 }, (_, i) => `id docker.io/library/img-${i % 1_500} ${i * 7}`);
    for (let round = 0; round < 2; round++) for (const t of texts) expect(pseudoDigest(t)).toBe(pseudoDigestOf(t));
    expect(pseudoDigest('digest docker.io/library/nginx 72195292')).toMatch(/^[0-9a-f]{64}$/);
  });
});
