/**
 * ControllerExpectations and UIDTrackingControllerExpectations (pkg/controller/controller_utils.go):
 * a controller that has just asked for N pods must not ask again before its informer has seen
 * them, or it would create twice. It records how many creations and which deletions it expects;
 * the pod informer's handlers lower the counts as the pods appear and go; a sync runs only when
 * the expectations are met, or have waited ExpectationsTimeout (5 minutes) for a lost watch event.
 */
import type { Engine } from '../../engine';

export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Expectation {
  add: number;
  del: number;
  timestamp: number;
  /** The pod keys (namespace/name) whose deletion is expected. */
  readonly deleting: Set<string>;
}

export class ControllerExpectations {
  private readonly items = new Map<string, Expectation>();

  constructor(private readonly engine: Engine) {}

  /** SatisfiedExpectations: nothing expected, all observed, or expired. */
  satisfied(key: string): boolean {
    const e = this.items.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.engine.now() - e.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, adds: number): void {
    this.items.set(key, { add: adds, del: 0, timestamp: this.engine.now(), deleting: new Set() });
  }

  /** ExpectDeletions of these pods (UIDTrackingControllerExpectations keeps their keys). */
  expectDeletions(key: string, podKeys: readonly string[]): void {
    this.items.set(key, { add: 0, del: podKeys.length, timestamp: this.engine.now(), deleting: new Set(podKeys) });
  }

  /** SetExpectations of both kinds at once (the DaemonSet controller creates and deletes in one sync). */
  expect(key: string, adds: number, podKeys: readonly string[]): void {
    this.items.set(key, { add: adds, del: podKeys.length, timestamp: this.engine.now(), deleting: new Set(podKeys) });
  }

  creationObserved(key: string): void {
    const e = this.items.get(key);
    if (e) e.add--;
  }

  /** A pod expected to go has gone (or began terminating): counted once per pod. */
  deletionObserved(key: string, podKey: string): void {
    const e = this.items.get(key);
    if (e?.deleting.delete(podKey)) e.del--;
  }

  /** A create that failed or was skipped will not be observed: LowerExpectations. */
  lowerCreations(key: string, n: number): void {
    const e = this.items.get(key);
    if (e) e.add -= n;
  }

  delete(key: string): void {
    this.items.delete(key);
  }
}
