/** shortPath: the traffic label of a request's path, the same when asked again. */
import { describe, expect, it } from 'vitest';
import { shortPath } from './rest-client';

describe('shortPath', () => {
  it.each([
    ['/api/v1/namespaces/default/pods/web', 'pods default/web'],
    ['/api/v1/namespaces/default/pods/web/status', 'pods default/web/status'],
    ['/api/v1/namespaces/default/events', 'events default'],
    ['/apis/apps/v1/namespaces/default/deployments?watch=true&resourceVersion=5', 'deployments default'],
    ['/api/v1/nodes/node-1', 'nodes/node-1'],
    ['/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler', 'leases kube-system/kube-scheduler'],
  ])('%s -> %s, twice', (path, short) => {
    expect(shortPath(path)).toBe(short);
    expect(shortPath(path)).toBe(short);
  });
});
