/**
 * kubectl apply --server-side's migration of client-side apply ownership (apply.go
 * migrateToSSAIfNecessary, client-go util/csaupgrade): after the apply, the Update entries that
 * own the last-applied-configuration annotation (client-side apply's managers) are merged into
 * the applier's Apply entry and dropped, sent as a JSON patch that tests the resourceVersion.
 * From then on the fields are the applier's alone, so a later apply that leaves one out
 * removes it.
 */
import type { KubeObject } from '../../../../sim/api/kube-object';

interface Entry {
  manager?: string;
  operation?: string;
  subresource?: string;
  fieldsV1?: Record<string, unknown>;
  [field: string]: unknown;
}

const ANNOTATION_KEY = 'f:kubectl.kubernetes.io/last-applied-configuration';

/** csaupgrade.FindFieldsOwners for the annotation: Update entries whose fields hold it. */
function ownsLastApplied(e: Entry): boolean {
  const annotations = (e.fieldsV1?.['f:metadata'] as Record<string, unknown> | undefined)?.['f:annotations'] as Record<string, unknown> | undefined;
  return e.operation === 'Update' && annotations !== undefined && ANNOTATION_KEY in annotations;
}

/** FieldsV1 union: both tries merged, "." kept where either has it. */
function union(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const mine = out[k];
    out[k] = mine && typeof mine === 'object' && v && typeof v === 'object' ? union(mine as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

function withoutAnnotation(fields: Record<string, unknown>): Record<string, unknown> {
  const metadata = fields['f:metadata'] as Record<string, unknown> | undefined;
  const annotations = metadata?.['f:annotations'] as Record<string, unknown> | undefined;
  if (!metadata || !annotations || !(ANNOTATION_KEY in annotations)) return fields;
  const { [ANNOTATION_KEY]: _dropped, ...rest } = annotations;
  return { ...fields, 'f:metadata': { ...metadata, 'f:annotations': rest } };
}

/**
 * The JSON patch that moves client-side apply's fields to `manager`'s Apply entry, or
 * undefined when there is nothing to move (upgradedManagedFields).
 */
export function csaUpgradePatch(object: KubeObject, manager: string): unknown[] | undefined {
  const entries = (object.metadata.managedFields as Entry[] | undefined) ?? [];
  const csaManagers = new Set(entries.filter(ownsLastApplied).map((e) => e.manager ?? ''));
  if (csaManagers.size === 0) return undefined;
  let managed = entries.map((e) => ({ ...e }));
  for (const csa of csaManagers) {
    const isCsa = (e: Entry) => e.manager === csa && e.operation === 'Update' && !e.subresource;
    let target = managed.findIndex((e) => e.manager === manager && e.operation === 'Apply' && !e.subresource);
    if (target < 0) {
      target = managed.findIndex(isCsa);
      if (target < 0) continue;
      managed[target] = { ...managed[target], manager, operation: 'Apply' };
    }
    let fields = (managed[target] as Entry).fieldsV1 ?? {};
    for (const e of managed) if (isCsa(e)) fields = union(fields, e.fieldsV1 ?? {});
    // The annotation itself is not the applier's to own (the server keeps it up to date).
    fields = withoutAnnotation(fields);
    managed[target] = { ...managed[target], fieldsV1: fields };
    managed = managed.filter((e) => !isCsa(e));
  }
  return [
    { op: 'test', path: '/metadata/resourceVersion', value: object.metadata.resourceVersion },
    { op: 'replace', path: '/metadata/managedFields', value: managed },
  ];
}
