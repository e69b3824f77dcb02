/** The etcd simulation's public surface: the Etcd class, its API types and errors, key-range helpers. */
export { Etcd, type EtcdOptions } from './etcd';
export { EtcdError, ErrorMessages, isEtcdError, type EtcdErrorCode } from './errors';
export { FROM_KEY, prefixEnd, prefixRange } from './key-range';
export { formatLeaseId, MAX_LEASE_TTL, MIN_LEASE_TTL } from './lease';
export { DEFAULT_CLUSTER_ID, DEFAULT_ENDPOINT, DEFAULT_MEMBER_ID, ETCD_VERSION } from './member';
export { COMPACT_REV_KEY, DEFAULT_COMPACTION_INTERVAL_MS } from './compactor';
export { MAX_TXN_OPS, MAX_REQUEST_BYTES } from './txn-checks';
export { backendKey, type Revision } from './revision';
export type { Change, CommitListener } from './kv-store';
export * from './types';
