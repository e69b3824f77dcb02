/**
 * The operator machine's kubeconfig: its contexts (one per user the cluster knows) and the
 * current one, which `kubectl config use-context` changes. Kept between commands.
 */
import { APISERVER_ADDRESS, APISERVER_PORT } from '../../sim/apiserver/bootstrap/post-start-hooks';

export interface KubeconfigContext {
  readonly name: string;
  readonly cluster: string;
  readonly user: string;
  namespace?: string;
}

export const CLUSTER_NAME = 'kubearch';
export const CLUSTER_SERVER = `https://${APISERVER_ADDRESS}:${APISERVER_PORT}`;

export class Kubeconfig {
  readonly contexts: KubeconfigContext[] = [
    { name: `kubernetes-admin@${CLUSTER_NAME}`, cluster: CLUSTER_NAME, user: 'kubernetes-admin' },
    { name: `alice@${CLUSTER_NAME}`, cluster: CLUSTER_NAME, user: 'alice' },
    { name: `bob@${CLUSTER_NAME}`, cluster: CLUSTER_NAME, user: 'bob' },
  ];
  currentContext = `kubernetes-admin@${CLUSTER_NAME}`;

  context(): KubeconfigContext {
    return this.contexts.find((c) => c.name === this.currentContext) ?? (this.contexts[0] as KubeconfigContext);
  }
}
