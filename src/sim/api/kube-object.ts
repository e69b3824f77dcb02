/**
 * The shape every Kubernetes object shares on the wire (runtime.Object with its TypeMeta and
 * ObjectMeta): what the apiserver stores and serves, and what clients send and receive.
 */

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name?: string;
    generateName?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}
