/**
 * Key ranges as etcd reads them. A request's `range_end` is absent/'' for one key, "\0" for
 * "every key >= key", or the exclusive end of [key, range_end). clientv3's WithPrefix turns a
 * prefix into its range end: the prefix with its last byte incremented (trailing 0xff bytes
 * dropped; when nothing is left, "\0"); WithPrefix on an empty key means every key.
 *
 * Keys are compared as JavaScript strings (UTF-16 code units). That equals etcd's byte order for
 * every key without characters beyond U+FFFF, i.e. for every key Kubernetes writes.
 */

/** The range_end meaning "to the end of the keyspace". */
export const FROM_KEY = '\0';

export type KeyRange =
  | { readonly kind: 'single'; readonly key: string }
  | { readonly kind: 'range'; readonly key: string; readonly end: string }
  | { readonly kind: 'from'; readonly key: string };

export function keyRange(key: string, rangeEnd: string | undefined): KeyRange {
  if (rangeEnd === undefined || rangeEnd === '') return { kind: 'single', key };
  if (rangeEnd === FROM_KEY) return { kind: 'from', key };
  return { kind: 'range', key, end: rangeEnd };
}

/** Whether `k` falls in the range. */
export function inRange(r: KeyRange, k: string): boolean {
  switch (r.kind) {
    case 'single':
      return k === r.key;
    case 'from':
      return k >= r.key;
    case 'range':
      return k >= r.key && k < r.end;
  }
}

/** clientv3.GetPrefixRangeEnd: the range end that selects every key starting with `prefix`. */
export function prefixEnd(prefix: string): string {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const c = prefix.charCodeAt(i);
    if (c < 0xffff) return prefix.slice(0, i) + String.fromCharCode(c + 1);
  }
  return FROM_KEY;
}

/** clientv3 WithPrefix: the key and range end for a prefix; '' selects the whole keyspace. */
export function prefixRange(prefix: string): { key: string; rangeEnd: string } {
  if (prefix === '') return { key: FROM_KEY, rangeEnd: FROM_KEY };
  return { key: prefix, rangeEnd: prefixEnd(prefix) };
}
