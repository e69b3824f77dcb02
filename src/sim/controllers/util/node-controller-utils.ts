/**
 * What the node controllers share (pkg/controller/util/node/controller_utils.go): reading a
 * node condition, recording events about a Node (involvedObject a reference with the node's
 * uid, in the `default` namespace), and MarkPodsNotReady, which sets each pod's Ready condition
 * on a node that stopped reporting to False (PUT pods/status) and records a `NodeNotReady`
 * Warning on the pod.
 */
import type { Node, NodeCondition, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { findResource } from '../../api/resources';
import { simulatedTimestamp } from '../../api/time';
import type { Engine } from '../../engine';
import type { EventRecorder, EventType } from '../../client/event-recorder';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';
import { isSuccess } from '../../client/sync';
import type { KubeObject } from '../../api/kube-object';

const pods = findResource('pods');

export function getNodeCondition(node: Node | undefined, type: string): NodeCondition | undefined {
  return node?.status?.conditions?.find((c) => c.type === type);
}

/** The ObjectReference a node event is about: apiVersion, kind, name and uid, no namespace. */
function nodeRef(node: Node): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: node.metadata?.name ?? '', uid: node.metadata?.uid ?? '' } };
}

/** RecordNodeEvent: "Node node-1 event: Registered Node node-1 in Controller". */
export function recordNodeEvent(recorder: EventRecorder, node: Node, type: EventType, reason: string, event: string): void {
  recorder.event(nodeRef(node), type, reason, `Node ${node.metadata?.name ?? ''} event: ${event}`);
}

/** RecordNodeStatusChange: "Node node-1 status is now: NodeNotReady". */
export function recordNodeStatusChange(recorder: EventRecorder, node: Node, status: string): void {
  recorder.event(nodeRef(node), 'Normal', status, `Node ${node.metadata?.name ?? ''} status is now: ${status}`);
}

/**
 * UpdatePodCondition (pkg/api/v1/pod): the condition replaces the one of its type; its
 * lastTransitionTime moves only when the status changes. Undefined when nothing changed.
 */
export function updatePodCondition(conditions: readonly PodCondition[], condition: PodCondition, nowMs: number): PodCondition[] | undefined {
  const now = simulatedTimestamp(nowMs);
  const old = conditions.find((c) => c.type === condition.type);
  if (!old) return [...conditions, { ...condition, lastTransitionTime: now }];
  const next: PodCondition = { ...condition, lastTransitionTime: condition.status === old.status ? old.lastTransitionTime : now };
  const same =
    next.status === old.status && next.reason === old.reason && next.message === old.message && next.lastProbeTime === old.lastProbeTime && next.lastTransitionTime === old.lastTransitionTime;
  return same ? undefined : conditions.map((c) => (c.type === condition.type ? next : c));
}

/**
 * MarkPodsNotReady: for each pod of the node whose Ready condition is not yet False, PUT its
 * status with Ready=False, then record `NodeNotReady` "Node is not ready" on it. `done(ok)`
 * once every answer is back; a pod already gone (404) is not an error.
 */
export function markPodsNotReady(engine: Engine, client: RestClient, recorder: EventRecorder, podsOnNode: readonly Pod[], nodeName: string, done: (ok: boolean) => void): void {
  let pending = 0;
  let ok = true;
  let dispatched = false;
  const finish = () => {
    if (dispatched && pending === 0) done(ok);
  };
  for (const pod of podsOnNode) {
    if (pod.spec?.nodeName !== nodeName || !pods) continue;
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
    if (!ready) continue;
    const conditions = updatePodCondition(pod.status?.conditions ?? [], { ...ready, status: 'False' }, engine.now());
    if (!conditions) continue;
    pending++;
    const body = { ...pod, status: { ...pod.status, conditions } };
    const path = resourcePath(pods, { namespace: pod.metadata?.namespace, name: pod.metadata?.name, subresource: 'status' });
    client.request('PUT', path, { body }, (response) => {
      pending--;
      if (response.code === 404) return finish();
      if (!isSuccess(response)) ok = false;
      // Recorded after the status update, so the pod is known to exist.
      recorder.event(pod as KubeObject, 'Warning', 'NodeNotReady', 'Node is not ready');
      finish();
    });
  }
  dispatched = true;
  finish();
}
