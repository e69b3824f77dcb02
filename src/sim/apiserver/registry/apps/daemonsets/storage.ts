/** DaemonSets (pkg/registry/apps/daemonset): the workload strategy, and the status subresource. */
import { genericStorage, type ResourceRegistration } from '../../rest-storage';
import { workloadStrategy } from '../workload-strategy';

export const daemonsets: ResourceRegistration = {
  resource: 'daemonsets',
  strategy: workloadStrategy,
  storage: ({ registry }) => ({ 'daemonsets/status': genericStorage(registry) }),
};
