/**
 * The part of a component's side panel that depends on what it is: a kubelet's node (its pods,
 * Lease and the Stop / Start buttons), kube-scheduler's queue and decisions. Others have none.
 */
import type { ComponentInfo } from '../../worker/protocol';
import { NodeSection } from './node-section';
import { SchedulerSection } from './scheduler-section';

export function ComponentSection({ info }: { info: ComponentInfo }) {
  if (info.kind === 'kubelet') return <NodeSection node={info.host} />;
  if (info.kind === 'kube-scheduler') return <SchedulerSection />;
  return null;
}
