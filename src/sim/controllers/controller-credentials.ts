/**
 * kube-controller-manager's `--use-service-account-credentials` (on in kubeadm clusters): each
 * controller acts as its own ServiceAccount in kube-system (`system:serviceaccount:kube-system:
 * root-ca-cert-publisher`), bound by the default RBAC policy to that controller's ClusterRole,
 * rather than as the controller-manager itself. The controller-manager, with its own client
 * certificate, creates the ServiceAccount and obtains a token for it, then starts the controller
 * with a client carrying that token.
 *
 * Simplified: the real client builder asks the TokenRequest API for hour-long tokens and
 * rotates them; here the issuer mints one long-lived token directly.
 */
import type { Engine } from '../engine';
import type { RestClient } from '../client/rest-client';
import type { ServiceAccountTokens } from '../apiserver/authentication/service-account-token';
import type { KubeObject } from '../api/kube-object';

const NAMESPACE = 'kube-system';
const RETRY_MS = 1_000;
const TOKEN_LIFETIME_SECONDS = 365 * 24 * 3600;

export function startWithServiceAccountCredentials(
  engine: Engine,
  controllerManager: RestClient,
  tokens: ServiceAccountTokens,
  serviceAccount: string,
  clientFor: (token: string) => RestClient,
  start: (client: RestClient) => void,
): void {
  const base = `/api/v1/namespaces/${NAMESPACE}/serviceaccounts`;
  const retry = () => engine.schedule(RETRY_MS, `kube-controller-manager: retry credentials for ${serviceAccount}`, attempt);
  const withAccount = (account: KubeObject) => {
    const { token } = tokens.mint({
      serviceAccount: { namespace: NAMESPACE, name: serviceAccount, uid: account.metadata.uid ?? '' },
      expirationSeconds: TOKEN_LIFETIME_SECONDS,
    });
    start(clientFor(token));
  };
  function attempt(): void {
    const body = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: serviceAccount, namespace: NAMESPACE } };
    controllerManager.request('POST', base, { body }, (created) => {
      if (created.code === 201) return withAccount(created.body as KubeObject);
      if (created.code !== 409) return retry();
      controllerManager.request('GET', `${base}/${serviceAccount}`, {}, (got) => (got.code === 200 ? withAccount(got.body as KubeObject) : retry()));
    });
  }
  attempt();
}
