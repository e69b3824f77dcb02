/**
 * A set of field paths, as structured-merge-diff's fieldpath.Set: a trie whose edges are path
 * elements written as FieldsV1 writes them (`f:name` a struct field or map key, `k:{"name":"x"}`
 * an associative-list item by its keys, `v:"x"` a set-list item, `i:0` a list position), with
 * `members` the paths that end at this node and `children` the deeper ones.
 *
 * FieldsV1 (sigs.k8s.io/structured-merge-diff fieldpath/serialize.go) is the same trie as JSON:
 * a member with children writes `".": {}` beside them, a member without children is `{}`.
 */

/** What an empty node reads as: shared, never written (only a node's own Set and Map are). */
const NO_MEMBERS: ReadonlySet<string> = new Set();
const NO_CHILDREN: ReadonlyMap<string, FieldSet> = new Map();

export class FieldSet {
  /**
   * Made when the first member or child arrives: most nodes of a set have members only (the
   * leaves' parents) or children only, and a Set or Map is the largest part of a node.
   */
  private ownMembers: Set<string> | undefined;
  private ownChildren: Map<string, FieldSet> | undefined;
  /**
   * toFieldsV1(false) and toFieldsV1(true), once made. A set is built by insert() and then only
   * read (union and difference share unchanged subtrees between sets), so each node's JSON is
   * made once however many sets share the node; insert() drops the JSON of the nodes it passes.
   */
  private json: Record<string, unknown> | undefined;
  private memberJson: Record<string, unknown> | undefined;

  /** The paths that end at this node. */
  get members(): ReadonlySet<string> {
    return this.ownMembers ?? NO_MEMBERS;
  }

  /** The deeper paths, by their next element. */
  get children(): ReadonlyMap<string, FieldSet> {
    return this.ownChildren ?? NO_CHILDREN;
  }

  private addMember(element: string): void {
    (this.ownMembers ??= new Set()).add(element);
  }

  private setChild(element: string, child: FieldSet): void {
    (this.ownChildren ??= new Map()).set(element, child);
  }

  /** Every operation keeps no empty child, so a set is empty when its own node is. */
  isEmpty(): boolean {
    return this.members.size === 0 && this.children.size === 0;
  }

  /** The child for `element`, created if missing: only insert calls it, and puts a member below. */
  private child(element: string): FieldSet {
    this.json = this.memberJson = undefined;
    let c = this.children.get(element);
    if (!c) {
      c = new FieldSet();
      this.setChild(element, c);
    }
    return c;
  }

  /** Inserts the path `elements` (the last one a member). */
  insert(elements: readonly string[]): void {
    const last = elements[elements.length - 1];
    if (last === undefined) return;
    let node = elements.length > 1 ? this.child(elements[0] as string) : undefined;
    for (let i = 1; i < elements.length - 1 && node; i++) node = node.child(elements[i] as string);
    const target = node ?? this;
    target.json = target.memberJson = undefined;
    target.addMember(last);
  }

  has(elements: readonly string[]): boolean {
    const last = elements[elements.length - 1];
    if (last === undefined) return false;
    let node = elements.length > 1 ? this.children.get(elements[0] as string) : undefined;
    for (let i = 1; i < elements.length - 1 && node; i++) node = node.children.get(elements[i] as string);
    return (elements.length > 1 ? node : this)?.members.has(last) === true;
  }

  /** Whether some path longer than `elements` starts with it (a field under it is in the set). */
  hasUnder(elements: readonly string[]): boolean {
    let node: FieldSet | undefined = this.children.get(elements[0] as string);
    for (let i = 1; i < elements.length && node; i++) node = node.children.get(elements[i] as string);
    return node !== undefined && !node.isEmpty();
  }

  /**
   * Sets are not changed once built (only a set under construction is inserted into, and no
   * operation returns one), so a union or difference shares the subtrees it leaves as they were
   * instead of copying them, and a node whose content it leaves as it was is returned itself:
   * a writer setting again the fields it owns gets back the nodes it had, and their FieldsV1.
   */
  union(other: FieldSet): FieldSet {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    const members = this.members;
    const children = this.children;
    let changed = false;
    for (const m of other.members) {
      if (!members.has(m)) {
        changed = true;
        break;
      }
    }
    // Keys, then get: iterating a Map's entries makes a [key, value] array per entry.
    let merged: Map<string, FieldSet> | undefined;
    for (const k of other.children.keys()) {
      const c = children.get(k);
      if (!c) {
        changed = true;
        continue;
      }
      const u = c.union(other.children.get(k) as FieldSet);
      if (u !== c) {
        changed = true;
        (merged ??= new Map()).set(k, u);
      }
    }
    if (!changed) return this;
    const out = new FieldSet();
    for (const m of members) out.addMember(m);
    for (const m of other.members) out.addMember(m);
    for (const k of children.keys()) out.setChild(k, merged?.get(k) ?? (children.get(k) as FieldSet));
    for (const k of other.children.keys()) if (!children.has(k)) out.setChild(k, other.children.get(k) as FieldSet);
    return out;
  }

  /**
   * Looks up the smaller side's keys in the larger's at each node: a write's change (a few
   * fields) is taken from a manager's whole set at the cost of the change. No node has an empty
   * child (insert adds a member below every child it makes; the operations drop emptied ones),
   * so a child of this set that `other` does not name stays as it is.
   */
  difference(other: FieldSet): FieldSet {
    if (other.isEmpty()) return this;
    const members = this.members;
    const children = this.children;
    let changed = false;
    const ours = members.size <= other.members.size;
    for (const m of ours ? members : other.members) {
      if ((ours ? other.members : members).has(m)) {
        changed = true;
        break;
      }
    }
    let remaining: Map<string, FieldSet> | undefined;
    const theirs = children.size <= other.children.size ? children : other.children;
    for (const k of theirs.keys()) {
      const c = children.get(k);
      const o = other.children.get(k);
      if (!c || !o) continue;
      const d = c.difference(o);
      if (d !== c) {
        changed = true;
        (remaining ??= new Map()).set(k, d);
      }
    }
    if (!changed) return this;
    const out = new FieldSet();
    for (const m of members) if (!other.members.has(m)) out.addMember(m);
    for (const k of children.keys()) {
      const d = remaining?.get(k) ?? (children.get(k) as FieldSet);
      if (!d.isEmpty()) out.setChild(k, d);
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (other.members.has(m)) out.addMember(m);
    for (const [k, c] of this.children) {
      const o = other.children.get(k);
      if (!o) continue;
      const i = c.intersection(o);
      if (!i.isEmpty()) out.setChild(k, i);
    }
    return out;
  }

  /**
   * Whether the sets share a path: intersection(other) is not empty, without building it. Each
   * node looks up the smaller side's keys in the larger's: a write's change (a few fields) is
   * checked against a manager's whole set at the cost of the change.
   */
  intersects(other: FieldSet): boolean {
    const members = this.members.size <= other.members.size;
    for (const m of members ? this.members : other.members) if ((members ? other : this).members.has(m)) return true;
    const theirs = this.children.size <= other.children.size ? this.children : other.children;
    for (const k of theirs.keys()) {
      const c = this.children.get(k);
      const o = other.children.get(k);
      if (c && o && c.intersects(o)) return true;
    }
    return false;
  }

  /** Whether every path of `other` is in this set: other.difference(this) is empty, without building it. */
  covers(other: FieldSet): boolean {
    for (const m of other.members) if (!this.members.has(m)) return false;
    for (const k of other.children.keys()) {
      const c = this.children.get(k);
      const o = other.children.get(k) as FieldSet;
      if (c ? !c.covers(o) : !o.isEmpty()) return false;
    }
    return true;
  }

  /** Whether every path of this set is in `a`, `b` or `c`: this.difference(a ∪ b ∪ c) is empty, without building them. */
  coveredByAnyOf(a: FieldSet, b: FieldSet, c: FieldSet): boolean {
    for (const m of this.members) if (!a.members.has(m) && !b.members.has(m) && !c.members.has(m)) return false;
    for (const k of this.children.keys()) {
      const ca = a.children.get(k);
      const cb = b.children.get(k);
      const cc = c.children.get(k);
      // A child is never empty, so one no side names has a path of its own.
      if (!ca && !cb && !cc) return false;
      if (!(this.children.get(k) as FieldSet).coveredByAnyOf(ca ?? EMPTY, cb ?? EMPTY, cc ?? EMPTY)) return false;
    }
    return true;
  }

  /**
   * (this \ removed) ∪ a ∪ b in one walk: the set of a writer after its write. As difference and
   * union, a node whose content stays is returned itself, and the subtrees of `a` and `b` this
   * set does not have are shared.
   */
  updated(removed: FieldSet, a: FieldSet, b: FieldSet): FieldSet {
    if (this.isEmpty()) return a.union(b);
    if (removed.isEmpty()) return this.union(a).union(b);
    if (a.isEmpty() && b.isEmpty()) return this.difference(removed);
    const members = this.members;
    const children = this.children;
    let changed = false;
    for (const m of removed.members) {
      if (members.has(m) && !a.members.has(m) && !b.members.has(m)) {
        changed = true;
        break;
      }
    }
    if (!changed) for (const m of a.members) if (!members.has(m)) changed = true;
    if (!changed) for (const m of b.members) if (!members.has(m)) changed = true;
    let replaced: Map<string, FieldSet> | undefined;
    for (const k of children.keys()) {
      const r = removed.children.get(k);
      const ca = a.children.get(k);
      const cb = b.children.get(k);
      if (!r && !ca && !cb) continue;
      const c = children.get(k) as FieldSet;
      const u = c.updated(r ?? EMPTY, ca ?? EMPTY, cb ?? EMPTY);
      if (u !== c) {
        changed = true;
        (replaced ??= new Map()).set(k, u);
      }
    }
    if (!changed) for (const k of a.children.keys()) if (!children.has(k)) changed = true;
    if (!changed) for (const k of b.children.keys()) if (!children.has(k)) changed = true;
    if (!changed) return this;
    const out = new FieldSet();
    for (const m of members) if (!removed.members.has(m)) out.addMember(m);
    for (const m of a.members) out.addMember(m);
    for (const m of b.members) out.addMember(m);
    for (const k of children.keys()) {
      const u = replaced?.get(k) ?? (children.get(k) as FieldSet);
      if (!u.isEmpty()) out.setChild(k, u);
    }
    for (const k of a.children.keys()) {
      if (children.has(k)) continue;
      const cb = b.children.get(k);
      out.setChild(k, cb ? (a.children.get(k) as FieldSet).union(cb) : (a.children.get(k) as FieldSet));
    }
    for (const k of b.children.keys()) if (!children.has(k) && !a.children.has(k)) out.setChild(k, b.children.get(k) as FieldSet);
    return out;
  }

  clone(): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) out.addMember(m);
    for (const [k, c] of this.children) out.setChild(k, c.clone());
    return out;
  }

  equals(other: FieldSet): boolean {
    return this.difference(other).isEmpty() && other.difference(this).isEmpty();
  }

  /** Every member path, depth first in FieldsV1 key order. */
  paths(prefix: readonly string[] = []): string[][] {
    const out: string[][] = [];
    for (const key of this.sortedKeys()) {
      if (this.members.has(key)) out.push([...prefix, key]);
      const c = this.children.get(key);
      if (c) out.push(...c.paths([...prefix, key]));
    }
    return out;
  }

  private sortedKeys(): string[] {
    const keys: string[] = [];
    for (const m of this.members) keys.push(m);
    for (const k of this.children.keys()) if (!this.members.has(k)) keys.push(k);
    return sortSmall(keys);
  }

  /**
   * The FieldsV1 JSON; keys in byte order, as kubectl prints the map it decodes. Made once per
   * node (see `json`): the JSON is read-only, shared by the entries of the sets sharing the node.
   */
  toFieldsV1(member = false): Record<string, unknown> {
    const made = member ? this.memberJson : this.json;
    if (made !== undefined) return made;
    const out: Record<string, unknown> = member ? { '.': FIELDS_V1_LEAF } : {};
    for (const key of this.sortedKeys()) {
      const c = this.children.get(key);
      out[key] = c ? c.toFieldsV1(this.members.has(key)) : FIELDS_V1_LEAF;
    }
    if (member) this.memberJson = out;
    else this.json = out;
    return out;
  }

  static fromFieldsV1(json: unknown): FieldSet {
    const out = new FieldSet();
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return out;
    const fields = json as Record<string, unknown>;
    // for-in: the keys in Object.entries order, without the entry arrays.
    for (const key in fields) {
      if (key === '.') continue;
      const value = fields[key];
      const inner = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
      let hasKeys = false;
      let hasDot = false;
      let hasOthers = false;
      if (inner !== undefined) {
        for (const k in inner) {
          hasKeys = true;
          if (k === '.') hasDot = true;
          else hasOthers = true;
        }
      }
      if (!hasKeys || hasDot) out.addMember(key);
      if (hasOthers) out.setChild(key, FieldSet.fromFieldsV1(inner));
    }
    return out;
  }
}

/**
 * The `{}` of a member without children, one object for every leaf of every FieldsV1 made here
 * (most keys of a set are leaves): the JSON is read-only once made, as every node's already is,
 * shared by the entries of sets sharing the node. Frozen: a write to it would change every
 * managedFields at once, so it throws instead.
 */
export const FIELDS_V1_LEAF: Readonly<Record<string, unknown>> = Object.freeze({});

/** The empty set, read only: the stand-in for a missing child. */
const EMPTY = new FieldSet();

function compareElements(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The keys in byte order, in place. A node has a handful of keys, and Array.prototype.sort
 * copies its input into a work area even for two: an insertion sort does them with none.
 */
function sortSmall(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort(compareElements);
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** A path as smd's Path.String() prints it in conflict messages: `.spec.containers[name="nginx"].image`. */
export function pathString(elements: readonly string[]): string {
  return elements
    .map((e) => {
      const body = e.slice(2);
      switch (e[0]) {
        case 'f':
          return `.${body}`;
        case 'k': {
          const keys = JSON.parse(body) as Record<string, unknown>;
          return `[${Object.entries(keys)
            .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
            .join(',')}]`;
        }
        case 'v':
          return `[=${body}]`;
        default:
          return `[${body}]`;
      }
    })
    .join('');
}
