/**
 * EndpointSliceTracker (staging/src/k8s.io/endpointslice/util/endpointslice_tracker.go): what
 * the controller itself last wrote, so that it neither reconciles from an informer cache that
 * has not yet seen its own writes (StaleSlices) nor resyncs a Service for the echo of its own
 * write (ShouldSync). Upstream compares metadata.generation; the simulated apiserver keeps no
 * generation on EndpointSlices, so the tracker compares resourceVersions (etcd revisions, which
 * only grow) to the same effect.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { LABEL_SERVICE_NAME } from './util';

/** The mark of a slice the controller has deleted and expects to see go. */
const DELETION_EXPECTED = -1;

const versionOf = (slice: EndpointSlice): number => Number(slice.metadata?.resourceVersion ?? 0);
const serviceOf = (slice: EndpointSlice): string => `${slice.metadata?.namespace ?? ''}/${slice.metadata?.labels?.[LABEL_SERVICE_NAME] ?? ''}`;

export class EndpointSliceTracker {
  private readonly byService = new Map<string, Map<string, number>>();

  private forService(key: string): Map<string, number> {
    let m = this.byService.get(key);
    if (!m) this.byService.set(key, (m = new Map()));
    return m;
  }

  has(slice: EndpointSlice): boolean {
    return this.byService.get(serviceOf(slice))?.has(slice.metadata?.uid ?? '') ?? false;
  }

  /** ShouldSync: a slice this controller did not write, or newer than its last write. */
  shouldSync(slice: EndpointSlice): boolean {
    const v = this.byService.get(serviceOf(slice))?.get(slice.metadata?.uid ?? '');
    return v === undefined || versionOf(slice) > v;
  }

  /**
   * StaleSlices: the cache lags the controller's writes: a slice older than written, one expected
   * deleted still there, or one written that the cache has not got.
   */
  staleSlices(serviceKey: string, slices: readonly EndpointSlice[]): boolean {
    const tracked = this.byService.get(serviceKey);
    if (!tracked) return false;
    const provided = new Set<string>();
    for (const slice of slices) {
      const uid = slice.metadata?.uid ?? '';
      provided.add(uid);
      const v = tracked.get(uid);
      if (v !== undefined && (v === DELETION_EXPECTED || v > versionOf(slice))) return true;
    }
    for (const [uid, v] of tracked) if (v !== DELETION_EXPECTED && !provided.has(uid)) return true;
    return false;
  }

  update(slice: EndpointSlice): void {
    this.forService(serviceOf(slice)).set(slice.metadata?.uid ?? '', versionOf(slice));
  }

  expectDeletion(slice: EndpointSlice): void {
    this.forService(serviceOf(slice)).set(slice.metadata?.uid ?? '', DELETION_EXPECTED);
  }

  /** HandleDeletion: true when the deletion was expected (so no resync is needed). */
  handleDeletion(slice: EndpointSlice): boolean {
    const key = serviceOf(slice);
    const tracked = this.byService.get(key);
    const uid = slice.metadata?.uid ?? '';
    const v = tracked?.get(uid);
    if (tracked && v !== undefined) {
      tracked.delete(uid);
      if (tracked.size === 0) this.byService.delete(key);
    }
    return v === DELETION_EXPECTED;
  }

  deleteService(namespace: string, name: string): void {
    this.byService.delete(`${namespace}/${name}`);
  }
}
