/**
 * kubectl waits for its answer: send a request and run the simulated cluster until the
 * response comes back (a few virtual milliseconds), as a real kubectl blocks on the network.
 * A request the network drops (a partitioned control plane) times out after kubectl's
 * default 60 s... of simulated time, with kubectl's own message.
 */
import type { RestClient, RequestOptions } from '../../../sim/client/rest-client';
import type { ApiResponse, HttpMethod } from '../../../sim/api/http';
import type { ProcessClock } from '../../host/host';

export const REQUEST_TIMEOUT_MS = 60_000;

export class RequestTimeout extends Error {
  constructor() {
    super('Unable to connect to the server: net/http: request canceled (Client.Timeout exceeded while awaiting headers)');
  }
}

export function requestSync(engine: ProcessClock, client: RestClient, method: HttpMethod, path: string, options: RequestOptions = {}): ApiResponse {
  let response: ApiResponse | undefined;
  client.request(method, path, options, (r) => (response = r));
  const deadline = engine.now() + REQUEST_TIMEOUT_MS;
  if (!stepUntil(engine, () => response !== undefined, deadline)) {
    engine.runUntil(deadline);
    throw new RequestTimeout();
  }
  return response as ApiResponse;
}

/** Run the cluster one event at a time until `done()` holds; false when the deadline or the end of all events comes first. */
export function stepUntil(engine: ProcessClock, done: () => boolean, deadline: number): boolean {
  while (!done()) {
    const next = engine.nextEventTime();
    if (next === undefined || next > deadline) return false;
    engine.step();
  }
  return true;
}
