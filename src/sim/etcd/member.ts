/**
 * The one etcd member this cluster runs: its identity (the ids a default single-member etcd
 * gets), raft term and index, and etcd's request-id generator (pkg/idutil), which is also where
 * lease ids come from: 16 bits of the member id, then a 48-bit counter started from the clock.
 * Here the counter starts from a seeded random value, so ids look real and replay exactly.
 */
import { Rng } from '../engine';
import type { ResponseHeader } from './types';

/** Member and cluster id of a default `etcd` started on localhost (8e9e05c52164694d, cdf818194e3a8c32). */
export const DEFAULT_MEMBER_ID = 0x8e9e05c52164694dn;
export const DEFAULT_CLUSTER_ID = 0xcdf818194e3a8c32n;
export const ETCD_VERSION = '3.4.23';
export const DEFAULT_ENDPOINT = '127.0.0.1:2379';

const MASK48 = (1n << 48n) - 1n;
const MASK63 = (1n << 63n) - 1n;

export class Member {
  readonly memberId: bigint;
  readonly clusterId: bigint;
  /** A single member elects itself at term 2 on first boot. */
  raftTerm = 2;
  /** Entries after boot: the member's conf change, the election's empty entry, publish, cluster version. */
  raftIndex = 4;
  private readonly prefix: bigint;
  /** The generator's start (48 bits) and how many ids it has handed out since. */
  private readonly base: bigint;
  private issued = 0;

  constructor(seed: number, memberId = DEFAULT_MEMBER_ID, clusterId = DEFAULT_CLUSTER_ID) {
    this.memberId = memberId;
    this.clusterId = clusterId;
    this.prefix = (memberId & 0xffffn) << 48n;
    // A private generator: etcd must not draw from the engine's shared stream and shift everyone else.
    const rng = new Rng((seed ^ 0x65746364) >>> 0);
    const millis = BigInt(rng.nextUint32()) * 256n + BigInt(rng.nextUint32() & 0xff);
    this.base = (millis << 8n) & MASK48;
  }

  /** idutil.Generator.Next. */
  nextRequestId(): bigint {
    this.issued++;
    return this.prefix | ((this.base + BigInt(this.issued)) & MASK48);
  }

  /** A lease id as LeaseGrant picks one: the next request id, kept positive. */
  nextLeaseId(): bigint {
    return this.nextRequestId() & MASK63;
  }

  /** A request went through raft: one more log entry, and the request id it consumed. */
  propose(): void {
    this.raftIndex++;
    // Consumes a request id; counted, not computed (bigint arithmetic on every write is slow).
    this.issued++;
  }

  header(revision: number): ResponseHeader {
    return { clusterId: this.clusterId, memberId: this.memberId, revision, raftTerm: this.raftTerm };
  }
}

/** The header of a response nested in a txn: etcd fills only the revision there. */
export function innerHeader(revision: number): ResponseHeader {
  return { clusterId: 0n, memberId: 0n, revision, raftTerm: 0 };
}
