/**
 * The shapes of etcd's v3 API as this simulation speaks it: mvccpb.KeyValue, the request and
 * response messages of the KV, Watch, Lease and Maintenance services, named as in
 * api/etcdserverpb/rpc.proto but in camelCase. Keys and values are UTF-8 text held as strings.
 *
 * Every KeyValue handed out is the stored object itself, shared and never mutated: callers must
 * treat it as read-only (the types say so).
 */

/** A lease id: etcd's int64, kept exact as a bigint. 0n means "no lease". */
export type LeaseID = bigint;

export const NO_LEASE: LeaseID = 0n;

/** mvccpb.KeyValue. */
export interface KeyValue {
  readonly key: string;
  /** Main revision of the put that created the current generation; 0 in a tombstone. */
  readonly createRevision: number;
  /** Main revision of the last change. */
  readonly modRevision: number;
  /** Number of puts in the current generation; 0 in a tombstone. */
  readonly version: number;
  readonly value: string;
  readonly lease: LeaseID;
}

/** etcdserverpb.ResponseHeader. */
export interface ResponseHeader {
  readonly clusterId: bigint;
  readonly memberId: bigint;
  readonly revision: number;
  readonly raftTerm: number;
}

export type SortOrder = 'NONE' | 'ASCEND' | 'DESCEND';
export type SortTarget = 'KEY' | 'VERSION' | 'CREATE' | 'MOD' | 'VALUE';

/**
 * Key ranges, as etcd reads `range_end`: absent or '' means the single key; '\0' means every key
 * >= key; anything else is the half-open range [key, rangeEnd). See prefixEnd for --prefix.
 */
export interface RangeRequest {
  readonly key: string;
  readonly rangeEnd?: string;
  /** Read at this revision; absent or <= 0 means the current one. */
  readonly revision?: number;
  readonly limit?: number;
  readonly sortOrder?: SortOrder;
  readonly sortTarget?: SortTarget;
  readonly keysOnly?: boolean;
  readonly countOnly?: boolean;
}

export interface RangeResponse {
  /** header.revision is always the store's current revision, even for a historical read. */
  readonly header: ResponseHeader;
  readonly kvs: KeyValue[];
  /** True when `limit` cut the result. */
  readonly more: boolean;
  /** How many keys are in the range, whatever the limit. */
  readonly count: number;
}

export interface PutRequest {
  readonly key: string;
  readonly value?: string;
  readonly lease?: LeaseID;
  readonly prevKv?: boolean;
  readonly ignoreValue?: boolean;
  readonly ignoreLease?: boolean;
}

export interface PutResponse {
  readonly header: ResponseHeader;
  readonly prevKv?: KeyValue;
}

export interface DeleteRangeRequest {
  readonly key: string;
  readonly rangeEnd?: string;
  readonly prevKv?: boolean;
}

export interface DeleteRangeResponse {
  readonly header: ResponseHeader;
  readonly deleted: number;
  readonly prevKvs: KeyValue[];
}

export type CompareResult = 'EQUAL' | 'NOT_EQUAL' | 'GREATER' | 'LESS';

interface CompareBase {
  readonly key: string;
  readonly rangeEnd?: string;
  readonly result: CompareResult;
}

/** etcdserverpb.Compare; `mod(k) = 0` / `create(k) = 0` hold for an absent key. */
export type Compare =
  | (CompareBase & { readonly target: 'VALUE'; readonly value: string })
  | (CompareBase & { readonly target: 'VERSION' | 'CREATE' | 'MOD'; readonly value: number })
  | (CompareBase & { readonly target: 'LEASE'; readonly value: LeaseID });

export type RequestOp =
  | { readonly requestRange: RangeRequest }
  | { readonly requestPut: PutRequest }
  | { readonly requestDeleteRange: DeleteRangeRequest };

export type ResponseOp =
  | { readonly responseRange: RangeResponse }
  | { readonly responsePut: PutResponse }
  | { readonly responseDeleteRange: DeleteRangeResponse };

export interface TxnRequest {
  readonly compare?: readonly Compare[];
  readonly success?: readonly RequestOp[];
  readonly failure?: readonly RequestOp[];
}

export interface TxnResponse {
  readonly header: ResponseHeader;
  readonly succeeded: boolean;
  readonly responses: ResponseOp[];
}

export interface CompactionRequest {
  readonly revision: number;
  /** Accepted for fidelity: compaction here always completes before the call returns. */
  readonly physical?: boolean;
}

export interface CompactionResponse {
  readonly header: ResponseHeader;
}

export type EventType = 'PUT' | 'DELETE';

/** mvccpb.Event. A DELETE event's kv holds only key and modRevision (the delete's revision). */
export interface WatchEvent {
  readonly type: EventType;
  readonly kv: KeyValue;
  /** With prevKv: the pair before an update or a delete; never on a create. */
  readonly prevKv?: KeyValue;
}

export type WatchFilter = 'NOPUT' | 'NODELETE';

export interface WatchRequest {
  readonly key: string;
  readonly rangeEnd?: string;
  /** 0 or absent: from now on. An older revision replays history first. */
  readonly startRevision?: number;
  readonly prevKv?: boolean;
  readonly progressNotify?: boolean;
  readonly filters?: readonly WatchFilter[];
}

export interface WatchResponse {
  readonly header: ResponseHeader;
  readonly watchId: number;
  readonly events: WatchEvent[];
  /** Set (with canceled) when the start revision was compacted away. */
  readonly compactRevision: number;
  readonly canceled: boolean;
  readonly cancelReason: string;
}

export type WatchCallback = (response: WatchResponse) => void;

export interface Watcher {
  readonly id: number;
  cancel(): void;
}

export interface LeaseGrantRequest {
  /** Seconds; raised to the minimum TTL (2 s with etcd's default timings). */
  readonly ttl: number;
  /** 0n or absent: etcd picks one. */
  readonly id?: LeaseID;
}

export interface LeaseGrantResponse {
  readonly header: ResponseHeader;
  readonly id: LeaseID;
  readonly ttl: number;
  readonly error: string;
}

export interface LeaseRevokeResponse {
  readonly header: ResponseHeader;
}

export interface LeaseKeepAliveResponse {
  readonly header: ResponseHeader;
  readonly id: LeaseID;
  readonly ttl: number;
}

export interface LeaseTimeToLiveResponse {
  readonly header: ResponseHeader;
  readonly id: LeaseID;
  /** Remaining seconds; -1 when the lease does not exist (expired or revoked). */
  readonly ttl: number;
  readonly grantedTtl: number;
  readonly keys: string[];
}

export interface LeaseLeasesResponse {
  readonly header: ResponseHeader;
  readonly leases: LeaseID[];
}

export interface StatusResponse {
  readonly header: ResponseHeader;
  readonly version: string;
  /** Bytes of the (simulated) bbolt file: grows, never shrinks without defrag. */
  readonly dbSize: number;
  /** Bytes logically in use; falls after a compaction. */
  readonly dbSizeInUse: number;
  readonly leader: bigint;
  readonly raftIndex: number;
  readonly raftTerm: number;
  readonly raftAppliedIndex: number;
  readonly errors: string[];
  readonly isLearner: boolean;
  /** Convenience for panels: header.revision again, the compacted revision and the live keys. */
  readonly revision: number;
  readonly compactRevision: number;
  readonly keys: number;
}

/** One stored revision of a key, for a history panel. */
export interface HistoryEntry {
  readonly main: number;
  readonly sub: number;
  readonly tombstone: boolean;
  readonly kv: KeyValue;
  /** The bbolt key: 8-byte main, '_', 8-byte sub, 't' for a tombstone, as hex. */
  readonly backendKey: string;
}
