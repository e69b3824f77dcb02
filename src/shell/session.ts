/**
 * A shell's own state, kept between commands: the kubeconfig (contexts, the current one) and
 * the kubectl clients made for its users. The page's terminal has one session; each runner
 * script gets a fresh one.
 */
import type { Cluster } from '../sim/cluster';
import type { RestClient } from '../sim/client/rest-client';

export interface KubeconfigContext {
  readonly name: string;
  readonly cluster: string;
  readonly user: string;
  readonly namespace?: string;
}

export const CLUSTER_NAME = 'kubearch';

export class ShellSession {
  readonly contexts: KubeconfigContext[] = [
    { name: `kubernetes-admin@${CLUSTER_NAME}`, cluster: CLUSTER_NAME, user: 'kubernetes-admin' },
    { name: `alice@${CLUSTER_NAME}`, cluster: CLUSTER_NAME, user: 'alice' },
    { name: `bob@${CLUSTER_NAME}`, cluster: CLUSTER_NAME, user: 'bob' },
  ];
  currentContext = `kubernetes-admin@${CLUSTER_NAME}`;
  private readonly clients = new Map<string, RestClient>();

  context(): KubeconfigContext {
    return this.contexts.find((c) => c.name === this.currentContext) ?? (this.contexts[0] as KubeconfigContext);
  }

  /** kubectl's client for a kubeconfig user: a bearer token, from the "kubectl" box in the graph. */
  clientFor(cluster: Cluster, user: string): RestClient | undefined {
    let client = this.clients.get(user);
    if (!client) {
      const token = cluster.userToken(user);
      if (token === undefined) return undefined;
      client = cluster.client('kubectl', { bearerToken: token }, 'kubectl');
      this.clients.set(user, client);
    }
    return client;
  }
}
