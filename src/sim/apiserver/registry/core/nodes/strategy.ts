/**
 * The node strategy (pkg/registry/core/node/strategy.go) as simulated: a Node is created with the
 * status its kubelet registers, and an update of the Node keeps the status it carries.
 */
import type { ResourceStrategy } from '../../strategy';

export const nodeStrategy: ResourceStrategy = {
  initialStatus: (node) => node['status'],
  updateKeepsStatus: true,
};
