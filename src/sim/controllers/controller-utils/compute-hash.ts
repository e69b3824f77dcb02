/**
 * controller.ComputeHash (pkg/controller/controller_utils.go): the pod-template-hash a Deployment
 * names its ReplicaSets with. Upstream writes the template into an FNV-32a hasher with
 * hashutil.DeepHashObject (go-spew's `%#v` of the Go struct, keys sorted), adds collisionCount
 * as 4 little-endian bytes in an 8-byte slice, and encodes the decimal Sum32 with
 * rand.SafeEncodeString (each digit mapped into "bcdfghjklmnpqrstvwxz2456789").
 *
 * Simplified: the bytes hashed are the template's JSON with sorted keys, not go-spew's printing
 * of the Go struct, so the hash differs from a real cluster's for the same template; it has the
 * same shape (8-10 characters of that alphabet), changes when and only when the template does,
 * and grows a different value with collisionCount.
 */

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with object keys sorted at every level: a stable printing of a template. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** hash/fnv New32a over bytes. */
export function fnv32a(bytes: Iterable<number>, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: every byte mapped into the alphabet without vowels or look-alikes. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const bytes = [collisionCount & 0xff, (collisionCount >>> 8) & 0xff, (collisionCount >>> 16) & 0xff, (collisionCount >>> 24) & 0xff, 0, 0, 0, 0];
    h = fnv32a(bytes, h);
  }
  return safeEncodeString(String(h));
}
