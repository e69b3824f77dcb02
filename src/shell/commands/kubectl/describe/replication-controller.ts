/**
 * describe.go ReplicationControllerDescriber (release 1.32): as the ReplicaSet's, but the
 * selector is the RC's label map (labels.FormatLabels, `<none>` when empty), there is no
 * Controlled By line, and the pods are counted with labels.SelectorFromSet of it.
 */
import type { ReplicationController } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from '../printers/describe-writer';
import { formatLabels, labelsString } from '../printers/labels';
import { describePodTemplate } from './containers';
import type { DescribeContext } from './context';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './fields';
import { podPhases } from './replicaset';

export function describeReplicationController(obj: KubeObject, ctx: DescribeContext): string {
  const rc = obj as unknown as ReplicationController;
  const phases = podPhases(obj, labelsString(rc.spec?.selector), ctx);
  const events = ctx.events(obj);
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabels(rc.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${rc.spec?.replicas ?? 1} desired\n`);
  const p = phases ?? { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  w.write(LEVEL_0, `Pods Status:\t${p.running} Running / ${p.waiting} Waiting / ${p.succeeded} Succeeded / ${p.failed} Failed\n`);
  describePodTemplate(rc.spec?.template, w);
  if ((rc.status?.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of rc.status?.conditions ?? []) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  describeEvents(events, w, ctx.nowMs);
  return w.text();
}
