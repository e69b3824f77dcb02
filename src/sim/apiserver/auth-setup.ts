/**
 * Assembles the apiserver's authentication, impersonation and authorization from their parts,
 * as kube-apiserver does from its flags on a kubeadm cluster:
 *
 * - authentication (`--client-ca-file`, `--token-auth-file`, service-account keys,
 *   `--anonymous-auth=true`): client certificates signed by the cluster CA (the components, the
 *   kubelets, the admin), the static tokens of the kubeconfig users, service-account tokens, and
 *   anonymous for requests with no credential at all (a credential presented but invalid is 401);
 * - impersonation (`kubectl --as`): each identity asked for is authorized as verb `impersonate`;
 * - authorization (`--authorization-mode=Node,RBAC`, system:masters short-circuited first), with
 *   RBAC and the Node authorizer's graph reading the apiserver's own watch caches.
 *
 * The caches exist only once the apiserver does: `attachStorage` hands them over after
 * construction.
 */
import type { ApiServerAuth, AuthenticationResult } from './kube-apiserver';
import type { Credentials } from '../api/http';
import { APISERVER_USER, SYSTEM_MASTERS, type UserInfo } from './request-types';
import type { WatchCache } from './cacher/watch-cache';
import { ApiserverAuthenticator } from './authentication/union';
import { ClusterCertificateAuthority, componentCertificates, X509Authenticator } from './authentication/x509';
import { StaticTokenAuthenticator } from './authentication/token-file';
import { ServiceAccountTokens } from './authentication/service-account-token';
import { credentialsOf, KUBECONFIG_USERS, kubeconfigTokenFileEntries, type KubeconfigUser } from './authentication/kubeconfig-users';
import { impersonate } from './authentication/impersonation';
import { newAuthorizationChain, type AuthorizationChain } from './authorization/union';
import { PodReferencesGraph } from './authorization/node/graph';
import { storedNodeGraphSource, storedRbacObjects, WatchCacheObjects } from './authorization/stored-objects';
import { SIMULATION_EPOCH_MS } from '../api/time';

export { KUBECONFIG_USERS, credentialsOf, type KubeconfigUser };

/** kube-apiserver's own loopback identity (the post-start hooks write as it). */
export const APISERVER_CERTIFICATE = { commonName: APISERVER_USER, organizations: [SYSTEM_MASTERS] } as const;

export interface BuildAuthOptions {
  /** Worker nodes whose kubelets get a client certificate from the cluster CA. */
  readonly nodeNames?: readonly string[];
  /** The simulated clock in virtual ms (service-account tokens check exp/nbf against it). */
  readonly now?: () => number;
  /** The kubeconfig users in the static token file; default KUBECONFIG_USERS. */
  readonly users?: readonly KubeconfigUser[];
}

/** What the cluster gets: the pipeline's ApiServerAuth, plus the parts other components need. */
export interface ClusterAuth extends ApiServerAuth {
  /** The cluster CA: sign a certificate for a node that joins later. */
  readonly ca: ClusterCertificateAuthority;
  /** The TokenRequest issuer (`kubectl create token`, projected tokens). */
  readonly serviceAccountTokens: ServiceAccountTokens;
  /** The authorizers, for SelfSubjectAccessReview and SelfSubjectRulesReview (`kubectl auth can-i`). */
  readonly chain: AuthorizationChain;
  /** Lets the authorizers and the token authenticator read the apiserver's watch caches. */
  attachStorage(caches: ReadonlyMap<string, WatchCache>): void;
}

export function buildAuth(options: BuildAuthOptions = {}): ClusterAuth {
  const users = options.users ?? KUBECONFIG_USERS;
  const now = options.now ?? (() => 0);
  let caches: ReadonlyMap<string, WatchCache> | undefined;
  const objects = new WatchCacheObjects(() => caches);

  const ca = new ClusterCertificateAuthority([
    APISERVER_CERTIFICATE,
    ...componentCertificates(options.nodeNames ?? []),
    ...users.flatMap((u) => (u.clientCertificate ? [u.clientCertificate] : [])),
  ]);
  const deleting = (o: { metadata: { uid?: string; deletionTimestamp?: string } } | undefined) =>
    o ? { uid: o.metadata.uid ?? '', ...(o.metadata.deletionTimestamp ? { deleting: true } : {}) } : undefined;
  const serviceAccountTokens = new ServiceAccountTokens({
    now: () => Math.floor((SIMULATION_EPOCH_MS + now()) / 1000),
    getter: {
      getServiceAccount: (ns, name) => deleting(objects.get('serviceaccounts', ns, name)),
      getPod: (ns, name) => deleting(objects.get('pods', ns, name)),
      getSecret: (ns, name) => deleting(objects.get('secrets', ns, name)),
    },
  });
  const authenticator = new ApiserverAuthenticator({
    x509: new X509Authenticator(ca),
    tokenAuthenticators: [new StaticTokenAuthenticator(kubeconfigTokenFileEntries(users)), serviceAccountTokens],
    anonymous: true,
  });
  const chain = newAuthorizationChain({
    modes: ['Node', 'RBAC'],
    rbacObjects: storedRbacObjects(objects),
    nodeGraph: new PodReferencesGraph(storedNodeGraphSource(objects)),
  });

  return {
    authenticate(credentials: Credentials): AuthenticationResult {
      const result = authenticator.authenticate(credentials);
      return 'user' in result ? { user: result.user } : { error: result.reason };
    },
    authorizer: chain.authorizer,
    ruleResolver: chain.ruleResolver,
    impersonate: (requester: UserInfo, target) => impersonate(requester, target, chain.authorizer).user,
    ca,
    serviceAccountTokens,
    chain,
    attachStorage(next) {
      caches = next;
    },
  };
}
