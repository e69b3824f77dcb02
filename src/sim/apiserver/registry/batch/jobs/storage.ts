/** Jobs (pkg/registry/batch/job/storage): the job strategy, and the status subresource. */
import { genericStorage, type ResourceRegistration } from '../../rest-storage';
import { jobStrategy } from './strategy';

export const jobs: ResourceRegistration = {
  resource: 'jobs',
  strategy: jobStrategy,
  storage: ({ registry }) => ({ 'jobs/status': genericStorage(registry) }),
};
