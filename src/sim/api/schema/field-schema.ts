/**
 * The field schema of the kinds we serve: for each Kubernetes type, its JSON field names and the
 * type of each, as the Go structs declare them. Loaded from field-schema.json, which
 * scripts/generate-field-schema.ts derives from `kubernetes-types` (the Kubernetes OpenAPI spec);
 * regenerate with `npm run generate:schema`, never edit the JSON by hand.
 */
import schemaJson from './field-schema.json';

interface FieldSchemaFile {
  readonly kinds: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly scalars: Readonly<Record<string, string>>;
  readonly opaque: readonly string[];
  readonly types: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const schema: FieldSchemaFile = schemaJson;
const opaque = new Set(schema.opaque);

/** What a field holds, as far as the decoder's walk is concerned. */
export type FieldType =
  | { readonly kind: 'struct'; readonly id: string; readonly fields: Readonly<Record<string, string>> }
  | { readonly kind: 'array'; readonly items: string }
  | { readonly kind: 'map'; readonly values: string }
  /** string, number, boolean, IntOrString, Quantity, Time...: a JSON leaf. */
  | { readonly kind: 'scalar'; readonly name: string }
  /** RawExtension, FieldsV1: Go types that unmarshal themselves and accept any JSON. */
  | { readonly kind: 'opaque'; readonly name: string };

/** The type id of a kind's root object (`core/v1.Pod`), or undefined if we do not serve it. */
export function rootTypeOf(apiVersion: string, kind: string): string | undefined {
  const byKind = Object.hasOwn(schema.kinds, apiVersion) ? schema.kinds[apiVersion] : undefined;
  return byKind && Object.hasOwn(byKind, kind) ? byKind[kind] : undefined;
}

const resolved = new Map<string, FieldType>();

/** Resolves a type reference from the schema (`[]core/v1.Container`, `{}Quantity`, `string`). */
export function fieldType(ref: string): FieldType {
  // Every create and update walks its body through these: resolve each reference once.
  let type = resolved.get(ref);
  if (type === undefined) {
    type = resolve(ref);
    resolved.set(ref, type);
  }
  return type;
}

function resolve(ref: string): FieldType {
  if (ref.startsWith('[]')) return { kind: 'array', items: ref.slice(2) };
  if (ref.startsWith('{}')) return { kind: 'map', values: ref.slice(2) };
  if (opaque.has(ref)) return { kind: 'opaque', name: ref };
  const fields = Object.hasOwn(schema.types, ref) ? schema.types[ref] : undefined;
  if (fields) return { kind: 'struct', id: ref, fields };
  return { kind: 'scalar', name: ref };
}
