/**
 * A controller sync written as upstream writes it, one blocking client call after another, on
 * the simulation's asynchronous client: the sync is a generator that yields each request and is
 * resumed with its answer when the answer arrives (an engine event later). No promises: the
 * engine's clock, not the microtask queue, decides when each step runs, so the same seed gives
 * the same trace.
 */
import type { HttpMethod } from '../../api/http';
import type { RestClient } from '../../client/rest-client';
import { apiCall, type Answer, type ApiError } from './api-call';

export interface Request {
  readonly method: HttpMethod;
  readonly path: string;
  readonly body?: unknown;
  readonly contentType?: string;
}

/** A sync step: yields requests, gets their answers, returns its result. */
export type Step<T> = Generator<Request, T, Answer<unknown>>;

/** One client call inside a sync: `const a = yield* call<ReplicaSet>('PUT', path, { body })`. */
export function* call<T>(method: HttpMethod, path: string, options: { body?: unknown; contentType?: string } = {}): Step<Answer<T>> {
  const answer = yield { method, path, ...options };
  return answer as Answer<T>;
}

/** Runs a sync to its end, sending its requests with `client`; `finish` gets what it returned. */
export function runSync<T>(client: RestClient, sync: Step<T>, finish: (result: T) => void): void {
  const resume = (answer?: Answer<unknown>) => {
    const next = answer === undefined ? sync.next() : sync.next(answer);
    if (next.done) return finish(next.value);
    const r = next.value;
    apiCall(client, r.method, r.path, { ...(r.body !== undefined ? { body: r.body } : {}), ...(r.contentType ? { contentType: r.contentType } : {}) }, resume);
  };
  resume();
}

export type { ApiError };
