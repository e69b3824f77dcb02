/**
 * client-go's SharedInformerFactory: one informer per resource for a whole component process,
 * however many of its controllers or plugins read that resource. kube-controller-manager's
 * serviceaccount controller and root-ca-cert-publisher both need namespaces; with a factory the
 * apiserver sees one list and one watch of namespaces from kube-controller-manager, as a real
 * one does, and each controller adds its own event handlers to the shared informer.
 */
import type { Engine } from '../engine';
import { Informer } from './informer';
import type { RestClient } from './rest-client';

export class SharedInformerFactory {
  private readonly informers = new Map<string, Informer>();
  private started = false;

  /** `client` is the process's own identity: the informers list and watch as it. */
  constructor(
    private readonly engine: Engine,
    private readonly client: RestClient,
  ) {}

  /**
   * The process's informer for `resource` (optionally limited to one namespace, as
   * WithNamespace does), made on first request. Informers requested after start() start at
   * once, as client-go's Start starts every informer not yet running.
   */
  informerFor(resource: string, namespace?: string): Informer {
    const key = namespace === undefined ? resource : `${resource}@${namespace}`;
    let informer = this.informers.get(key);
    if (!informer) {
      informer = new Informer(this.engine, this.client, resource, namespace);
      this.informers.set(key, informer);
      if (this.started) informer.start();
    }
    return informer;
  }

  /** Starts every informer requested so far, and those requested later. */
  start(): void {
    this.started = true;
    for (const informer of this.informers.values()) informer.start();
  }

  /** The process ends: every informer stops and closes its watch. */
  stop(): void {
    this.started = false;
    for (const informer of this.informers.values()) informer.stop();
  }

  /** Lists and watches the factory's informers have opened, summed: what the apiserver served this process. */
  stats(): { informers: number; lists: number; watches: number } {
    let lists = 0;
    let watches = 0;
    for (const informer of this.informers.values()) {
      lists += informer.stats.lists;
      watches += informer.stats.watches;
    }
    return { informers: this.informers.size, lists, watches };
  }
}
