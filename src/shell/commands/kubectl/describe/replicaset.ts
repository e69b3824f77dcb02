/**
 * describe.go ReplicaSetDescriber (release 1.32): the replica counts, the phases of the pods the
 * ReplicaSet controls (getPodStatusForController: pods matching its selector whose controller
 * reference is this ReplicaSet), its pod template, conditions and events.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from '../printers/describe-writer';
import { selectorString } from '../printers/labels';
import { describePodTemplate } from './containers';
import type { DescribeContext } from './context';
import { controlledBy, describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './fields';

export interface PodPhases {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

export function podPhases(rs: KubeObject, selector: string, ctx: DescribeContext): PodPhases | undefined {
  const list = ctx.list('pods', rs.metadata.namespace, { labelSelector: selector });
  if (!('items' in list)) return undefined;
  const counts: PodPhases = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const pod of list.items) {
    const refs = (pod.metadata['ownerReferences'] ?? []) as { uid?: string; controller?: boolean }[];
    if (!refs.some((r) => r.controller && r.uid === rs.metadata.uid)) continue;
    const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
    if (phase === 'Running') counts.running++;
    else if (phase === 'Pending') counts.waiting++;
    else if (phase === 'Succeeded') counts.succeeded++;
    else if (phase === 'Failed') counts.failed++;
  }
  return counts;
}

export function describeReplicaSet(obj: KubeObject, ctx: DescribeContext): string {
  const rs = obj as unknown as ReplicaSet;
  const selector = selectorString(rs.spec?.selector) ?? '';
  const phases = podPhases(obj, selector, ctx);
  const events = ctx.events(obj);
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${selector}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  const controller = controlledBy(obj);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
  w.write(LEVEL_0, 'Pods Status:\t');
  if (!phases) w.write(LEVEL_0, 'error in fetching pods: forbidden\n');
  else w.write(LEVEL_0, `${phases.running} Running / ${phases.waiting} Waiting / ${phases.succeeded} Succeeded / ${phases.failed} Failed\n`);
  describePodTemplate(rs.spec?.template, w);
  if ((rs.status?.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of rs.status?.conditions ?? []) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  describeEvents(events, w, ctx.nowMs);
  return w.text();
}
