/**
 * What the apps strategies (deployment, replicaset, statefulset, daemonset) share: a generation
 * that starts at 1 and grows with the spec, which their controllers report as observedGeneration.
 */
import type { ResourceStrategy } from '../strategy';

export const workloadStrategy: ResourceStrategy = { tracksGeneration: true, statusUpdateTakesAnnotations: true };
