/** CronJobs (pkg/registry/batch/cronjob): a generation on spec changes, and the status subresource. */
import { genericStorage, type ResourceRegistration } from '../../rest-storage';
import type { ResourceStrategy } from '../../strategy';

const cronJobStrategy: ResourceStrategy = { tracksGeneration: true };

export const cronjobs: ResourceRegistration = {
  resource: 'cronjobs',
  strategy: cronJobStrategy,
  storage: ({ registry }) => ({ 'cronjobs/status': genericStorage(registry) }),
};
