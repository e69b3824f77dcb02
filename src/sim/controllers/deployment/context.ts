/**
 * What the Deployment controller's sync steps share: the clock, the event recorder, the
 * informers' caches and the queue, and the REST paths they write to.
 */
import type { Engine } from '../../engine';
import { findResource, type ResourceInfo } from '../../api/resources';
import type { EventRecorder } from '../../client/event-recorder';
import { resourcePath } from '../../client/resource-path';
import type { DeploymentView, ReplicaSetView } from '../controller-utils/types';

export interface DeploymentContext {
  readonly engine: Engine;
  readonly recorder: EventRecorder;
  enqueueAfter(d: DeploymentView, ms: number): void;
  enqueueRateLimited(d: DeploymentView): void;
}

function info(resource: string): ResourceInfo {
  const i = findResource(resource);
  if (!i) throw new Error(`unknown resource ${resource}`);
  return i;
}

export const rsPath = (rs: { metadata: { namespace?: string; name?: string } }, subresource?: string): string =>
  resourcePath(info('replicasets'), { namespace: rs.metadata.namespace, name: rs.metadata.name, ...(subresource ? { subresource } : {}) });
export const rsCollectionPath = (namespace: string): string => resourcePath(info('replicasets'), { namespace });
export const deploymentPath = (d: DeploymentView, subresource?: string): string =>
  resourcePath(info('deployments'), { namespace: d.metadata.namespace, name: d.metadata.name, ...(subresource ? { subresource } : {}) });

export type { DeploymentView, ReplicaSetView };
