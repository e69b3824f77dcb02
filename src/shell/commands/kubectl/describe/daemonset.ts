/**
 * describe.go DaemonSetDescriber (release 1.32): the selectors, the scheduling counts from the
 * DaemonSet's status, the phases of the pods it controls (getPodStatusForController), its pod
 * template and events.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { DescribeWriter, LEVEL_0 } from '../printers/describe-writer';
import { formatLabels, selectorString } from '../printers/labels';
import { describePodTemplate } from './containers';
import type { DescribeContext } from './context';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './fields';
import { podPhases } from './replicaset';

export function describeDaemonSet(obj: KubeObject, ctx: DescribeContext): string {
  const ds = obj as unknown as DaemonSet;
  const selector = selectorString(ds.spec?.selector) ?? '';
  const phases = podPhases(obj, selector, ctx);
  const events = ctx.events(obj);
  const status = ds.status;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${selector}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${status?.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${status?.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${status?.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${status?.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${status?.numberMisscheduled ?? 0}\n`);
  w.write(LEVEL_0, 'Pods Status:\t');
  if (!phases) w.write(LEVEL_0, 'error in fetching pods: forbidden\n');
  else w.write(LEVEL_0, `${phases.running} Running / ${phases.waiting} Waiting / ${phases.succeeded} Succeeded / ${phases.failed} Failed\n`);
  describePodTemplate(ds.spec?.template, w);
  describeEvents(events, w, ctx.nowMs);
  return w.text();
}
