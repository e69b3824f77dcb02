/**
 * metadata.managedFields as the apiserver keeps it (k8s.io/apimachinery pkg/util/managedfields/
 * internal): decoding the entries into field sets (managedfields.go DecodeManagedFields), the
 * Update operation's bookkeeping (structured-merge-diff merge/update.go Updater.Update, wrapped
 * by managedfieldsupdater.go), the cap on Update entries (capmanagers.go) and the encoding back,
 * sorted as sortEncodedManagedFields sorts them.
 */
import { boundedMemo } from '../../bounded-memo';
import { FieldSet } from './field-set';
import type { Comparison } from './compare';

export type Operation = 'Apply' | 'Update';

export interface ManagedEntry {
  readonly manager: string;
  readonly operation: Operation;
  readonly apiVersion: string;
  readonly subresource: string;
  readonly time: string | undefined;
  readonly set: FieldSet;
  /** The stored entry this was decoded from, reused as is while its set is unchanged. */
  readonly encoded?: Record<string, unknown>;
}

/** What identifies an entry (BuildManagerIdentifier): everything but its time and fields. */
export function identifierOf(e: { manager: string; operation: Operation; apiVersion: string; subresource: string }): string {
  return JSON.stringify({ manager: e.manager, operation: e.operation, apiVersion: e.apiVersion, ...(e.subresource ? { subresource: e.subresource } : {}) });
}

/** Decoded sets by stored entry: an entry read back unchanged is not parsed again. */
const decoded = new WeakMap<object, FieldSet>();

/**
 * Decoded lists by stored list: every write to an object decodes the list the last write
 * stored (encodeManagedFields enters its own answers, already decoded). Stored lists are never
 * changed; the entries are shared, so no caller may change the array.
 */
const decodedLists = new WeakMap<object, readonly ManagedEntry[]>();

/** The entries of a stored managedFields list; undefined when it does not decode (DecodeManagedFields fails). */
export function decodeManagedFields(list: unknown): readonly ManagedEntry[] | undefined {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return undefined;
  const known = decodedLists.get(list);
  if (known !== undefined) return known;
  const out = decodeList(list);
  if (out !== undefined) decodedLists.set(list, out);
  return out;
}

function decodeList(list: readonly unknown[]): ManagedEntry[] | undefined {
  const out: ManagedEntry[] = [];
  for (const raw of list) {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const e = raw as Record<string, unknown>;
    if (typeof e['manager'] !== 'string' && e['manager'] !== undefined) return undefined;
    const operation = e['operation'];
    if (operation !== 'Apply' && operation !== 'Update') return undefined;
    if (e['fieldsType'] !== 'FieldsV1') return undefined;
    let set = decoded.get(e);
    if (!set) {
      set = FieldSet.fromFieldsV1(e['fieldsV1']);
      decoded.set(e, set);
    }
    out.push({
      manager: (e['manager'] as string | undefined) ?? '',
      operation,
      apiVersion: typeof e['apiVersion'] === 'string' ? e['apiVersion'] : '',
      subresource: typeof e['subresource'] === 'string' ? e['subresource'] : '',
      time: typeof e['time'] === 'string' ? e['time'] : undefined,
      set,
      encoded: e,
    });
  }
  return out;
}

/** `managedFields: [{}]` in a request resets them (isResetManagedFields). */
export function isReset(list: unknown): boolean {
  return Array.isArray(list) && list.length === 1 && typeof list[0] === 'object' && list[0] !== null && Object.keys(list[0] as object).length === 0;
}

function withSet(e: ManagedEntry, set: FieldSet): ManagedEntry {
  return { manager: e.manager, operation: e.operation, apiVersion: e.apiVersion, subresource: e.subresource, time: e.time, set };
}

/**
 * An Update by `who`: fields the write added, modified or removed leave every other manager
 * (force: updates never conflict), removed ones leave everyone, and `who` gains what it added
 * or modified. Its time moves only when it gained something (managedfieldsupdater.go runs the
 * update as "current-operation" and merges that into the manager's entry). Managers left with
 * no fields are dropped.
 */
export function recordUpdate(entries: readonly ManagedEntry[], change: Comparison, who: Writer, now: string): ManagedEntry[] {
  const again = ownedAgain(entries, change, who, now);
  if (again) return capUpdateManagers(again);
  const { added, modified, removed } = change;
  /** added ∪ modified, and that ∪ removed: made when needed (few writes need them as sets). */
  let gained: FieldSet | undefined;
  let lost: FieldSet | undefined;
  const out: ManagedEntry[] = [];
  /** The entry of `entries` each of `out` was kept from. */
  const keptFrom: ManagedEntry[] = [];
  /** The writer's Update entry in `out` (the same identifier as identifierOf's, compared field by field): the first kept. */
  let i = -1;
  const gains = !added.isEmpty() || !modified.isEmpty();
  for (const e of entries) {
    if (gains && i < 0 && isWriterEntry(e, who)) {
      // Replaced below by (e \ removed) ∪ gained; here only whether e \ (gained ∪ removed) is empty matters.
      if (!e.set.coveredByAnyOf(added, modified, removed)) {
        i = out.length;
        out.push(e);
        keptFrom.push(e);
      }
      continue;
    }
    const loses = e.set.intersects(added) || e.set.intersects(modified) || e.set.intersects(removed);
    const kept = loses ? withSet(e, e.set.difference((lost ??= (gained ??= added.union(modified)).union(removed)))) : e;
    if (!kept.set.isEmpty()) {
      out.push(kept);
      keptFrom.push(e);
    }
  }
  if (!gains) return capUpdateManagers(out);
  let own: ManagedEntry | undefined;
  for (let j = 0; j < entries.length && own === undefined; j++) if (isWriterEntry(entries[j] as ManagedEntry, who)) own = entries[j];
  // A writer setting again fields it owns (a kubelet's status, a controller's spec) and
  // removing none it owns ends with the set it had, own \ (gained ∪ removed) ∪ gained = own:
  // only its time moves, and the set's FieldsV1 is the one it had.
  const unchanged = own !== undefined && own.set.covers(added) && own.set.covers(modified) && !own.set.intersects(removed) ? own : undefined;
  // Otherwise its set is (own \ (gained ∪ removed)) ∪ gained. A path is never both gained
  // (present in the new object) and removed (absent from it), so that is (own \ removed) ∪
  // gained: made in one walk from own's nodes, which keep their FieldsV1 where nothing under
  // them moved.
  const set = unchanged ? unchanged.set : i >= 0 ? (keptFrom[i] as ManagedEntry).set.updated(removed, added, modified) : (gained ?? added.union(modified));
  const entry = writerEntry(who, now, set);
  if (i >= 0) out[i] = entry;
  else out.push(entry);
  return capUpdateManagers(out);
}

/**
 * The writer's entry at `now`. A set keeps the FieldsV1 it made (FieldSet.toFieldsV1), so the
 * entry of a writer whose set stayed is encoded with the JSON its stored entry has; a set read
 * from JSON a client sent writes its own, in toFieldsV1's order.
 */
function writerEntry(who: Writer, now: string, set: FieldSet): ManagedEntry {
  return { manager: who.manager, operation: 'Update', apiVersion: who.apiVersion, subresource: who.subresource, time: now, set };
}

/** Who makes an Update: the entry it owns is the one of the same identifier (identifierOf). */
type Writer = { readonly manager: string; readonly apiVersion: string; readonly subresource: string };

function isWriterEntry(e: ManagedEntry, who: Writer): boolean {
  return e.operation === 'Update' && e.manager === who.manager && e.apiVersion === who.apiVersion && e.subresource === who.subresource;
}

/**
 * The most common Update, answered without set algebra: nothing removed, and every field the
 * write added or modified already the writer's and nobody else's (the kubelet setting its
 * status again, a controller writing again the spec it owns). No entry loses a field then, so
 * every entry stays as it was with its stored JSON, and the writer's keeps its set and FieldsV1
 * while its time moves (recordUpdate's general path gives the same entries; the writer's may
 * sit elsewhere in the list, which encodeManagedFields orders by identifier, unique here).
 * A write that gained nothing changes nothing. Undefined when the write is not of this kind, or
 * an entry is one the general path treats apart (an empty set, a second entry of the writer's
 * identifier).
 */
function ownedAgain(entries: readonly ManagedEntry[], change: Comparison, who: Writer, now: string): ManagedEntry[] | undefined {
  if (!change.removed.isEmpty()) return undefined;
  const gainedNothing = change.added.isEmpty() && change.modified.isEmpty();
  let writer = -1;
  // The writer's entry first: most writes that do not take this path gain a field it lacks.
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as ManagedEntry;
    if (e.set.isEmpty()) return undefined;
    if (gainedNothing || !isWriterEntry(e, who)) continue;
    if (writer >= 0 || !e.set.covers(change.added) || !e.set.covers(change.modified)) return undefined;
    writer = i;
  }
  if (gainedNothing) return entries.slice();
  if (writer < 0) return undefined;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as ManagedEntry;
    if (i !== writer && (e.set.intersects(change.added) || e.set.intersects(change.modified))) return undefined;
  }
  const own = entries[writer] as ManagedEntry;
  const out = entries.slice();
  out[writer] = writerEntry(who, now, own.set);
  return out;
}

/** DefaultMaxUpdateManagers (capmanagers.go). */
export const MAX_UPDATE_MANAGERS = 10;

function unixSeconds(time: string | undefined): number {
  return time === undefined ? 0 : secondsOf(time);
}

/** Entries carry the times of a few seconds: each is parsed once, not once per comparison. */
const secondsOf = boundedMemo(1024, (time) => Math.floor(Date.parse(time) / 1000));

/**
 * capmanagers.go capUpdateManagers: past 10 Update entries, the oldest are merged, per API
 * version, into an "ancient-changes" entry (the first of a version becomes the bucket when a
 * second joins it), which takes the time of the last one merged.
 */
export function capUpdateManagers(entries: ManagedEntry[], max = MAX_UPDATE_MANAGERS): ManagedEntry[] {
  // Counted first: nearly every list is under the cap, and is returned without a copy.
  let count = 0;
  for (const e of entries) if (e.operation === 'Update') count++;
  if (count <= max) return entries;
  const updaters = entries.filter((e) => e.operation === 'Update');
  updaters.sort((a, b) => unixSeconds(a.time) - unixSeconds(b.time) || (identifierOf(a) < identifierOf(b) ? -1 : identifierOf(a) > identifierOf(b) ? 1 : 0));
  const out = new Map(entries.map((e) => [identifierOf(e), e]));
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const e = updaters[i] as ManagedEntry;
    const first = firstOfVersion.get(e.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(e.apiVersion, identifierOf(e));
      continue;
    }
    const bucketId = identifierOf({ manager: 'ancient-changes', operation: 'Update', apiVersion: e.apiVersion, subresource: '' });
    let bucket = out.get(bucketId);
    if (!bucket) {
      const firstEntry = out.get(first) as ManagedEntry;
      out.delete(first);
      bucket = { ...withSet(firstEntry, firstEntry.set), manager: 'ancient-changes', subresource: '' };
    }
    out.set(bucketId, { ...withSet(bucket, e.set.union(bucket.set)), time: e.time });
    out.delete(identifierOf(e));
    length--;
  }
  return [...out.values()];
}

/** The stored list: entries in sortEncodedManagedFields order (operation, time, manager, apiVersion, subresource). */
export function encodeManagedFields(entries: readonly ManagedEntry[]): Record<string, unknown>[] {
  const sorted = sortEntries(entries);
  /** `sorted` as decodeManagedFields would read the answer back: each entry with the JSON it became. */
  const readBack: ManagedEntry[] = [];
  const list = sorted.map((e) => {
    if (e.encoded) {
      readBack.push(e);
      return e.encoded;
    }
    const fieldsV1 = e.set.toFieldsV1();
    // One literal per shape, in the stored key order: no field added to a made object.
    let out: Record<string, unknown>;
    if (e.time === undefined) {
      out = { apiVersion: e.apiVersion, fieldsType: 'FieldsV1', fieldsV1, manager: e.manager, operation: e.operation };
      if (e.subresource) out['subresource'] = e.subresource;
    } else if (e.subresource) out = { apiVersion: e.apiVersion, fieldsType: 'FieldsV1', fieldsV1, manager: e.manager, operation: e.operation, subresource: e.subresource, time: e.time };
    else out = { apiVersion: e.apiVersion, fieldsType: 'FieldsV1', fieldsV1, manager: e.manager, operation: e.operation, time: e.time };
    decoded.set(out, e.set);
    readBack.push({ manager: e.manager, operation: e.operation, apiVersion: e.apiVersion, subresource: e.subresource, time: e.time, set: e.set, encoded: out });
    return out;
  });
  decodedLists.set(list, readBack);
  return list;
}

function compareEntries(a: ManagedEntry, b: ManagedEntry): number {
  return cmp(a.operation, b.operation) || unixSeconds(a.time) - unixSeconds(b.time) || cmp(a.manager, b.manager) || cmp(a.apiVersion, b.apiVersion) || cmp(a.subresource, b.subresource);
}

/**
 * sortEncodedManagedFields' order, stable. A list has a few entries, sorted here by insertion,
 * which gives what the stable Array.prototype.sort gives when the comparison is consistent; a
 * time that does not parse (NaN: no order on time) may make it not, and takes the library sort.
 */
function sortEntries(entries: readonly ManagedEntry[]): ManagedEntry[] {
  const sorted = entries.slice();
  for (const e of sorted) if (e.time !== undefined && Number.isNaN(unixSeconds(e.time))) return sorted.sort(compareEntries);
  for (let i = 1; i < sorted.length; i++) {
    const e = sorted[i] as ManagedEntry;
    let j = i - 1;
    while (j >= 0 && compareEntries(sorted[j] as ManagedEntry, e) > 0) {
      sorted[j + 1] = sorted[j] as ManagedEntry;
      j--;
    }
    sorted[j + 1] = e;
  }
  return sorted;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
