/**
 * The service strategy and REST (pkg/registry/core/service): a new Service's status is empty
 * (its empty loadBalancer serialised), it gets a cluster IP and node ports when created
 * (BeginCreate), and an update that leaves them out keeps them (BeginUpdate).
 */
import type { ResourceStrategy } from '../../strategy';
import { allocateServiceAddresses, keepAllocatedServiceAddresses } from './allocation';

export const serviceStrategy: ResourceStrategy = {
  // Status = api.ServiceStatus{}, which serialises its empty loadBalancer.
  initialStatus: () => ({ loadBalancer: {} }),
  beginCreate: (service, existing, rng) => allocateServiceAddresses(service, existing(), rng),
  beginUpdate: keepAllocatedServiceAddresses,
};
