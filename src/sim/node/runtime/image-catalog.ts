/**
 * The image catalog: the images tutorials use, with their compressed sizes (what a pull moves
 * and what `crictl images` and the Pulled event report) and stable digests. Sizes are those of
 * the linux/amd64 images as registries served them in early 2025; digests are stand-ins made
 * from the name (deterministic, 64 hex digits), not the registries' real ones. A repository
 * not listed here is pulled with DEFAULT_IMAGE_SIZE; a listed repository with an unlisted tag
 * does not exist (`nginx:nope` fails as the registry would).
 */
import { boundedMemo } from '../../bounded-memo';

export interface CatalogImage {
  /** Compressed size in bytes. */
  readonly size: number;
}

export interface CatalogRepository {
  readonly tags: Readonly<Record<string, CatalogImage>>;
}

/** What an image outside the catalog weighs when pulled. */
export const DEFAULT_IMAGE_SIZE = 50_000_000;

const same = (size: number, ...tags: string[]): Record<string, CatalogImage> => Object.fromEntries(tags.map((t) => [t, { size }]));

/** Keyed by fully qualified repository. */
export const IMAGE_CATALOG: Readonly<Record<string, CatalogRepository>> = {
  // 1.14.2 and 1.16.1 are the kubernetes.io Deployment page's images; their sizes are approximate.
  'docker.io/library/nginx': { tags: { ...same(72_195_292, 'latest', '1.27', '1.27.3', 'stable'), ...same(70_542_235, '1.25', '1.25.5', '1.26'), ...same(20_470_551, 'alpine', '1.27-alpine'), ...same(44_710_000, '1.14.2'), ...same(51_060_000, '1.16.1') } },
  'docker.io/library/busybox': { tags: { ...same(2_155_492, 'latest', '1.36', '1.36.1', '1.37', '1.37.0'), ...same(727_869, '1.28', '1.28.4') } },
  'docker.io/library/alpine': { tags: same(3_623_844, 'latest', '3.21', '3.20', '3.19', '3') },
  'docker.io/library/ubuntu': { tags: { ...same(29_754_422, 'latest', '24.04', 'noble'), ...same(29_535_941, '22.04', 'jammy'), ...same(27_509_405, '20.04', 'focal') } },
  'docker.io/library/debian': { tags: { ...same(48_494_272, 'latest', 'bookworm', '12'), ...same(28_227_259, 'bookworm-slim', '12-slim', 'stable-slim') } },
  'docker.io/library/httpd': { tags: same(58_354_614, 'latest', '2.4', '2.4.62', 'alpine') },
  'docker.io/library/perl': { tags: { ...same(336_523_198, 'latest', '5', '5.40', '5.40.0'), ...same(331_178_203, '5.34', '5.34.0') } },
  'docker.io/polinux/stress': { tags: same(4_041_375, 'latest', '1.0.4') },
  'registry.k8s.io/e2e-test-images/agnhost': { tags: { ...same(51_171_734, '2.39', '2.40', '2.43'), ...same(53_612_433, '2.47', '2.50', '2.52', '2.53') } },
  'registry.k8s.io/liveness': { tags: same(2_637_568, 'latest') },
  'registry.k8s.io/pause': { tags: { ...same(320_368, '3.10'), ...same(321_520, '3.9'), ...same(311_286, '3.8') } },
};

/** A 32-bit FNV-1a hash: the seed of the stand-in digests. */
function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** 64 hex digits derived from `text`: the same name always gets the same digest. */
// Pure, and asked again for every pull of the same image on every node: remembered per text.
export const pseudoDigest: (text: string) => string = boundedMemo(1_024, pseudoDigestOf);

/** pseudoDigest computed (and the test's reference for the memo). */
export function pseudoDigestOf(text: string): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += fnv1a(text, i * 0x9e3779b9).toString(16).padStart(8, '0');
  return out;
}
