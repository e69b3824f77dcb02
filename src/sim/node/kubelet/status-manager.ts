/**
 * The status manager (pkg/kubelet/status): sends the pod statuses the pod workers generate to
 * the apiserver as `system:node:<name>` — a merge patch of pods/NAME/status, one request in
 * flight per pod, the newest status winning — and deletes a terminated pod whose deletion was
 * requested (grace 0). While the node is partitioned nothing leaves; on heal every pod's latest
 * status is sent again.
 */
import type { Pod, PodStatus } from 'kubernetes-types/core/v1';
import { findResource } from '../../api/resources';
import type { RestClient } from '../../client/rest-client';
import { resourcePath } from '../../client/resource-path';

/** Looked up once: the built-in resource never changes, and a lookup scans the resource table. */
const pods = findResource('pods');

interface Entry {
  pod: Pod;
  status: PodStatus;
  inFlight: boolean;
  dirty: boolean;
  deleteWanted: boolean;
}

export class StatusManager {
  private readonly entries = new Map<string, Entry>();
  /** Requests sent, for tests and the node panel. */
  readonly stats = { patches: 0, deletes: 0 };

  constructor(
    private readonly client: RestClient,
    private readonly canSend: () => boolean,
  ) {}

  setPodStatus(pod: Pod, status: PodStatus): void {
    const uid = pod.metadata?.uid ?? '';
    const entry = this.entries.get(uid) ?? { pod, status, inFlight: false, dirty: false, deleteWanted: false };
    entry.pod = pod;
    entry.status = status;
    entry.dirty = true;
    this.entries.set(uid, entry);
    this.flush(uid);
  }

  deletePod(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    const entry = this.entries.get(uid) ?? { pod, status: pod.status ?? {}, inFlight: false, dirty: false, deleteWanted: false };
    entry.pod = pod;
    entry.deleteWanted = true;
    this.entries.set(uid, entry);
    this.flush(uid);
  }

  forget(uid: string): void {
    this.entries.delete(uid);
  }

  /** After a partition heals or the kubelet restarts: send what is pending. */
  resync(): void {
    for (const [uid, entry] of this.entries) {
      entry.inFlight = false;
      this.flush(uid);
    }
  }

  private flush(uid: string): void {
    const entry = this.entries.get(uid);
    if (!entry || !pods || entry.inFlight || !this.canSend()) return;
    const name = entry.pod.metadata?.name ?? '';
    const namespace = entry.pod.metadata?.namespace ?? 'default';
    if (entry.dirty) {
      entry.dirty = false;
      entry.inFlight = true;
      this.stats.patches++;
      const body = { metadata: { uid }, status: entry.status };
      this.client.request('PATCH', resourcePath(pods, { namespace, name, subresource: 'status' }), { body, contentType: 'application/merge-patch+json' }, (response) => {
        entry.inFlight = false;
        if (response.code === 404) {
          this.entries.delete(uid);
          return;
        }
        if (response.code >= 300) entry.dirty = true;
        // Sent and nothing pending: nothing to keep (a resync has nothing to resend for it).
        if (!entry.dirty && !entry.deleteWanted) this.entries.delete(uid);
        else this.flush(uid);
      });
      return;
    }
    if (entry.deleteWanted) {
      entry.deleteWanted = false;
      entry.inFlight = true;
      this.stats.deletes++;
      this.client.request('DELETE', resourcePath(pods, { namespace, name }), { body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, preconditions: { uid } } }, () => {
        entry.inFlight = false;
        this.entries.delete(uid);
      });
    }
  }
}
