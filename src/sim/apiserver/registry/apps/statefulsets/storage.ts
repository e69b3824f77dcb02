/** StatefulSets (pkg/registry/apps/statefulset): the workload strategy, and the status and scale subresources. */
import { genericStorage, type ResourceRegistration } from '../../rest-storage';
import { scaleStorage } from '../scale';
import { workloadStrategy } from '../workload-strategy';

export const statefulsets: ResourceRegistration = {
  resource: 'statefulsets',
  strategy: workloadStrategy,
  storage: ({ registry }) => ({
    'statefulsets/status': genericStorage(registry),
    'statefulsets/scale': scaleStorage(registry),
  }),
};
