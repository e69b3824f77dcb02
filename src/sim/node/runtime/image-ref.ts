/**
 * Image references as the kubelet and the runtimes read them (distribution/reference): the
 * kubelet's applyDefaultImageTag (no tag and no digest -> `:latest`), and the runtimes'
 * normalisation (`nginx` -> `docker.io/library/nginx:latest`). A reference that does not
 * parse is the kubelet's InvalidImageName.
 */
import { boundedMemo } from '../../bounded-memo';
import { flatString } from '../../flat-string';

export interface ImageRef {
  /** docker.io/library/nginx */
  readonly repository: string;
  /** `latest` when neither tag nor digest was given. */
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?$/;

type Parsed = ImageRef | { readonly error: string };

/**
 * parseImageRef's answers by reference text: a node parses the same few references for every
 * container it starts (image status, create, pull). Bounded: emptied when full. The answers are
 * frozen, since every caller holding one shares it.
 */
const PARSED_KEPT = 1024;
/** fullName of a kept answer, by the answer's identity. */
const fullNames = new WeakMap<ImageRef, string>();

/** The error text of reference.ParseNormalizedNamed, or the parsed reference. */
export const parseImageRef: (image: string) => Parsed = boundedMemo(PARSED_KEPT, (image) => Object.freeze(parseImageRefText(image)));

/** parseImageRef itself, for every text (exported for the cache's test). */
export function parseImageRefText(image: string): ImageRef | { error: string } {
  if (image === '' || /\s/.test(image)) return { error: 'invalid reference format' };
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { error: 'invalid reference format' };
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { error: 'invalid reference format' };
  }
  const parts = rest.split('/');
  let domain = 'docker.io';
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    if (!DOMAIN.test(first)) return { error: 'invalid reference format' };
    domain = first;
    parts.shift();
  }
  if (parts.length === 0) return { error: 'invalid reference format' };
  for (const p of parts) {
    if (p !== p.toLowerCase()) return { error: `invalid reference format: repository name (${parts.join('/')}) must be lowercase` };
    if (!COMPONENT.test(p)) return { error: 'invalid reference format' };
  }
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  return { repository: `${domain}/${parts.join('/')}`, tag: tag ?? (digest ? undefined : 'latest'), digest };
}

/** kubelet applyDefaultImageTag: `nginx` -> `nginx:latest`; digests and tags are kept. */
export function applyDefaultImageTag(image: string): { image: string } | { error: string } {
  const parsed = parseImageRef(image);
  if ('error' in parsed) return { error: `couldn't parse image name "${image}": ${parsed.error}` };
  const hasTag = image.lastIndexOf(':') > image.lastIndexOf('/');
  if (!parsed.digest && !hasTag) return { image: `${image}:latest` };
  return { image };
}

/** docker.io/library/nginx:latest, or repository@digest. */
export function fullName(ref: ImageRef): string {
  let name = fullNames.get(ref);
  if (name === undefined) {
    // Flat: a container status's image is written into every pod the kubelet starts (see flatString).
    name = flatString(ref.digest ? `${ref.repository}@${ref.digest}` : `${ref.repository}:${ref.tag ?? 'latest'}`);
    // Only frozen answers are kept: a caller's own object could change after.
    if (Object.isFrozen(ref)) fullNames.set(ref, name);
  }
  return name;
}
