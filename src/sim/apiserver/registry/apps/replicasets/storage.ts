/** ReplicaSets (pkg/registry/apps/replicaset): the workload strategy, and the status and scale subresources. */
import { genericStorage, type ResourceRegistration } from '../../rest-storage';
import { scaleStorage } from '../scale';
import { workloadStrategy } from '../workload-strategy';

export const replicasets: ResourceRegistration = {
  resource: 'replicasets',
  strategy: workloadStrategy,
  storage: ({ registry }) => ({
    'replicasets/status': genericStorage(registry),
    'replicasets/scale': scaleStorage(registry),
  }),
};
