/**
 * PodDisruptionBudgets (pkg/registry/policy/poddisruptionbudget): a new budget starts with an
 * empty status (the four counts at 0, as policy/v1 serialises them) and generation 1; the spec's
 * changes move the generation the disruption controller reports as observedGeneration; the
 * status subresource is the controller's and the eviction subresource's.
 */
import { genericStorage, type ResourceRegistration } from '../../rest-storage';
import type { ResourceStrategy } from '../../strategy';

export const podDisruptionBudgetStrategy: ResourceStrategy = {
  tracksGeneration: true,
  initialStatus: () => ({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }),
};

export const poddisruptionbudgets: ResourceRegistration = {
  resource: 'poddisruptionbudgets',
  strategy: podDisruptionBudgetStrategy,
  storage: ({ registry }) => ({ 'poddisruptionbudgets/status': genericStorage(registry) }),
};
