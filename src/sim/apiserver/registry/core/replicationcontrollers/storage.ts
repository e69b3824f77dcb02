/**
 * ReplicationControllers (pkg/registry/core/replicationcontroller): the workload strategy
 * (generation from 1, growing with the spec), and the status and scale subresources; the RC's
 * Scale reports its selector map as status.selector (`app=nginx`).
 */
import { scaleStorage } from '../../apps/scale';
import { workloadStrategy } from '../../apps/workload-strategy';
import { genericStorage, type ResourceRegistration } from '../../rest-storage';

export const replicationcontrollers: ResourceRegistration = {
  resource: 'replicationcontrollers',
  strategy: workloadStrategy,
  storage: ({ registry }) => ({
    'replicationcontrollers/status': genericStorage(registry),
    'replicationcontrollers/scale': scaleStorage(registry, (spec) => (spec.selector ?? undefined) as Record<string, string> | undefined),
  }),
};
