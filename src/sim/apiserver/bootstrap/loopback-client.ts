/**
 * What the apiserver's post-start hooks need of a client: its loopback client (upstream's
 * LoopbackClientConfig), which sends a request through the apiserver's own filters as
 * `system:apiserver`. Defined here so the apiserver does not import the client package; the
 * cluster hands it a RestClient, which has this shape.
 */
export interface LoopbackClient {
  request(method: 'POST', path: string, options: { readonly body: unknown }, done: (response: { readonly code: number }) => void): unknown;
}
