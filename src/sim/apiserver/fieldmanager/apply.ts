/**
 * Server-side apply (structured-merge-diff merge/update.go Updater.Apply, wrapped by
 * apimachinery's managedfields/internal structuredmerge.go and conflict.go): the applied
 * configuration is merged into the live object by the schema (list items by key, atomic fields
 * replaced), the fields the applier applied before and no longer does are removed unless someone
 * else owns them, and a field the merge changes that another manager owns is a conflict (409)
 * unless `force`, which takes it from them. The applier's Apply entry is then exactly the
 * fields of its configuration. Defaults are applied afterwards by the registry, so nobody owns them.
 */
import type { KubeObject } from '../../api/kube-object';
import { fieldType } from '../../api/schema/field-schema';
import type { Status } from '../../api/status';
import { StatusError } from '../status';
import { compareObjects, inScope, STRIPPED_META, type CompareScope } from './compare';
import { FieldSet, pathString } from './field-set';
import { decodeManagedFields, encodeManagedFields, identifierOf, type ManagedEntry } from './managed-fields';
import { isAtomicStruct, listTypeOf, type ListType } from './list-types';

type Json = unknown;

function isMap(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function itemKey(item: Json, keys: readonly string[]): string | undefined {
  if (!isMap(item)) return undefined;
  const key: Record<string, Json> = {};
  for (const k of [...keys].sort()) if (item[k] !== undefined) key[k] = item[k];
  return `k:${JSON.stringify(key)}`;
}

/** merge.go: the configuration's values over the live object's, granular where the schema is. */
function merge(l: Json, r: Json, ref: string | undefined, list: ListType | undefined): Json {
  if (r === undefined) return l;
  if (l === undefined || l === null) return r;
  const type = ref === undefined ? undefined : fieldType(ref);
  if (type?.kind === 'array' && list && Array.isArray(l) && Array.isArray(r)) {
    if (list === 'set') {
      const seen = new Set(l.map((v) => JSON.stringify(v)));
      return [...l, ...r.filter((v) => !seen.has(JSON.stringify(v)))];
    }
    const rByKey = new Map(r.map((item) => [itemKey(item, list.map), item] as const));
    const lKeys = new Set(l.map((item) => itemKey(item, list.map)));
    const merged = l.map((item) => {
      const key = itemKey(item, list.map);
      return rByKey.has(key) ? merge(item, rByKey.get(key), type.items, undefined) : item;
    });
    return [...merged, ...r.filter((item) => !lKeys.has(itemKey(item, list.map)))];
  }
  if (!isMap(l) || !isMap(r)) return r;
  if (type?.kind === 'struct') {
    if (isAtomicStruct(type.id)) return r;
    const out: Record<string, Json> = { ...l };
    for (const key in r) {
      const childRef = Object.hasOwn(type.fields, key) ? type.fields[key] : undefined;
      out[key] = merge(l[key], r[key], childRef, childRef?.startsWith('[]') ? listTypeOf(type.id, key) : undefined);
    }
    return out;
  }
  const values = type?.kind === 'map' ? type.values : undefined;
  if (type && type.kind !== 'map') return r;
  const out: Record<string, Json> = { ...l };
  for (const key in r) out[key] = merge(l[key], r[key], values, undefined);
  return out;
}

/** tofieldset.go: the fields a configuration sets (leaves, list items, empty maps, map keys). */
class ConfigFields {
  readonly set = new FieldSet();
  private readonly path: string[] = [];

  visit(r: Json, ref: string | undefined, list: ListType | undefined): void {
    const type = ref === undefined ? undefined : fieldType(ref);
    if (type?.kind === 'array') {
      if (!list || !Array.isArray(r)) return this.set.insert(this.path);
      for (const item of r) {
        const element = list === 'set' ? `v:${JSON.stringify(item)}` : itemKey(item, list.map);
        if (element === undefined) continue;
        this.path.push(element);
        if (list !== 'set') this.visit(item, type.items, undefined);
        this.set.insert(this.path);
        this.path.pop();
      }
      return;
    }
    if (!isMap(r) || (type?.kind === 'struct' && isAtomicStruct(type.id)) || (type && type.kind !== 'struct' && type.kind !== 'map')) return this.set.insert(this.path);
    const fields = type?.kind === 'struct' ? type.fields : undefined;
    for (const key in r) {
      const declared = fields !== undefined && Object.hasOwn(fields, key);
      const childRef = declared ? fields[key] : type?.kind === 'map' ? type.values : undefined;
      const child = r[key];
      this.path.push(`f:${key}`);
      this.visit(child, childRef, declared && childRef?.startsWith('[]') && type?.kind === 'struct' ? listTypeOf(type.id, key) : undefined);
      if (child === null || (isMap(child) && Object.keys(child).length === 0) || !declared) this.set.insert(this.path);
      this.path.pop();
    }
  }

  root(config: KubeObject, rootType: string, scope: CompareScope): FieldSet {
    const type = fieldType(rootType);
    if (type.kind !== 'struct') return this.set;
    for (const key in config) {
      if (!inScope(key, scope)) continue;
      const ref = type.fields[key];
      this.path.push(`f:${key}`);
      if (key === 'metadata' && isMap(config.metadata)) {
        const meta = fieldType('meta/v1.ObjectMeta');
        const fields = meta.kind === 'struct' ? meta.fields : {};
        for (const m in config.metadata) {
          if (STRIPPED_META.has(m)) continue;
          const childRef = fields[m];
          this.path.push(`f:${m}`);
          const child = config.metadata[m];
          this.visit(child, childRef, childRef?.startsWith('[]') ? listTypeOf('meta/v1.ObjectMeta', m) : undefined);
          if (child === null || (isMap(child) && Object.keys(child).length === 0)) this.set.insert(this.path);
          this.path.pop();
        }
      } else {
        this.visit(config[key], ref, ref?.startsWith('[]') ? listTypeOf(type.id, key) : undefined);
        const child = config[key];
        if (child === null || (isMap(child) && Object.keys(child).length === 0)) this.set.insert(this.path);
      }
      this.path.pop();
    }
    return this.set;
  }
}

/** Removes the fields at `paths` from `object` (the pruning of what the applier no longer applies). */
function removePaths(object: Json, paths: readonly (readonly string[])[]): Json {
  let out = structuredClone(object);
  for (const path of paths) out = removePath(out, path);
  return out;
}

function removePath(value: Json, path: readonly string[]): Json {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  const body = head.slice(2);
  if (head.startsWith('f:') && isMap(value)) {
    if (rest.length === 0) delete value[body];
    else if (value[body] !== undefined) {
      value[body] = removePath(value[body], rest);
      // A map or list the pruning emptied is omitted, as omitempty drops it when encoded.
      const left = value[body];
      if ((Array.isArray(left) && left.length === 0) || (isMap(left) && Object.keys(left).length === 0)) delete value[body];
    }
    return value;
  }
  if (Array.isArray(value)) {
    const keys = head.startsWith('k:') ? (JSON.parse(body) as Record<string, Json>) : undefined;
    const index = value.findIndex((item) => (keys ? isMap(item) && Object.entries(keys).every(([k, v]) => JSON.stringify(item[k]) === JSON.stringify(v)) : JSON.stringify(item) === body));
    if (index < 0) return value;
    if (rest.length === 0) value.splice(index, 1);
    else value[index] = removePath(value[index], rest);
  }
  return value;
}

export interface ApplyRequest {
  readonly manager: string;
  readonly force: boolean;
  readonly subresource: string;
  readonly scope: CompareScope;
  readonly now: string;
}

/** conflict.go printManager: `"kubectl-client-side-apply" using apps/v1`, `"kubectl" with subresource "scale" using apps/v1`, `"kubectl"` for an Apply. */
function printManager(e: ManagedEntry): string {
  const name = `${JSON.stringify(e.manager)}${e.subresource ? ` with subresource ${JSON.stringify(e.subresource)}` : ''}`;
  return e.operation === 'Update' ? `${name} using ${e.apiVersion}` : name;
}

/** conflict.go NewConflictError: a 409 with one cause per field and the message kubectl prints. */
function conflictError(conflicts: readonly { entry: ManagedEntry; path: string[] }[]): StatusError {
  let message: string;
  const first = conflicts[0] as { entry: ManagedEntry; path: string[] };
  if (conflicts.length === 1) message = `Apply failed with 1 conflict: conflict with ${printManager(first.entry)}: ${pathString(first.path)}`;
  else {
    const byManager = new Map<string, { entry: ManagedEntry; paths: string[] }>();
    for (const c of conflicts) {
      const id = identifierOf(c.entry);
      const group = byManager.get(id) ?? { entry: c.entry, paths: [] };
      group.paths.push(pathString(c.path));
      byManager.set(id, group);
    }
    const lines: string[] = [];
    for (const id of [...byManager.keys()].sort()) {
      const group = byManager.get(id) as { entry: ManagedEntry; paths: string[] };
      lines.push(`conflicts with ${printManager(group.entry)}:`, ...group.paths.map((p) => `- ${p}`));
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Conflict',
    details: { causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.entry)}`, field: pathString(c.path) })) },
    code: 409,
  };
  return new StatusError(status);
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function lastAppliedOf(object: KubeObject | undefined): string | undefined {
  const value = object?.metadata.annotations?.[LAST_APPLIED];
  return value ? value : undefined;
}

/**
 * lastappliedmanager.go allowedConflictsFromLastApplied: the fields of the client-side apply
 * annotation whose values the live object still has; `kubectl` may take those without force.
 */
function allowedFromLastApplied(live: KubeObject, rootType: string, scope: CompareScope): FieldSet | undefined {
  let lastApplied: KubeObject;
  try {
    lastApplied = JSON.parse(lastAppliedOf(live) ?? '') as KubeObject;
  } catch {
    return undefined;
  }
  if (!isMap(lastApplied) || !isMap(lastApplied.metadata)) return undefined;
  const fields = new ConfigFields().root(lastApplied, rootType, scope);
  return fields.difference(compareObjects(lastApplied, live, rootType, scope).modified);
}

/** lastappliedupdater.go buildLastApplied: the applied configuration without the annotation, as JSON with sorted keys. */
function buildLastApplied(config: KubeObject): string {
  const annotations = config.metadata.annotations;
  const metadata: Record<string, unknown> = { ...config.metadata };
  if (annotations) {
    const { [LAST_APPLIED]: _dropped, ...rest } = annotations;
    metadata['annotations'] = rest;
  }
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (!isMap(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sorted(v[k]);
    return out;
  };
  return JSON.stringify(sorted({ ...config, metadata }));
}

/**
 * Apply `config` (the request's object) to `live` (undefined: create on apply). Returns the
 * merged object carrying its new managedFields; throws the 409 on conflicts without force.
 *
 * The field manager `kubectl` gets two more steps (lastappliedmanager.go, lastappliedupdater.go),
 * so that an object managed by client-side apply can move to server-side apply and back: a
 * conflict on a field the last-applied annotation set, to the value still live, is forced; and
 * an annotation already there is rewritten to the configuration applied.
 */
export function applyConfiguration(live: KubeObject | undefined, config: KubeObject, rootType: string | undefined, request: ApplyRequest): KubeObject {
  let applied: KubeObject;
  try {
    applied = applyWithOwnership(live, config, rootType, request);
  } catch (error) {
    const allowed = request.manager === 'kubectl' && live && rootType && lastAppliedOf(live) && error instanceof ApplyConflicts ? allowedFromLastApplied(live, rootType, request.scope) : undefined;
    if (!(error instanceof ApplyConflicts)) throw error;
    if (!allowed || error.conflicts.some((c) => !allowed.has(c.path))) throw conflictError(error.conflicts);
    applied = applyWithOwnership(live, config, rootType, { ...request, force: true });
  }
  if (request.manager === 'kubectl' && lastAppliedOf(live)) {
    applied = { ...applied, metadata: { ...applied.metadata, annotations: { ...(applied.metadata.annotations ?? {}), [LAST_APPLIED]: buildLastApplied(config) } } };
  }
  return applied;
}

/** The conflicts of one attempt, before the last-applied step decides whether they stand. */
class ApplyConflicts extends Error {
  constructor(readonly conflicts: readonly { entry: ManagedEntry; path: string[] }[]) {
    super('apply conflicts');
  }
}

function applyWithOwnership(live: KubeObject | undefined, config: KubeObject, rootType: string | undefined, request: ApplyRequest): KubeObject {
  const entries = decodeManagedFields(live?.metadata.managedFields) ?? [];
  const { managedFields: _sent, ...configMeta } = config.metadata;
  const applied = { ...config, metadata: configMeta } as KubeObject;
  const configSet = rootType ? new ConfigFields().root(applied, rootType, request.scope) : new FieldSet();
  const base = live ?? ({ apiVersion: config.apiVersion, kind: config.kind, metadata: {} } as KubeObject);
  let merged = (rootType ? merge(base, applied, rootType, undefined) : { ...base, ...applied }) as KubeObject;
  const id = identifierOf({ manager: request.manager, operation: 'Apply', apiVersion: config.apiVersion, subresource: request.subresource });
  const previous = entries.find((e) => identifierOf(e) === id);
  if (previous) {
    let others = new FieldSet();
    for (const e of entries) if (e !== previous) others = others.union(e.set);
    const prune = previous.set.difference(configSet).difference(others);
    // update.go prune adds back what anyone still owns: a map whose "." goes keeps the keys owned.
    const owned = others.union(configSet);
    if (!prune.isEmpty()) merged = removePaths(merged, prune.paths().filter((path) => !owned.hasUnder(path))) as KubeObject;
  }
  const change = compareObjects(live, merged, rootType, request.scope);
  const changed = change.added.union(change.modified);
  const conflicts: { entry: ManagedEntry; path: string[] }[] = [];
  const kept: ManagedEntry[] = [];
  for (const e of entries) {
    if (e === previous) continue;
    const conflict = e.set.intersection(changed);
    if (!conflict.isEmpty()) for (const path of conflict.paths()) conflicts.push({ entry: e, path });
    const lost = conflict.union(change.removed);
    const set = e.set.intersection(lost).isEmpty() ? e.set : e.set.difference(lost);
    if (!set.isEmpty()) kept.push(set === e.set ? e : { manager: e.manager, operation: e.operation, apiVersion: e.apiVersion, subresource: e.subresource, time: e.time, set });
  }
  if (conflicts.length && !request.force) throw new ApplyConflicts(conflicts);
  const moved = !changed.isEmpty() || !change.removed.isEmpty() || !previous || !previous.set.equals(configSet);
  if (!configSet.isEmpty()) {
    kept.push({ manager: request.manager, operation: 'Apply', apiVersion: config.apiVersion, subresource: request.subresource, time: moved ? request.now : previous?.time, set: configSet });
  }
  const managedFields = encodeManagedFields(kept);
  const { managedFields: _old, ...metadata } = merged.metadata;
  return { ...merged, metadata: managedFields.length ? { ...metadata, managedFields } : metadata } as KubeObject;
}
