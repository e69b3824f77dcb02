import { describe, expect, it } from 'vitest';
import { fullName, parseImageRef, parseImageRefText } from './image-ref';

const texts = ['nginx', 'nginx:1.27', 'busybox:1.36', 'registry.k8s.io/pause:3.10', 'localhost:5000/team/app:v2', `nginx@sha256:${'a'.repeat(64)}`, `quay.io/x/y:1@sha256:${'b'.repeat(64)}`, 'Nginx', '', 'has space', 'nginx:bad!tag', 'nginx@sha256:short', 'a//b'];

describe('parseImageRef kept answers', () => {
  it('answers as the plain parse, again and again, and across the cache being emptied', () => {
    for (let round = 0; round < 3; round++) {
      for (const t of texts) {
        const kept = parseImageRef(t);
        expect(kept).toEqual(parseImageRefText(t));
        expect(Object.isFrozen(kept)).toBe(true);
        if (!('error' in kept)) expect(fullName(kept)).toBe(fullName({ ...kept }));
      }
      // Fill the cache past its bound so that it is emptied between rounds.
      for (let i = 0; i < 1100; i++) parseImageRef(`filler-${round}-${i}:v${i}`);
    }
  });
});
