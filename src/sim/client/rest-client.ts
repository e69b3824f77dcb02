/**
 * The client every component and user talks to the apiserver with (client-go's rest client):
 * it sends the request over the simulated network as `component`, with that component's
 * credentials, and hands the answer to a callback when it comes back. Components never reach
 * etcd or each other; this is their only way out.
 */
import type { Network } from '../network/network';
import { APISERVER, type ApiRequest, type ApiResponse, type ApiServerTransport, type Credentials, type HttpMethod } from '../api/http';
import type { ClientWatchEvent, WatchHandle } from '../api/watch';
import type { TokenBucketRateLimiter } from './rate-limiter';
import { jsonCopy } from '../api/json-copy';
import { boundedMemo } from '../bounded-memo';

export interface RequestOptions {
  readonly body?: unknown;
  /**
   * The caller made `body` for this request alone and keeps no part of it (an Event it
   * records, a pod made from a template): it goes as it is, without the copy that stands for
   * client-go's encoding, since no later change by the caller can reach it.
   */
  readonly bodyOwned?: boolean;
  readonly contentType?: string;
  readonly impersonate?: ApiRequest['impersonate'];
}

export class RestClient {
  /** The rest.Config's QPS/Burst limiter, when the component sets one (kube-controller-manager does). */
  private limiter: TokenBucketRateLimiter | undefined;

  constructor(
    /** Topology id of the caller: "kube-scheduler", "kubelet/node-1", "kubectl". */
    readonly component: string,
    readonly credentials: Credentials,
    private readonly network: Network,
    private readonly apiserver: ApiServerTransport,
    readonly userAgent: string,
  ) {}

  setRateLimiter(limiter: TokenBucketRateLimiter): void {
    this.limiter = limiter;
  }

  /** Send a request; `done` runs when the answer arrives (never if the network drops it). */
  request(method: HttpMethod, path: string, options: RequestOptions, done: (response: ApiResponse) => void): boolean {
    if (!this.limiter) return this.send(method, path, options, done);
    // Throttled: it will be sent when a token is free; a send the network refuses then answers
    // as a failed dial, so the caller is not left waiting.
    this.limiter.wait(() => {
      if (!this.send(method, path, options, done)) done({ code: 0, body: { message: 'dial tcp: connect: network is unreachable' }, auditID: '' });
    });
    return true;
  }

  private send(method: HttpMethod, path: string, options: RequestOptions, done: (response: ApiResponse) => void): boolean {
    const request: ApiRequest = {
      method,
      path,
      credentials: this.credentials,
      userAgent: this.userAgent,
      ...(options.body !== undefined ? { body: options.bodyOwned ? options.body : onTheWire(options.body) } : {}),
      ...(options.contentType ? { contentType: options.contentType } : {}),
      ...(options.impersonate ? { impersonate: options.impersonate } : {}),
    };
    return this.network.send(this.component, APISERVER, 'request', `${method} ${shortPath(path)}`, () => this.apiserver.handle(request, this.component, done));
  }

  /** Open a watch; events arrive in order at `onEvent` until stop(). */
  watch(path: string, onEvent: (event: ClientWatchEvent) => void): WatchHandle {
    let handle: WatchHandle | undefined;
    let stopped = false;
    const request: ApiRequest = { method: 'GET', path, credentials: this.credentials, userAgent: this.userAgent };
    this.network.send(this.component, APISERVER, 'request', `WATCH ${shortPath(path)}`, () => {
      if (!stopped) handle = this.apiserver.watch(request, this.component, (event) => !stopped && onEvent(event));
    });
    return {
      stop: () => {
        stopped = true;
        handle?.stop();
      },
    };
  }
}

/**
 * The body as the apiserver decodes it from the bytes client-go sends: a copy made at send time.
 * Without it the apiserver would store (and hand watchers) objects that share arrays with the
 * caller's, and a controller changing its own object after the write (the Job controller adds
 * Complete to the conditions it has just sent) would change what etcd's watchers see.
 */
function onTheWire(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? jsonCopy(body) : body;
}

/**
 * "/api/v1/namespaces/default/pods/web" -> "pods default/web", for traffic labels. Kept per
 * path: every Event a component records goes to one collection's path.
 */
export const shortPath: (path: string) => string = boundedMemo(4096, shortPathOf);

function shortPathOf(path: string): string {
  const [p] = path.split('?');
  const parts = (p ?? '').split('/').filter(Boolean);
  const start = parts[0] === 'apis' ? 3 : 2;
  const rest = parts.slice(start);
  if (rest[0] === 'namespaces' && rest.length > 2) return `${rest[2]} ${rest[1]}${rest[3] ? `/${rest.slice(3).join('/')}` : ''}`;
  return rest.join('/');
}
