/**
 * The authenticator chain kube-apiserver builds: client certificates, static tokens,
 * service-account tokens and anonymous, with upstream's rule that a credential presented but
 * rejected is 401 even when anonymous requests are allowed.
 */
import { describe, expect, it } from 'vitest';
import { ApiserverAuthenticator } from './union';
import { ClusterCertificateAuthority, kubeletCertificate, X509Authenticator } from './x509';
import { parseStaticTokenFile, StaticTokenAuthenticator } from './token-file';
import { ServiceAccountTokens } from './service-account-token';

let clock = 1_000_000;
const ca = new ClusterCertificateAuthority([kubeletCertificate('node-1')]);
const sa = new ServiceAccountTokens({ now: () => clock });
const tokens = new StaticTokenAuthenticator(parseStaticTokenFile('alice-token,alice,1001\nops-token,olga,1003,"ops,dev"\n'));
const authenticator = new ApiserverAuthenticator({ x509: new X509Authenticator(ca), tokenAuthenticators: [tokens, sa], anonymous: true });

describe('ApiserverAuthenticator', () => {
  it('maps a signed certificate to CN and O, plus system:authenticated', () => {
    expect(authenticator.authenticate({ clientCertificate: kubeletCertificate('node-1') })).toEqual({
      user: { name: 'system:node:node-1', groups: ['system:nodes', 'system:authenticated'] },
      authenticatedBy: 'x509',
    });
  });

  it('reads the token file, groups included', () => {
    expect(authenticator.authenticate({ bearerToken: 'ops-token' })).toEqual({ user: { name: 'olga', uid: '1003', groups: ['ops', 'dev', 'system:authenticated'] }, authenticatedBy: 'token-file' });
  });

  it('falls back to system:anonymous only when nothing was presented', () => {
    expect(authenticator.authenticate({})).toEqual({ user: { name: 'system:anonymous', groups: ['system:unauthenticated'] }, authenticatedBy: 'anonymous' });
    expect(authenticator.authenticate({ bearerToken: 'nope' })).toEqual({ error: 'Unauthorized', reason: 'invalid bearer token' });
    expect(authenticator.authenticate({ clientCertificate: kubeletCertificate('node-9') })).toEqual({ error: 'Unauthorized', reason: 'x509: certificate signed by unknown authority' });
  });

  it('accepts a service-account token until it expires', () => {
    const { token } = sa.mint({ serviceAccount: { namespace: 'default', name: 'builder', uid: 'u1' }, expirationSeconds: 600 });
    const r = authenticator.authenticate({ bearerToken: token });
    expect(r).toMatchObject({ user: { name: 'system:serviceaccount:default:builder', uid: 'u1', groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] } });
    clock += 600 + 61;
    expect(authenticator.authenticate({ bearerToken: token })).toEqual({ error: 'Unauthorized', reason: 'service account token has expired' });
  });

  it("refuses a JWT of this issuer it did not mint (a forged signature), and leaves another issuer's to other authenticators", () => {
    const { token } = sa.mint({ serviceAccount: { namespace: 'default', name: 'builder', uid: 'u1' } });
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.AAAA`;
    expect(authenticator.authenticate({ bearerToken: forged })).toEqual({ error: 'Unauthorized', reason: 'go-jose/go-jose: error in cryptographic primitive' });
    const other = new ServiceAccountTokens({ now: () => clock, issuer: 'https://other.example' }).mint({ serviceAccount: { namespace: 'default', name: 'builder', uid: 'u1' } });
    expect(authenticator.authenticate({ bearerToken: other.token })).toEqual({ error: 'Unauthorized', reason: 'invalid bearer token' });
  });

  it('without anonymous auth, no credentials is 401', () => {
    const strict = new ApiserverAuthenticator({ tokenAuthenticators: [tokens] });
    expect('error' in strict.authenticate({})).toBe(true);
  });
});
