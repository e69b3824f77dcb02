/** Nodes (pkg/registry/core/node/storage): the node strategy, and the status subresource the kubelets write. */
import { genericStorage, type ResourceRegistration } from '../../rest-storage';
import { nodeStrategy } from './strategy';

export const nodes: ResourceRegistration = {
  resource: 'nodes',
  strategy: nodeStrategy,
  storage: ({ registry }) => ({ 'nodes/status': genericStorage(registry) }),
};
