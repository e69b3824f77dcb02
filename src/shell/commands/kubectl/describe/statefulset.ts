/**
 * describe.go StatefulSetDescriber (release 1.32): creation time, selector, desired and total
 * replicas, the update strategy with its partition, the phases of the pods it controls, its pod
 * template, its volume claim templates (describeVolumeClaimTemplates) and events.
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from '../printers/describe-writer';
import { selectorString } from '../printers/labels';
import { formatRFC1123Z } from '../printers/timestamps';
import { describePodTemplate } from './containers';
import type { DescribeContext } from './context';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './fields';
import { podPhases } from './replicaset';

function describeVolumeClaimTemplates(templates: readonly PersistentVolumeClaim[] | undefined, w: DescribeWriter): void {
  if (!templates || templates.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of templates) {
    w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    // GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName.
    const storageClass = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
    w.write(LEVEL_1, `StorageClass:\t${storageClass}\n`);
    printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
    printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
    w.write(LEVEL_1, `Capacity:\t${pvc.spec?.resources?.requests?.['storage'] ?? '<default>'}\n`);
    w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
  }
}

export function describeStatefulSet(obj: KubeObject, ctx: DescribeContext): string {
  const sts = obj as unknown as StatefulSet;
  const selector = selectorString(sts.spec?.selector) ?? '';
  const phases = podPhases(obj, selector, ctx);
  const events = ctx.events(obj);
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(obj.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${selector}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${sts.spec?.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(LEVEL_0, `Update Strategy:\t${sts.spec?.updateStrategy?.type ?? ''}\n`);
  const ru = sts.spec?.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(LEVEL_0, 'Pods Status:\t');
  if (!phases) w.write(LEVEL_0, 'error in fetching pods: forbidden\n');
  else w.write(LEVEL_0, `${phases.running} Running / ${phases.waiting} Waiting / ${phases.succeeded} Succeeded / ${phases.failed} Failed\n`);
  describePodTemplate(sts.spec?.template, w);
  describeVolumeClaimTemplates(sts.spec?.volumeClaimTemplates, w);
  describeEvents(events, w, ctx.nowMs);
  return w.text();
}
