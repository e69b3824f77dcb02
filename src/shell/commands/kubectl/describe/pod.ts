/** `kubectl describe pod` (describe.go describePod, release 1.32). */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from '../printers/describe-writer';
import { formatRFC1123Z, translateTimestampSince } from '../printers/timestamps';
import { describeContainers, describeResources, describeVolumes, podFieldResolver } from './containers';
import { controlledBy, describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline } from './fields';
import { podQOSClass } from './qos';

export function describePod(obj: KubeObject, events: readonly KubeObject[] | undefined, nowMs: number): string {
  const pod = obj as unknown as Pod;
  const spec = pod.spec;
  const status = pod.status ?? {};
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  if (spec?.priority !== undefined) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec?.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec?.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec?.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  if (!spec?.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
  else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  const deletion = obj.metadata['deletionTimestamp'] as string | undefined;
  if (deletion && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(nowMs, deletion)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${String(obj.metadata['deletionGracePeriodSeconds'] ?? 0)}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  const seccomp = spec?.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const podIPs = status.podIPs ?? [];
  if (podIPs.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of podIPs) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controller = controlledBy(obj);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  const podResources = (spec as { resources?: Parameters<typeof describeResources>[0] } | undefined)?.resources;
  if (podResources) {
    w.write(LEVEL_0, 'Resources:\n');
    describeResources(podResources, w, LEVEL_1);
  }
  if ((spec?.initContainers ?? []).length > 0) describeContainers('Init Containers', spec?.initContainers ?? [], status.initContainerStatuses, w, '', podFieldResolver(obj));
  describeContainers('Containers', spec?.containers ?? [], status.containerStatuses, w, '', podFieldResolver(obj));
  if ((spec?.readinessGates ?? []).length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec?.readinessGates ?? []) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
      w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if ((status.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions ?? []) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(spec?.volumes, w, '');
  w.write(LEVEL_0, `QoS Class:\t${status.qosClass ?? podQOSClass(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec?.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', spec?.tolerations);
  describeEvents(events, w, nowMs);
  return w.text();
}
