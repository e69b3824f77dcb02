/**
 * kustomize's builtin transformers a kustomization's fields configure, with the field specs of
 * api/konfig/builtinpluginconsts: namespace (metadata/namespace of namespaced objects, and the
 * default-namespace ServiceAccount subjects of role bindings), namePrefix/nameSuffix (not on
 * Namespaces, CRDs or APIServices), commonLabels and labels (metadata, and with
 * includeSelectors the selectors and pod templates, as commonLabels always does),
 * commonAnnotations (metadata and pod templates), replicas (spec/replicas of the four scalable
 * kinds, matched by any name the resource has had) and images (every containers[].image and
 * initContainers[].image, as the ImageTagTransformer's legacy filter walks them).
 */
import type { Image, Kustomization, Label, Replica, StringMap } from './kustomization';
import { KustomizeError } from './kustomization';
import { groupVersionOf, isClusterScoped, isMap, kindOf, metadataOf, nameOf, rename, gvkString, type KObject, type Resource } from './resource';

/** types.FieldSpec: a path (`[]` for every element of a list) on the kinds it names. */
interface FieldSpec {
  readonly path: string;
  readonly create: boolean;
  readonly kind?: string;
  readonly group?: string;
  readonly version?: string;
}

const spec = (path: string, create: boolean, kind?: string, group?: string, version?: string): FieldSpec => ({
  path,
  create,
  ...(kind ? { kind } : {}),
  ...(group ? { group } : {}),
  ...(version ? { version } : {}),
});

/** builtinpluginconsts commonLabels: the selectors. */
const SELECTOR_SPECS: readonly FieldSpec[] = [
  spec('spec/selector', true, 'Service', undefined, 'v1'),
  spec('spec/selector', true, 'ReplicationController', undefined, 'v1'),
  spec('spec/selector/matchLabels', true, 'Deployment'),
  spec('spec/selector/matchLabels', true, 'ReplicaSet'),
  spec('spec/selector/matchLabels', true, 'DaemonSet'),
  spec('spec/selector/matchLabels', true, 'StatefulSet', 'apps'),
  spec('spec/selector/matchLabels', false, 'Job', 'batch'),
  spec('spec/jobTemplate/spec/selector/matchLabels', false, 'CronJob', 'batch'),
  spec('spec/selector/matchLabels', false, 'PodDisruptionBudget', 'policy'),
  spec('spec/podSelector/matchLabels', false, 'NetworkPolicy', 'networking.k8s.io'),
];

/** builtinpluginconsts templateLabels (and commonLabels' template paths). */
const TEMPLATE_LABEL_SPECS: readonly FieldSpec[] = [
  spec('spec/template/metadata/labels', true, 'ReplicationController', undefined, 'v1'),
  spec('spec/template/metadata/labels', true, 'Deployment'),
  spec('spec/template/metadata/labels', true, 'ReplicaSet'),
  spec('spec/template/metadata/labels', true, 'DaemonSet'),
  spec('spec/template/metadata/labels', true, 'StatefulSet', 'apps'),
  spec('spec/volumeClaimTemplates[]/metadata/labels', true, 'StatefulSet', 'apps'),
  spec('spec/template/metadata/labels', true, 'Job', 'batch'),
  spec('spec/jobTemplate/metadata/labels', true, 'CronJob', 'batch'),
  spec('spec/jobTemplate/spec/template/metadata/labels', true, 'CronJob', 'batch'),
];

/** builtinpluginconsts commonAnnotations. */
const ANNOTATION_SPECS: readonly FieldSpec[] = [
  spec('metadata/annotations', true),
  spec('spec/template/metadata/annotations', true, 'ReplicationController', undefined, 'v1'),
  spec('spec/template/metadata/annotations', true, 'Deployment'),
  spec('spec/template/metadata/annotations', true, 'ReplicaSet'),
  spec('spec/template/metadata/annotations', true, 'DaemonSet'),
  spec('spec/template/metadata/annotations', true, 'StatefulSet', 'apps'),
  spec('spec/template/metadata/annotations', true, 'Job', 'batch'),
  spec('spec/jobTemplate/metadata/annotations', true, 'CronJob', 'batch'),
  spec('spec/jobTemplate/spec/template/metadata/annotations', true, 'CronJob', 'batch'),
];

/** builtinpluginconsts replicas. */
const REPLICA_KINDS = ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'];

/** Gvk.IsSelected: an empty part of the spec's gvk matches anything. */
function applies(fs: FieldSpec, o: KObject): boolean {
  const { group, version } = groupVersionOf(o);
  return (!fs.kind || fs.kind === kindOf(o)) && (!fs.group || fs.group === group) && (!fs.version || fs.version === version);
}

/** Call `set` on the map at the spec's path in `o`, making the path when the spec creates it. */
function visitMaps(node: unknown, parts: readonly string[], create: boolean, set: (m: KObject) => void): void {
  if (!isMap(node)) return;
  const [head, ...rest] = parts;
  if (head === undefined) return;
  const each = head.endsWith('[]');
  const key = each ? head.slice(0, -2) : head;
  if (each) {
    const list = node[key];
    if (Array.isArray(list)) for (const item of list) visitMaps(item, rest, create, set);
    return;
  }
  if (!isMap(node[key])) {
    if (!create || (node[key] !== undefined && node[key] !== null)) return;
    node[key] = {};
  }
  if (rest.length === 0) set(node[key] as KObject);
  else visitMaps(node[key], rest, create, set);
}

function addPairs(resources: readonly Resource[], specs: readonly FieldSpec[], pairs: StringMap): void {
  for (const r of resources) {
    for (const fs of specs) {
      if (!applies(fs, r.object)) continue;
      visitMaps(r.object, fs.path.split('/'), fs.create, (m) => Object.assign(m, pairs));
    }
  }
}

/** LabelTransformer for commonLabels and each `labels` entry. */
export function addLabels(resources: readonly Resource[], k: Kustomization): void {
  const sets: Label[] = [...(k.commonLabels ? [{ pairs: k.commonLabels, includeSelectors: true }] : []), ...(k.labels ?? [])];
  for (const label of sets) {
    if (!label.pairs || Object.keys(label.pairs).length === 0) continue;
    const specs: FieldSpec[] = [spec('metadata/labels', true)];
    if (label.includeSelectors) specs.push(...SELECTOR_SPECS, ...TEMPLATE_LABEL_SPECS);
    else if (label.includeTemplates) specs.push(...TEMPLATE_LABEL_SPECS);
    addPairs(resources, specs, label.pairs);
  }
}

export function addAnnotations(resources: readonly Resource[], annotations: StringMap | undefined): void {
  if (annotations && Object.keys(annotations).length > 0) addPairs(resources, ANNOTATION_SPECS, annotations);
}

/** NamespaceTransformer with its default setRoleBindingSubjects: defaultOnly. */
export function setNamespace(resources: readonly Resource[], namespace: string | undefined): void {
  if (!namespace) return;
  for (const r of resources) {
    if (isClusterScoped(r.object)) {
      if (kindOf(r.object) !== 'ClusterRoleBinding') continue;
    } else {
      metadataOf(r.object)['namespace'] = namespace;
    }
    if (!['RoleBinding', 'ClusterRoleBinding'].includes(kindOf(r.object)) || !Array.isArray(r.object['subjects'])) continue;
    for (const subject of r.object['subjects']) {
      if (!isMap(subject) || subject['kind'] !== 'ServiceAccount') continue;
      if (subject['namespace'] === undefined || subject['namespace'] === 'default') subject['namespace'] = namespace;
    }
  }
}

/** PrefixTransformer / SuffixTransformer, which skip prefixSuffixFieldSpecsToSkip. */
export function addNameAffixes(resources: readonly Resource[], prefix: string | undefined, suffix: string | undefined): void {
  if (!prefix && !suffix) return;
  for (const r of resources) {
    const kind = kindOf(r.object);
    if (kind === 'Namespace' || kind === 'CustomResourceDefinition' || (kind === 'APIService' && groupVersionOf(r.object).group === 'apiregistration.k8s.io')) continue;
    rename(r, `${prefix ?? ''}${nameOf(r.object)}${suffix ?? ''}`);
  }
}

export function setReplicas(resources: readonly Resource[], replicas: readonly Replica[] | undefined): void {
  for (const replica of replicas ?? []) {
    const name = replica.name ?? '';
    const matched = resources.filter((r) => REPLICA_KINDS.includes(kindOf(r.object)) && r.names.includes(name));
    if (matched.length === 0) {
      throw new KustomizeError(`resource with name ${name} does not match a config with the following GVK [${REPLICA_KINDS.map((k) => gvkString(k, '', '')).join(' ')}]`);
    }
    for (const r of matched) visitMaps(r.object, ['spec'], true, (m) => (m['replicas'] = replica.count ?? 0));
  }
}

/** image.Split: name, then `:tag` after the last slash, then `@digest`. */
function splitImage(image: string): { name: string; tag: string; digest: string } {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at + 1) : '';
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > withoutDigest.lastIndexOf('/')) return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
  return { name: withoutDigest, tag: '', digest };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** ImageTagUpdater.SetImageValue. */
function newImage(value: string, image: Image): string | undefined {
  // image.IsImageMatched: the name, then an optional @sha256 and :tag. The name is a Go regexp.
  if (!new RegExp(`^${escapeRegExp(image.name ?? '')}(@sha256)?(:[a-zA-Z0-9_.{}-]*)?$`).test(value)) return undefined;
  let { name, tag, digest } = splitImage(value);
  if (image.newName) name = image.newName;
  if (image.newTag && image.digest) [tag, digest] = [image.newTag, image.digest];
  else if (image.newTag) [tag, digest] = [image.newTag, ''];
  else if (image.digest) [tag, digest] = ['', image.digest];
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

function updateImages(node: unknown, image: Image): void {
  if (Array.isArray(node)) {
    for (const item of node) updateImages(item, image);
    return;
  }
  if (!isMap(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const c of value) {
        if (!isMap(c) || typeof c['image'] !== 'string') continue;
        const updated = newImage(c['image'], image);
        if (updated !== undefined) c['image'] = updated;
      }
    }
    updateImages(value, image);
  }
}

export function setImages(resources: readonly Resource[], images: readonly Image[]): void {
  for (const image of images) for (const r of resources) updateImages(r.object, image);
}
