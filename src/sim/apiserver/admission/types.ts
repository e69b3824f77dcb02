/**
 * The admission interfaces (k8s.io/apiserver/pkg/admission): plugins see the request's
 * attributes and either change the object (mutating, `admit`) or reject it (validating,
 * `validate`) by throwing a StatusError. Mutating plugins all run first, then validating ones,
 * each group in the fixed upstream order.
 */
import type { Rng } from '../../engine';
import type { ResourceInfo } from '../../api/resources';
import type { KubeObject } from '../../api/kube-object';
import type { UserInfo } from '../request-types';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionAttributes {
  readonly operation: AdmissionOperation;
  readonly resource: ResourceInfo;
  readonly subresource: string;
  readonly namespace: string;
  readonly name: string;
  /** The object being written (CREATE/UPDATE); plugins never mutate it in place. */
  readonly object: KubeObject | undefined;
  readonly oldObject: KubeObject | undefined;
  readonly user: UserInfo;
  readonly dryRun: boolean;
}

/** What plugins may read: the apiserver's own caches, like the informers real plugins use. */
export interface AdmissionContext {
  get(resource: string, namespace: string, name: string): KubeObject | undefined;
  /**
   * A read straight from storage, for when the cache may lag (NamespaceLifecycle's "last
   * resort" live lookup of a namespace it has not seen yet).
   */
  getLive(resource: string, namespace: string, name: string): KubeObject | undefined;
  list(resource: string, namespace: string): KubeObject[];
  /** Virtual ms now. */
  now(): number;
  readonly rng: Rng;
}

export interface AdmissionPlugin {
  readonly name: string;
  /** Mutating: return the changed object, or undefined when it does not change it. */
  admit?(attributes: AdmissionAttributes, context: AdmissionContext): KubeObject | undefined;
  /** Validating: throw a StatusError to reject. */
  validate?(attributes: AdmissionAttributes, context: AdmissionContext): void;
}
