/**
 * Service-account tokens: the TokenRequest issuer and the authenticator that accepts what it
 * issued, after kubernetes pkg/serviceaccount/claims.go and jwt.go.
 *
 * Tokens look like the real bound tokens: `header.payload.signature`, base64url, with the real
 * claims (`iss`, `sub: system:serviceaccount:<ns>:<name>`, `aud`, `exp`, `iat`, `nbf`, `jti`, and
 * `kubernetes.io: {namespace, pod, node, serviceaccount, warnafter}`), so a learner can paste one
 * into a JWT decoder. There is no cryptography: the "signature" is a deterministic filler, and
 * verification is a lookup in the table of tokens this issuer minted. A token with our issuer that
 * is not in the table stands for a forged one and is rejected (401), as a bad signature is.
 *
 * Time comes from the injected clock (Unix seconds on the simulated clock), never the wall clock.
 * Whoever owns the apiserver owns one instance: the TokenRequest endpoint mints, the
 * authentication filter authenticates.
 */
import { base64Decode, base64Encode, hex, utf8Bytes, utf8Text } from '../../base64';
import type { UserInfo } from '../request-types';
import type { AuthenticatorResult, TokenAuthenticator } from './authenticator';
import {
  CREDENTIAL_ID_KEY,
  NODE_NAME_KEY,
  NODE_UID_KEY,
  POD_NAME_KEY,
  POD_UID_KEY,
  serviceAccountGroups,
  serviceAccountUsername,
} from './serviceaccount';

/** kubeadm's default `--service-account-issuer`. */
export const DEFAULT_SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** TokenRequest's default `spec.expirationSeconds`. */
export const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;
/** go-jose's default leeway when checking exp/nbf/iat. */
const CLOCK_LEEWAY_SECONDS = 60;

interface ObjectRef {
  readonly name: string;
  readonly uid: string;
}

/** The private claims under `kubernetes.io` (claims.go `kubernetes`), keys in the order a decoded token shows them. */
export interface KubernetesClaims {
  readonly namespace: string;
  readonly node?: ObjectRef;
  readonly pod?: ObjectRef;
  readonly secret?: ObjectRef;
  readonly serviceaccount: ObjectRef;
  readonly warnafter?: number;
}

/** The token's payload, keys sorted as go-jose serialises merged claims. */
export interface ServiceAccountTokenClaims {
  readonly aud: readonly string[];
  readonly exp: number;
  readonly iat: number;
  readonly iss: string;
  readonly jti: string;
  readonly 'kubernetes.io': KubernetesClaims;
  readonly nbf: number;
  readonly sub: string;
}

export interface TokenRequestSpec {
  readonly serviceAccount: { readonly namespace: string; readonly name: string; readonly uid: string };
  /** Defaults to the API audiences (the issuer). */
  readonly audiences?: readonly string[];
  readonly expirationSeconds?: number;
  /** A pod, secret or node the token is bound to: deleting it invalidates the token. */
  readonly boundObject?: { readonly kind: 'Pod' | 'Secret' | 'Node'; readonly name: string; readonly uid: string };
  /** For a pod-bound token: the node the pod runs on (ServiceAccountTokenPodNodeInfo). */
  readonly node?: ObjectRef;
  /** Set when the kubelet asks for a long-lived projected token: when it should warn about use after this many seconds. */
  readonly warnAfterSeconds?: number;
}

export interface IssuedToken {
  readonly token: string;
  /** Unix seconds: TokenRequest's status.expirationTimestamp. */
  readonly expirationTimestamp: number;
  readonly claims: ServiceAccountTokenClaims;
}

/** What the authenticator looks up to check a bound token is still valid (a lister over the apiserver's storage). */
export interface ServiceAccountTokenGetter {
  getServiceAccount(namespace: string, name: string): { readonly uid: string; readonly deleting?: boolean } | undefined;
  getPod?(namespace: string, name: string): { readonly uid: string; readonly deleting?: boolean } | undefined;
  getSecret?(namespace: string, name: string): { readonly uid: string; readonly deleting?: boolean } | undefined;
}

export interface ServiceAccountTokensOptions {
  /** Unix seconds on the simulated clock. */
  readonly now: () => number;
  readonly issuer?: string;
  /** `--api-audiences`; defaults to the issuer. */
  readonly apiAudiences?: readonly string[];
  readonly getter?: ServiceAccountTokenGetter;
}

const encodeJson = (value: unknown): string => base64Encode(utf8Bytes(JSON.stringify(value)), 'url');

function decodeJson(segment: string): unknown {
  const bytes = base64Decode(segment, 'url');
  if (!bytes) return undefined;
  try {
    return JSON.parse(utf8Text(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** FNV-1a, 32 bits: seeds the filler signature and key id; not a security property. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Whether a token's audiences include one of the API audiences (a loop: every request asks). */
function audienceMatches(aud: readonly string[], apiAudiences: readonly string[]): boolean {
  for (const a of aud) if (apiAudiences.includes(a)) return true;
  return false;
}

/** Deterministic bytes from a seed (xorshift32). */
function fillerBytes(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed || 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function uuidFrom(seed: number): string {
  const digits = hex(fillerBytes(seed, 16));
  const variant = ((parseInt(digits[16] as string, 16) & 3) | 8).toString(16);
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-4${digits.slice(13, 16)}-${variant}${digits.slice(17, 20)}-${digits.slice(20, 32)}`;
}

/** The header and payload of a token, without checking anything: what `jwt.io` would show. */
export function decodeServiceAccountToken(token: string): { header: unknown; claims: unknown } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const header = decodeJson(parts[0] as string);
  const claims = decodeJson(parts[1] as string);
  if (header === undefined || claims === undefined) return undefined;
  return { header, claims };
}

/** claims.go ServiceAccountInfo.UserInfo: the user a valid token authenticates as. */
export function userInfoFromClaims(claims: ServiceAccountTokenClaims): UserInfo {
  const k = claims['kubernetes.io'];
  const extra: Record<string, string[]> = {};
  if (k.pod) {
    extra[POD_NAME_KEY] = [k.pod.name];
    extra[POD_UID_KEY] = [k.pod.uid];
  }
  if (claims.jti) extra[CREDENTIAL_ID_KEY] = [`JTI=${claims.jti}`];
  if (k.node) {
    extra[NODE_NAME_KEY] = [k.node.name];
    if (k.node.uid) extra[NODE_UID_KEY] = [k.node.uid];
  }
  return {
    name: serviceAccountUsername(k.namespace, k.serviceaccount.name),
    uid: k.serviceaccount.uid,
    groups: serviceAccountGroups(k.namespace),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}

export class ServiceAccountTokens implements TokenAuthenticator {
  readonly name = 'serviceaccount';
  readonly issuer: string;
  readonly apiAudiences: readonly string[];
  /** The key id in every token's header (upstream: a hash of the signing key's public half). */
  readonly keyId: string;
  private readonly issued = new Map<string, ServiceAccountTokenClaims>();
  private minted = 0;

  constructor(private readonly options: ServiceAccountTokensOptions) {
    this.issuer = options.issuer ?? DEFAULT_SERVICE_ACCOUNT_ISSUER;
    this.apiAudiences = options.apiAudiences ?? [this.issuer];
    this.keyId = base64Encode(fillerBytes(fnv1a(`kid:${this.issuer}`), 32), 'url');
  }

  /** TokenRequest (`kubectl create token`, the kubelet's projected token): mints and remembers a token. */
  mint(spec: TokenRequestSpec): IssuedToken {
    const now = this.options.now();
    const { serviceAccount: sa } = spec;
    const bound = spec.boundObject;
    const exp = now + (spec.expirationSeconds ?? DEFAULT_TOKEN_EXPIRATION_SECONDS);
    this.minted++;
    const sub = serviceAccountUsername(sa.namespace, sa.name);
    const kubernetes: KubernetesClaims = {
      namespace: sa.namespace,
      ...(spec.node && bound?.kind === 'Pod' ? { node: spec.node } : {}),
      ...(bound?.kind === 'Node' ? { node: { name: bound.name, uid: bound.uid } } : {}),
      ...(bound?.kind === 'Pod' ? { pod: { name: bound.name, uid: bound.uid } } : {}),
      ...(bound?.kind === 'Secret' ? { secret: { name: bound.name, uid: bound.uid } } : {}),
      serviceaccount: { name: sa.name, uid: sa.uid },
      ...(spec.warnAfterSeconds ? { warnafter: now + spec.warnAfterSeconds } : {}),
    };
    const claims: ServiceAccountTokenClaims = {
      aud: [...(spec.audiences ?? this.apiAudiences)],
      exp,
      iat: now,
      iss: this.issuer,
      jti: uuidFrom(fnv1a(`${sub}:${now}:${this.minted}`)),
      'kubernetes.io': kubernetes,
      nbf: now,
      sub,
    };
    const signingInput = `${encodeJson({ alg: 'RS256', kid: this.keyId })}.${encodeJson(claims)}`;
    const token = `${signingInput}.${base64Encode(fillerBytes(fnv1a(signingInput + this.keyId), 256), 'url')}`;
    this.issued.set(token, claims);
    return { token, expirationTimestamp: exp, claims };
  }

  authenticateToken(token: string): AuthenticatorResult {
    // A token this issuer minted is a JWT whose iss is this issuer: its claims are known, and
    // decoding it again on every request (each kubelet and controller call) would find the same.
    const claims = this.issued.get(token);
    if (!claims) return this.notIssued(token);
    const error = this.validate(claims);
    if (error) return { ok: false, error };
    return { ok: true, user: this.userOf(claims), authenticator: this.name };
  }

  /**
   * userInfoFromClaims, once per token's claims: a controller sends its token on every request,
   * and one read-only user object per token lets everything after authentication (the group
   * adder, the audit detail, RBAC's memos) find its work done.
   */
  private readonly users = new WeakMap<ServiceAccountTokenClaims, UserInfo>();
  private userOf(claims: ServiceAccountTokenClaims): UserInfo {
    let user = this.users.get(claims);
    if (user === undefined) {
      user = userInfoFromClaims(claims);
      this.users.set(claims, user);
    }
    return user;
  }

  /** A token not minted here: someone else's (not a JWT, or another issuer's), or a forged one. */
  private notIssued(token: string): AuthenticatorResult {
    const decoded = decodeServiceAccountToken(token);
    if (!decoded) return { ok: false }; // not a JWT: another authenticator's token
    const iss = (decoded.claims as { iss?: unknown }).iss;
    if (iss !== this.issuer) return { ok: false }; // someone else's JWT (OIDC, another cluster)
    return { ok: false, error: 'go-jose/go-jose: error in cryptographic primitive' };
  }

  /** claims.go validator.Validate and the audience check the authenticator wraps it in. */
  private validate(claims: ServiceAccountTokenClaims): string | undefined {
    const now = this.options.now();
    if (now > claims.exp + CLOCK_LEEWAY_SECONDS) return 'service account token has expired';
    if (now + CLOCK_LEEWAY_SECONDS < claims.nbf) return 'service account token is not valid yet';
    if (!audienceMatches(claims.aud, this.apiAudiences)) {
      return `token audiences ${JSON.stringify(claims.aud)} is invalid for the target audiences ${JSON.stringify(this.apiAudiences)}`;
    }
    const getter = this.options.getter;
    if (!getter) return undefined;
    const k = claims['kubernetes.io'];
    const ns = k.namespace;
    // The bound objects in upstream's order (service account, pod, secret), checked without
    // building a table of closures per request.
    return (
      boundObjectError('serviceaccounts', ns, k.serviceaccount, (n) => getter.getServiceAccount(ns, n)) ??
      (getter.getPod ? boundObjectError('pods', ns, k.pod, (n) => getter.getPod?.(ns, n)) : undefined) ??
      (getter.getSecret ? boundObjectError('secrets', ns, k.secret, (n) => getter.getSecret?.(ns, n)) : undefined)
    );
  }
}

/** Why a token's bound object no longer stands (missing, another UID, being deleted), or undefined when it does. */
function boundObjectError(
  resource: 'serviceaccounts' | 'pods' | 'secrets',
  ns: string,
  ref: ObjectRef | undefined,
  get: (name: string) => { uid: string; deleting?: boolean } | undefined,
): string | undefined {
  if (!ref) return undefined;
  const obj = get(ref.name);
  const kind = resource === 'serviceaccounts' ? 'service account' : resource.slice(0, -1);
  if (!obj) return `${resource} ${JSON.stringify(ref.name)} not found`;
  if (obj.uid !== ref.uid) return `${kind} UID (${obj.uid}) does not match claim (${ref.uid})`;
  if (obj.deleting) return `${kind} ${ns}/${ref.name} has been deleted`;
  return undefined;
}

