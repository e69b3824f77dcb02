/**
 * The cycle's view of the cluster (internal/cache/snapshot.go): the NodeInfos in a stable order,
 * the ones with affinity pods listed apart (InterPodAffinity reads only those), and lookup by
 * name. `Snapshot.from(nodes, pods)` builds one from plain objects — for tests, the benchmark and
 * the pure `schedulePod`; the cache keeps one up to date incrementally.
 */
import type { NodeInfoLister } from '../../framework/interface';
import { NodeInfo, type ImageStateSummary } from '../../framework/types';
import type { V1Node, V1Pod } from '../../framework/v1';

export class Snapshot implements NodeInfoLister {
  private nodeInfoList: NodeInfo[] = [];
  private readonly byName = new Map<string, NodeInfo>();
  private withAffinity: NodeInfo[] | null = null;
  private withRequiredAntiAffinity: NodeInfo[] | null = null;
  /** Image name -> its summary over the nodes: the cache's own map, kept current, or the one Snapshot.from counted. */
  private readonly images: ReadonlyMap<string, ImageStateSummary>;

  constructor(nodeInfos: readonly NodeInfo[] = [], images: ReadonlyMap<string, ImageStateSummary> = new Map()) {
    this.images = images;
    this.set(nodeInfos);
  }

  /** Nodes, and the pods on them (spec.nodeName), with image states counted over these nodes. */
  static from(nodes: readonly V1Node[], pods: readonly V1Pod[] = []): Snapshot {
    const infos = new Map<string, NodeInfo>();
    for (const n of nodes) infos.set(n.metadata.name ?? '', new NodeInfo(n));
    for (const p of pods) {
      const name = p.spec?.nodeName;
      if (name) infos.get(name)?.addPod(p);
    }
    const images = new Map<string, ImageStateSummary>();
    for (const info of infos.values()) {
      for (const image of info.node?.status?.images ?? []) {
        for (const name of image.names ?? []) {
          const summary = images.get(name) ?? { size: image.sizeBytes ?? 0, numNodes: 0 };
          summary.numNodes++;
          images.set(name, summary);
          info.imageStates.set(name, summary);
        }
      }
    }
    return new Snapshot([...infos.values()], images);
  }

  /** Replaces the node list (the cache calls this when nodes come or go). */
  set(nodeInfos: readonly NodeInfo[]): void {
    this.nodeInfoList = [...nodeInfos];
    this.byName.clear();
    for (const n of this.nodeInfoList) this.byName.set(n.name, n);
    this.invalidateAffinityLists();
  }

  /** Pods with affinity came or went: the derived lists are rebuilt on next use. */
  invalidateAffinityLists(): void {
    this.withAffinity = null;
    this.withRequiredAntiAffinity = null;
  }

  list(): readonly NodeInfo[] {
    return this.nodeInfoList;
  }

  havePodsWithAffinityList(): readonly NodeInfo[] {
    this.withAffinity ??= this.nodeInfoList.filter((n) => n.podsWithAffinity.length > 0);
    return this.withAffinity;
  }

  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[] {
    this.withRequiredAntiAffinity ??= this.nodeInfoList.filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
    return this.withRequiredAntiAffinity;
  }

  get(nodeName: string): NodeInfo | undefined {
    return this.byName.get(nodeName);
  }

  hasImageOnSomeNode(image: string): boolean {
    return this.images.has(image);
  }

  numNodes(): number {
    return this.nodeInfoList.length;
  }
}
