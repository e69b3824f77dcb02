/**
 * Test helpers for code that talks to the apiserver: a real Cluster, an admin client, and a
 * request that runs the engine until its answer is back. Used by the client and registry tests;
 * it lives in sim/testing because only tests may assemble a whole cluster from inside sim, and
 * a test elsewhere in sim reaches cluster.ts and the client through here (src/architecture.test.ts).
 */
import { bootedCluster, Cluster, type ClusterOptions } from '../cluster';
import type { ApiResponse, HttpMethod } from '../api/http';
import type { RestClient, RequestOptions } from '../client/rest-client';

export { bootedCluster, Cluster };
export type { ClusterOptions, RequestOptions };

/** A running cluster without kube-scheduler: pods stay where a test puts them (tests that want one start it). */
export function startedCluster(seed = 1): Cluster {
  const cluster = new Cluster({ seed, scheduler: false });
  cluster.engine.runUntil(5_000);
  return cluster;
}

export function userClient(cluster: Cluster, user = 'kubernetes-admin'): RestClient {
  const token = cluster.userToken(user);
  if (!token) throw new Error(`no kubeconfig user ${user}`);
  return cluster.client('kubectl', { bearerToken: token }, 'kubectl');
}

/** Sends a request and steps the engine until the answer arrives. */
export function call(cluster: Cluster, client: RestClient, method: HttpMethod, path: string, options: RequestOptions = {}): ApiResponse {
  let response: ApiResponse | undefined;
  client.request(method, path, options, (r) => (response = r));
  while (!response && cluster.engine.step()) {
    // until answered
  }
  if (!response) throw new Error(`${method} ${path}: no answer`);
  return response;
}
