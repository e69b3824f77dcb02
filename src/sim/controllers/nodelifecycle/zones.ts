/**
 * Zones as the node lifecycle controller sees them: a node's zone key
 * (k8s.io/component-helpers/node/topology GetZoneKey: region, a NUL-guarded separator, zone;
 * "" for a node without topology labels) and ComputeZoneState, which decides how fast nodes in
 * a zone may be tainted NoExecute: no Ready node at all is full disruption; more than 2 not Ready
 * and at least `unhealthyZoneThreshold` (0.55) of the zone is partial disruption; else normal.
 */
import type { Node, NodeCondition } from 'kubernetes-types/core/v1';

export type ZoneState = 'Initial' | 'Normal' | 'FullDisruption' | 'PartialDisruption';

export function getZoneKey(node: Node): string {
  const labels = node.metadata?.labels ?? {};
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\u0000:${zone}`;
}

/** The number of not-Ready nodes and the zone's state. */
export function computeZoneState(readyConditions: readonly (NodeCondition | undefined)[], unhealthyZoneThreshold: number): { unhealthy: number; state: ZoneState } {
  let ready = 0;
  let notReady = 0;
  for (const c of readyConditions) {
    if (c?.status === 'True') ready++;
    else notReady++;
  }
  if (ready === 0 && notReady > 0) return { unhealthy: notReady, state: 'FullDisruption' };
  if (notReady > 2 && notReady / (notReady + ready) >= unhealthyZoneThreshold) return { unhealthy: notReady, state: 'PartialDisruption' };
  return { unhealthy: notReady, state: 'Normal' };
}

/** Node labels the controller keeps in step (labelReconcileInfo): the beta os/arch labels follow the stable ones. */
export const LABEL_RECONCILE: readonly { primary: string; secondary: string }[] = [
  { primary: 'kubernetes.io/os', secondary: 'beta.kubernetes.io/os' },
  { primary: 'kubernetes.io/arch', secondary: 'beta.kubernetes.io/arch' },
];

/** The labels to write so the secondary labels match their primaries; empty when none. */
export function labelsToReconcile(labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { primary, secondary } of LABEL_RECONCILE) {
    const value = labels[primary];
    if (value === undefined) continue;
    if (labels[secondary] !== value) out[secondary] = value;
  }
  return out;
}
