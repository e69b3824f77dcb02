/**
 * Revisions: etcd's {main, sub} pair (server/storage/mvcc/revision.go). `main` is the store
 * revision of an atomic change set, `sub` numbers the changes inside it (0, 1, 2...).
 *
 * Inside the index and the backend a revision travels packed into one number,
 * main * 2^22 + sub, which keeps the (main, sub) order and costs no allocation. That leaves
 * 4,194,304 changes per revision and 2^31 revisions, far beyond what a simulation writes.
 */

export interface Revision {
  readonly main: number;
  readonly sub: number;
}

/** How many sub-revisions fit under one main revision in the packed form. */
export const SUB_LIMIT = 4_194_304;

export function packRevision(main: number, sub: number): number {
  if (sub >= SUB_LIMIT) throw new RangeError(`etcd: more than ${SUB_LIMIT} changes in revision ${main}`);
  return main * SUB_LIMIT + sub;
}

export function mainOf(packed: number): number {
  return Math.floor(packed / SUB_LIMIT);
}

export function subOf(packed: number): number {
  return packed % SUB_LIMIT;
}

/** The smallest packed value above every revision whose main is <= `main`. */
export function packedLimit(main: number): number {
  return (main + 1) * SUB_LIMIT;
}

/**
 * The bbolt key of a revision as etcd writes it (revToBytes): 8-byte big-endian main, '_',
 * 8-byte big-endian sub, and a trailing 't' for a tombstone; shown as hex, '_' and 't' kept.
 */
export function backendKey(rev: Revision, tombstone = false): string {
  const hex = (n: number) => n.toString(16).padStart(16, '0');
  return `${hex(rev.main)}_${hex(rev.sub)}${tombstone ? 't' : ''}`;
}
