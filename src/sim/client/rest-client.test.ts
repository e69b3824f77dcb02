import { describe, expect, it } from 'vitest';
import { Engine } from '../engine';
import { Network } from '../network/network';
import type { ApiRequest } from '../api/http';
import { RestClient } from './rest-client';

function clientSeeing(requests: ApiRequest[]): { client: RestClient; engine: Engine } {
  const engine = new Engine();
  const network = new Network(engine);
  const apiserver = {
    handle: (request: ApiRequest) => void requests.push(request),
    watch: () => ({ stop: () => undefined }),
  };
  return { client: new RestClient('kube-controller-manager', {}, network, apiserver, 'kube-controller-manager/v1.32.0'), engine };
}

describe('RestClient request bodies', () => {
  it('sends a copy of the body, as client-go sends its encoding: a later change by the caller does not reach the apiserver', () => {
    const requests: ApiRequest[] = [];
    const { client, engine } = clientSeeing(requests);
    const body = { kind: 'Job', status: { conditions: [{ type: 'Running' }] } };
    client.request('PUT', '/apis/batch/v1/namespaces/default/jobs/pi/status', { body }, () => undefined);
    body.status.conditions.push({ type: 'Complete' });
    engine.runUntilIdle();
    expect(requests[0]?.body).toEqual({ kind: 'Job', status: { conditions: [{ type: 'Running' }] } });
    expect(requests[0]?.body).not.toBe(body);
  });

  it('sends an owned body as it is: the caller made it for this request and keeps none of it', () => {
    const requests: ApiRequest[] = [];
    const { client, engine } = clientSeeing(requests);
    const body = { kind: 'Event', metadata: { name: 'web.1', namespace: 'default' } };
    client.request('POST', '/api/v1/namespaces/default/events', { body, bodyOwned: true }, () => undefined);
    engine.runUntilIdle();
    expect(requests[0]?.body).toBe(body);
  });
});
