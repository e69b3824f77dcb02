/**
 * A RestClient stand-in for tests of controller helpers: it answers each request from a
 * function of (method, path, body) after 1 ms on the engine, and records the requests, so error
 * answers (409, 503) that a real cluster rarely gives can be played.
 */
import type { Engine } from '../../engine';
import type { RestClient, RequestOptions } from '../../client/rest-client';
import type { ApiResponse } from '../../api/http';
import type { HttpMethod } from '../../api/http';

export interface FakeRestClient {
  readonly client: RestClient;
  readonly requests: string[];
}

export function fakeRestClient(engine: Engine, answer: (method: HttpMethod, path: string, body: unknown) => ApiResponse): FakeRestClient {
  const requests: string[] = [];
  const client = {
    component: 'test',
    request(method: HttpMethod, path: string, options: RequestOptions, done: (response: ApiResponse) => void): boolean {
      requests.push(`${method} ${path}`);
      const response = answer(method, path, options.body);
      engine.schedule(1, `test: answer ${method} ${path}`, () => done(response));
      return true;
    },
  } as unknown as RestClient;
  return { client, requests };
}
