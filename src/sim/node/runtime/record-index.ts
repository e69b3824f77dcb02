/**
 * The runtime's record ids grouped by a key that never changes for a record (its pod UID label,
 * its sandbox), so that the calls made once or more per pod sync read that pod's few records
 * instead of every record on the node: a ListContainers or ListPodSandbox whose label selector
 * names a pod UID (what the kubelet's GetPodStatus sends: kuberuntime_sandbox.go
 * getSandboxIDByPodUID, kuberuntime_container.go getPodContainerStatuses), and the containers of
 * a sandbox being stopped or removed.
 *
 * Consistent by construction: the runtime adds an id where the record enters its map and removes
 * it where the record leaves, and the key is fixed at creation, so a group holds exactly the
 * records with that key, in the order they entered the map (a Set keeps insertion order, as the
 * Map does), which is the order a scan of the whole map would give.
 */
export const POD_UID_LABEL = 'io.kubernetes.pod.uid';

const NO_IDS: readonly string[] = [];

export class RecordIndex {
  /** A group of one is the id itself, not a Set: most pods have one sandbox and one container, and a Set per pod would weigh more than the rest of its records' index. */
  private readonly groups = new Map<string, string | Set<string>>();

  add(key: string | undefined, id: string): void {
    if (key === undefined) return;
    const group = this.groups.get(key);
    if (group === undefined) this.groups.set(key, id);
    else if (typeof group === 'string') {
      if (group !== id) this.groups.set(key, new Set([group, id]));
    } else group.add(id);
  }

  remove(key: string | undefined, id: string): void {
    if (key === undefined) return;
    const group = this.groups.get(key);
    if (group === undefined) return;
    if (typeof group === 'string') {
      if (group === id) this.groups.delete(key);
      return;
    }
    group.delete(id);
    if (group.size === 0) this.groups.delete(key);
  }

  /** Whether any id is under `key`. */
  has(key: string): boolean {
    return this.groups.has(key);
  }

  /**
   * The id under `key` when its group is a lone id (a key that has held one id: most pods), else
   * undefined (none, or a Set: then read get()): the callers' common case without get()'s array of one.
   */
  only(key: string): string | undefined {
    const group = this.groups.get(key);
    return typeof group === 'string' ? group : undefined;
  }

  /** The ids under `key`, in the order they were added. */
  get(key: string): Iterable<string> {
    const group = this.groups.get(key);
    if (group === undefined) return NO_IDS;
    return typeof group === 'string' ? [group] : group;
  }
}

/** CRI's label_selector: every pair must be among the labels. */
export function matchesLabelSelector(labels: Readonly<Record<string, string>>, selector: Readonly<Record<string, string>> | undefined): boolean {
  if (!selector) return true;
  for (const key in selector) if (labels[key] !== selector[key]) return false;
  return true;
}
