/** Deployments (pkg/registry/apps/deployment): the workload strategy, and the status and scale subresources. */
import { genericStorage, type ResourceRegistration } from '../../rest-storage';
import { scaleStorage } from '../scale';
import { workloadStrategy } from '../workload-strategy';

export const deployments: ResourceRegistration = {
  resource: 'deployments',
  strategy: workloadStrategy,
  storage: ({ registry }) => ({
    'deployments/status': genericStorage(registry),
    'deployments/scale': scaleStorage(registry),
  }),
};
