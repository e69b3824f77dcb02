/**
 * The `continue` token of a paged list (k8s.io/apiserver pkg/storage/continue.go): base64url,
 * unpadded, of `{"v":"meta.k8s.io/v1","rv":<revision>,"start":"<next key without the prefix>"}`.
 * The next page reads from that key at that revision, so a paged list is one consistent snapshot
 * until etcd compacts it away.
 */

import { base64Decode, base64Encode, utf8Bytes, utf8Text } from '../../base64';

const API_VERSION = 'meta.k8s.io/v1';

export interface ContinueToken {
  readonly resourceVersion: number;
  /** The next key, relative to the resource's key prefix. */
  readonly start: string;
}

export function encodeContinue(nextKey: string, keyPrefix: string, resourceVersion: number): string {
  if (!nextKey.startsWith(keyPrefix)) throw new Error('unable to encode next field: the key and key prefix do not match');
  return base64Encode(utf8Bytes(JSON.stringify({ v: API_VERSION, rv: resourceVersion, start: nextKey.slice(keyPrefix.length) })), 'url');
}

/** The token's revision and start key, or the error upstream's DecodeContinue gives. */
export function decodeContinue(token: string): ContinueToken | { readonly error: string } {
  let parsed: { v?: unknown; rv?: unknown; start?: unknown };
  const bytes = base64Decode(token, 'url');
  try {
    if (!bytes) throw new Error('not base64');
    parsed = JSON.parse(utf8Text(bytes)) as typeof parsed;
  } catch {
    return { error: 'continue key is not valid: illegal base64 data at input byte 0' };
  }
  if (parsed.v !== API_VERSION) return { error: `continue key is not valid: incorrect encoded start resourceVersion (version ${String(parsed.v)})` };
  if (typeof parsed.start !== 'string' || parsed.start === '') return { error: 'continue key is not valid: encoded start key empty' };
  if (typeof parsed.rv !== 'number' || parsed.rv === 0) return { error: 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)' };
  return { resourceVersion: parsed.rv, start: parsed.start };
}
