/**
 * kube-controller-manager's namespace controller (pkg/controller/namespace/namespace_controller.go),
 * as the service account `namespace-controller`: a namespace that has been asked to go
 * (`kubectl delete namespace X` sets its deletionTimestamp and phase Terminating; the `kubernetes`
 * finalizer keeps it) is queued, and the deleter (namespaced-resources-deleter.ts) empties it and
 * finalizes it. When content remains (pods terminating gracefully, objects held by finalizers)
 * the namespace comes back after estimate/2 + 1 seconds; an error sends it through the queue's
 * back-off.
 */
import type { Namespace } from 'kubernetes-types/core/v1';
import type { Engine } from '../../engine';
import type { Informer } from '../../client/informer';
import type { SharedInformerFactory } from '../../client/shared-informer-factory';
import type { RestClient } from '../../client/rest-client';
import { DONE, RateLimitingQueue } from '../../client/workqueue';
import { NamespacedResourcesDeleter } from './namespaced-resources-deleter';

export class NamespaceController {
  private readonly namespaces: Informer;
  private readonly queue: RateLimitingQueue;
  private readonly deleter: NamespacedResourcesDeleter;
  /** Namespaces a deleter pass is working on: the queue hands a key to one worker at a time. */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly engine: Engine,
    informers: SharedInformerFactory,
    client: RestClient,
  ) {
    this.namespaces = informers.informerFor('namespaces');
    this.deleter = new NamespacedResourcesDeleter(engine, client);
    this.queue = new RateLimitingQueue(engine, 'kube-controller-manager: namespace', (name) => this.sync(name));
    const enqueue = (ns: Namespace) => {
      if (ns.metadata?.deletionTimestamp) this.queue.add(ns.metadata.name ?? '');
    };
    this.namespaces.addEventHandler({ onAdd: (ns) => enqueue(ns as Namespace), onUpdate: (_old, ns) => enqueue(ns as Namespace) });
  }

  start(): void {
    this.namespaces.start();
  }

  private sync(name: string) {
    if (this.inFlight.has(name)) return { retry: true, after: 1_000 } as const;
    this.inFlight.add(name);
    this.deleter.delete(name, (outcome) => {
      this.inFlight.delete(name);
      if (outcome.kind === 'remaining') {
        this.queue.forget(name);
        this.queue.addAfter(name, (Math.floor(outcome.estimateSeconds / 2) + 1) * 1000);
      } else if (outcome.kind === 'error') {
        this.queue.addRateLimited(name);
      } else {
        this.queue.forget(name);
      }
    });
    return DONE;
  }
}
