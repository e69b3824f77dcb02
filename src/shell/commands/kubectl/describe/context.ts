/**
 * What a describer may read besides the object: the related objects kubectl's describers fetch
 * (a node's pods and lease, a service's endpoints, the object's events), through the same
 * apiserver and as the same user; a read that fails returns undefined, as kubectl then prints
 * without it.
 */
import type { KubeObject } from '../../../../sim/api/kube-object';

export interface DescribeContext {
  readonly nowMs: number;
  /** GET one object; undefined when it cannot be read. */
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** LIST objects; undefined when they cannot be listed (`forbidden` tells a 403 apart). */
  list(resource: string, namespace: string | undefined, query?: Record<string, string>): { items: KubeObject[] } | { forbidden: boolean };
  /** The events about an object (searchEvents' field selector on involvedObject). */
  events(obj: KubeObject, options?: { withoutKind?: boolean; uid?: string }): KubeObject[] | undefined;
}

export type Describer = (obj: KubeObject, ctx: DescribeContext) => string;
