/**
 * The scheduler cache (internal/cache/cache.go): what the scheduler believes is on each node —
 * the bound pods the informer reports plus the pods it has *assumed* (decided, binding in flight),
 * so the next cycle already counts them. AssumePod adds a decision, ForgetPod takes it back when
 * binding fails, FinishBinding marks it bound-but-unconfirmed, and the informer's AddPod confirms
 * it. Node images are counted across nodes for ImageLocality. The cache keeps its Snapshot current
 * in place: the component runs cycles synchronously between events, so a cycle sees one state.
 */
import { NodeInfo, type ImageStateSummary } from '../../framework/types';
import { podKey, type V1Node, type V1Pod } from '../../framework/v1';
import { Snapshot } from './snapshot';

interface PodState {
  pod: V1Pod;
  nodeName: string;
  assumed: boolean;
  bindingFinished: boolean;
}

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly podStates = new Map<string, PodState>();
  private readonly images = new Map<string, ImageStateSummary>();
  /** Its image map is the cache's own, so ImageLocality can ask whether any node has an image. */
  private readonly snap = new Snapshot([], this.images);
  private nodeListDirty = false;

  snapshot(): Snapshot {
    if (this.nodeListDirty) {
      this.snap.set([...this.nodes.values()].filter((n) => n.node !== null));
      this.nodeListDirty = false;
    }
    return this.snap;
  }

  isAssumedPod(pod: V1Pod): boolean {
    return this.podStates.get(podKey(pod))?.assumed ?? false;
  }

  getPod(pod: V1Pod): V1Pod | undefined {
    return this.podStates.get(podKey(pod))?.pod;
  }

  /** AssumePod: `pod` carries the chosen spec.nodeName. */
  assumePod(pod: V1Pod): void {
    const key = podKey(pod);
    if (this.podStates.has(key)) throw new Error(`pod ${key} is in the cache, so can't be assumed`);
    this.addPodToNode(pod);
    this.podStates.set(key, { pod, nodeName: pod.spec?.nodeName ?? '', assumed: true, bindingFinished: false });
  }

  finishBinding(pod: V1Pod): void {
    const ps = this.podStates.get(podKey(pod));
    if (ps?.assumed) ps.bindingFinished = true;
  }

  /** ForgetPod: the binding failed; the node no longer counts the pod. */
  forgetPod(pod: V1Pod): void {
    const key = podKey(pod);
    const ps = this.podStates.get(key);
    if (!ps?.assumed) return;
    this.removePodFromNode(ps.pod, ps.nodeName);
    this.podStates.delete(key);
  }

  /** AddPod: the informer saw a bound pod; an assumed one is confirmed (and moved if it landed elsewhere). */
  addPod(pod: V1Pod): void {
    const key = podKey(pod);
    const ps = this.podStates.get(key);
    const nodeName = pod.spec?.nodeName ?? '';
    const info = ps && ps.nodeName === nodeName ? this.nodes.get(nodeName) : undefined;
    if (ps && info) {
      // The same node: the pod's new version takes the old one's place.
      const before = affinityFlags(info);
      info.replacePod(ps.pod, pod);
      if (affinityFlags(info) !== before) this.snap.invalidateAffinityLists();
    } else {
      if (ps) this.removePodFromNode(ps.pod, ps.nodeName);
      this.addPodToNode(pod);
    }
    // The cache's own record, read by no one else: updated in place rather than made anew for
    // every status update of every bound pod.
    if (ps) {
      ps.pod = pod;
      ps.nodeName = nodeName;
      ps.assumed = false;
      ps.bindingFinished = true;
    } else {
      this.podStates.set(key, { pod, nodeName, assumed: false, bindingFinished: true });
    }
  }

  updatePod(_oldPod: V1Pod, newPod: V1Pod): void {
    this.addPod(newPod);
  }

  removePod(pod: V1Pod): void {
    const key = podKey(pod);
    const ps = this.podStates.get(key);
    if (!ps) return;
    this.removePodFromNode(ps.pod, ps.nodeName);
    this.podStates.delete(key);
  }

  addNode(node: V1Node): NodeInfo {
    const name = node.metadata.name ?? '';
    let info = this.nodes.get(name);
    if (!info) {
      info = new NodeInfo();
      this.nodes.set(name, info);
    } else {
      this.removeNodeImageStates(info);
    }
    if (info.node === null) this.nodeListDirty = true;
    info.setNode(node);
    this.addNodeImageStates(info);
    return info;
  }

  updateNode(_oldNode: V1Node, newNode: V1Node): NodeInfo {
    return this.addNode(newNode);
  }

  /** RemoveNode: the node goes; its pods stay counted under a node-less NodeInfo until they are deleted. */
  removeNode(node: V1Node): void {
    const name = node.metadata.name ?? '';
    const info = this.nodes.get(name);
    if (!info) return;
    this.removeNodeImageStates(info);
    if (info.pods.length === 0) this.nodes.delete(name);
    else info.node = null;
    this.nodeListDirty = true;
  }

  nodeCount(): number {
    return this.snapshot().numNodes();
  }

  podCount(): number {
    return this.podStates.size;
  }

  private addPodToNode(pod: V1Pod): void {
    const name = pod.spec?.nodeName ?? '';
    let info = this.nodes.get(name);
    if (!info) {
      info = new NodeInfo();
      this.nodes.set(name, info);
    }
    const before = affinityFlags(info);
    info.addPod(pod);
    if (affinityFlags(info) !== before) this.snap.invalidateAffinityLists();
  }

  private removePodFromNode(pod: V1Pod, nodeName: string): void {
    const info = this.nodes.get(nodeName);
    if (!info) return;
    const before = affinityFlags(info);
    info.removePod(pod);
    if (affinityFlags(info) !== before) this.snap.invalidateAffinityLists();
    if (info.node === null && info.pods.length === 0) this.nodes.delete(nodeName);
  }

  private addNodeImageStates(info: NodeInfo): void {
    info.imageStates = new Map();
    for (const image of info.node?.status?.images ?? []) {
      for (const name of image.names ?? []) {
        let summary = this.images.get(name);
        if (!summary) {
          summary = { size: image.sizeBytes ?? 0, numNodes: 0 };
          this.images.set(name, summary);
        }
        summary.numNodes++;
        info.imageStates.set(name, summary);
      }
    }
  }

  private removeNodeImageStates(info: NodeInfo): void {
    for (const [name, summary] of info.imageStates) {
      summary.numNodes--;
      if (summary.numNodes <= 0) this.images.delete(name);
    }
    info.imageStates = new Map();
  }
}

/**
 * Whether the node has pods with affinity and pods with required anti-affinity, as two bits: the
 * snapshot's havePodsWithAffinityNodeInfoList and havePodsWithRequiredAntiAffinityNodeInfoList
 * change only when one of these flips for a node (cache.go UpdateSnapshot's
 * updateNodesHavePodsWithAffinity / updateNodesHavePodsWithRequiredAntiAffinity), not on every
 * pod added or removed: rebuilding them walks every node.
 */
function affinityFlags(info: NodeInfo): number {
  return (info.podsWithAffinity.length > 0 ? 1 : 0) | (info.podsWithRequiredAntiAffinity.length > 0 ? 2 : 0);
}
