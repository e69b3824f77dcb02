/**
 * Client-certificate authentication (`--client-ca-file`), after
 * k8s.io/apiserver/pkg/authentication/request/x509/x509.go: a certificate that chains to the
 * cluster CA authenticates as user = Subject CN, groups = Subject O (CommonNameUserConversion).
 *
 * There is no cryptography here. The cluster CA is a registry of the subjects it has signed
 * (what kubeadm issues at `kubeadm init` and the kubelets get at join); a certificate whose
 * subject was never signed stands for one from an unknown authority and is rejected with the
 * verification error, which makes the request 401.
 */
import { KUBE_CONTROLLER_MANAGER_USER, KUBE_PROXY_USER, KUBE_SCHEDULER_USER, NODES_GROUP } from '../request-types';
import type { AuthenticatorResult, ClientCertificate, Credentials, RequestAuthenticator } from './authenticator';

export const NODE_USER_PREFIX = 'system:node:';

function subjectKey(cert: ClientCertificate): string {
  return [cert.commonName, ...cert.organizations].join('\u0000');
}

/** The cluster CA (/etc/kubernetes/pki/ca.crt): which client certificates it has signed. Owned by the cluster assembly. */
export class ClusterCertificateAuthority {
  private readonly signed = new Map<string, ClientCertificate>();

  constructor(certificates: readonly ClientCertificate[] = []) {
    for (const c of certificates) this.sign(c);
  }

  /** Signs a certificate for this subject (kubeadm certs phase, or an approved CSR). */
  sign(cert: ClientCertificate): ClientCertificate {
    const copy = { commonName: cert.commonName, organizations: [...cert.organizations] };
    this.signed.set(subjectKey(copy), copy);
    return copy;
  }

  /** Whether a presented certificate chains to this CA. */
  verify(cert: ClientCertificate): boolean {
    return this.signed.has(subjectKey(cert));
  }

  certificates(): ClientCertificate[] {
    return [...this.signed.values()];
  }
}

export class X509Authenticator implements RequestAuthenticator {
  readonly name = 'x509';
  /**
   * The answer for each certificate object that verified. A component presents the same
   * (read-only) certificate object on every request, and the CA only ever adds subjects, so a
   * verified certificate stays verified: its user object is made once and shared by every
   * request's context and audit record (UserInfo is read-only).
   */
  private readonly verified = new WeakMap<ClientCertificate, AuthenticatorResult>();

  constructor(private readonly ca: ClusterCertificateAuthority) {}

  authenticateRequest(credentials: Credentials): AuthenticatorResult {
    const cert = credentials.clientCertificate;
    if (!cert) return { ok: false };
    const known = this.verified.get(cert);
    if (known !== undefined) return known;
    if (!this.ca.verify(cert)) {
      // Upstream: `verifying certificate SN=..., SKID=..., AKID=... failed: x509: certificate signed by unknown authority`.
      return { ok: false, error: 'x509: certificate signed by unknown authority' };
    }
    // CommonNameUserConversion: a certificate without a CN authenticates nobody (not an error).
    if (cert.commonName === '') return { ok: false };
    const result: AuthenticatorResult = { ok: true, user: { name: cert.commonName, groups: [...cert.organizations] }, authenticator: this.name };
    this.verified.set(cert, result);
    return result;
  }
}

/** The kubelet's client certificate (kubelet-client-current.pem): `CN=system:node:<node>, O=system:nodes`. */
export function kubeletCertificate(nodeName: string): ClientCertificate {
  return { commonName: NODE_USER_PREFIX + nodeName, organizations: [NODES_GROUP] };
}

/** scheduler.conf, controller-manager.conf and the kube-proxy identity, as the components present them. */
export const KUBE_SCHEDULER_CERTIFICATE: ClientCertificate = { commonName: KUBE_SCHEDULER_USER, organizations: [] };
export const KUBE_CONTROLLER_MANAGER_CERTIFICATE: ClientCertificate = { commonName: KUBE_CONTROLLER_MANAGER_USER, organizations: [] };
export const KUBE_PROXY_CERTIFICATE: ClientCertificate = { commonName: KUBE_PROXY_USER, organizations: [] };

/** The control-plane component certificates a new cluster's CA signs, plus one kubelet certificate per node. */
export function componentCertificates(nodeNames: readonly string[]): ClientCertificate[] {
  return [KUBE_SCHEDULER_CERTIFICATE, KUBE_CONTROLLER_MANAGER_CERTIFICATE, KUBE_PROXY_CERTIFICATE, ...nodeNames.map(kubeletCertificate)];
}
