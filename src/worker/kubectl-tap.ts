/**
 * The worker's cluster: a Cluster whose kubectl clients also report each answer they get, while
 * someone listens. The editor's Submit runs `kubectl apply` as the terminal would (so its text
 * is kubectl's own) and listens, to learn each object's outcome and the server's Status from
 * the responses themselves rather than from what kubectl printed. Nothing is sent or delayed
 * differently: the trace is the same as a plain Cluster's.
 */
import { Cluster } from '../sim/cluster';
import { RestClient, type RequestOptions } from '../sim/client/rest-client';
import type { ApiResponse, Credentials, HttpMethod } from '../sim/api/http';

/** One request kubectl sent and the answer it got. */
export interface KubectlExchange {
  readonly method: HttpMethod;
  readonly path: string;
  readonly response: ApiResponse;
}

type Listener = (exchange: KubectlExchange) => void;

class TappedRestClient extends RestClient {
  constructor(inner: RestClient, cluster: Cluster, private readonly tap: Listener) {
    super(inner.component, inner.credentials, cluster.network, cluster.apiserver, inner.userAgent);
  }

  override request(method: HttpMethod, path: string, options: RequestOptions, done: (response: ApiResponse) => void): boolean {
    return super.request(method, path, options, (response) => {
      this.tap({ method, path, response });
      done(response);
    });
  }
}

export class TappedCluster extends Cluster {
  private listener: Listener | undefined;

  override client(component: string, credentials: Credentials, agent: string): RestClient {
    const client = super.client(component, credentials, agent);
    // Called by the base constructor too, before this class's fields exist: only kubectl's
    // clients (made later, by the shell) are tapped.
    return component === 'kubectl' ? new TappedRestClient(client, this, (exchange) => this.listener?.(exchange)) : client;
  }

  /** Run `fn`, collecting every answer kubectl gets meanwhile. */
  recordKubectl<T>(fn: () => T): { readonly value: T; readonly exchanges: readonly KubectlExchange[] } {
    const exchanges: KubectlExchange[] = [];
    this.listener = (exchange) => exchanges.push(exchange);
    try {
      return { value: fn(), exchanges };
    } finally {
      this.listener = undefined;
    }
  }
}
