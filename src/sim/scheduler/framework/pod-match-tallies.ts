/**
 * A node's counts of the pods a label selector matches in a namespace (PodTopologySpread's
 * countPodsMatchSelector over one NodeInfo's pods), kept up to date as pods come and go instead of
 * recounted. Upstream counts every node's pods afresh for every pod it scores; the count is the
 * same, but a Deployment of 10,000 replicas on 100 nodes would then walk ~100 pods per node per
 * cycle, and the node that got the last pod has to be walked again after every binding. Here a
 * binding costs one selector match per tally on its node.
 *
 * A tally is made the first time its selector is asked about on the node (one plain count), and
 * each node keeps at most MAX_TALLIES_PER_NODE, dropping the one asked about longest ago: a pod
 * added or removed costs a match per tally, so selectors nobody asks about any more must not pile
 * up.
 */
import type { Labels, Selector } from '../../api/labels/selector';
import type { PodInfo } from './types';
import type { V1Pod } from './v1';

export const MAX_TALLIES_PER_NODE = 8;

const EMPTY: Labels = {};

/**
 * Whether countPodsMatchSelector counts the pod: not terminating (#87621), in the namespace, and
 * its labels selected.
 */
export function podMatchesSelector(pod: V1Pod, selector: Selector, namespace: string): boolean {
  return !pod.metadata['deletionTimestamp'] && (pod.metadata.namespace ?? '') === namespace && selector.matches(pod.metadata.labels ?? EMPTY);
}

/** countPodsMatchSelector: the plain count, which the tallies must always agree with. */
export function countPodsMatchSelector(pods: readonly PodInfo[], selector: Selector | undefined, namespace: string): number {
  if (!selector || selector.empty()) return 0;
  let count = 0;
  for (const p of pods) if (podMatchesSelector(p.pod, selector, namespace)) count++;
  return count;
}

/**
 * The tally key of a selector in a namespace: the same for two selectors exactly when they have
 * the same requirements in the same order, so they select the same pods. Label keys, operators
 * and values hold no control characters (validation), so the separators cannot be confused.
 */
export function podMatchKey(selector: Selector, namespace: string): string {
  let key = namespace;
  for (const r of selector.requirements) key += `\u0000${r.key}\u0001${r.operator}\u0001${r.values.join('\u0001')}`;
  return key;
}

interface Tally {
  readonly selector: Selector;
  readonly namespace: string;
  count: number;
  /** When it was last asked about (the tallies' own clock), for dropping the stalest. */
  lastUsed: number;
}

export class PodMatchTallies {
  private readonly byKey = new Map<string, Tally>();
  private clock = 0;

  /**
   * countPodsMatchSelector(pods, selector, namespace), `pods` being the node's current pods, and
   * `key` podMatchKey(selector, namespace) (made once per cycle by the caller).
   */
  count(key: string, selector: Selector, namespace: string, pods: readonly PodInfo[]): number {
    let tally = this.byKey.get(key);
    if (tally === undefined) {
      if (this.byKey.size >= MAX_TALLIES_PER_NODE) this.dropStalest();
      tally = { selector, namespace, count: countPodsMatchSelector(pods, selector, namespace), lastUsed: 0 };
      this.byKey.set(key, tally);
    }
    tally.lastUsed = ++this.clock;
    return tally.count;
  }

  /** The pod came to the node (or a new version of it, with other labels, namespace or deletion). */
  podAdded(pod: V1Pod): void {
    for (const t of this.byKey.values()) if (podMatchesSelector(pod, t.selector, t.namespace)) t.count++;
  }

  /** The pod left the node (this version of it, the one that was counted). */
  podRemoved(pod: V1Pod): void {
    for (const t of this.byKey.values()) if (podMatchesSelector(pod, t.selector, t.namespace)) t.count--;
  }

  get size(): number {
    return this.byKey.size;
  }

  private dropStalest(): void {
    let stalest: string | undefined;
    let oldest = Infinity;
    for (const [key, t] of this.byKey) {
      if (t.lastUsed < oldest) {
        oldest = t.lastUsed;
        stalest = key;
      }
    }
    if (stalest !== undefined) this.byKey.delete(stalest);
  }
}
