/**
 * RBAC validation (pkg/apis/rbac/validation): Role and ClusterRole rules, RoleBinding and
 * ClusterRoleBinding roleRef and subjects, and roleRef immutability
 * (`roleRef: Invalid value: rbac.RoleRef{...}: cannot change roleRef`). RBAC names are path
 * segments, not DNS names: anything but '.', '..', '/' and '%'.
 */
import { FieldPath, goLiteral, goQuote, invalid, notSupported, required, type FieldError } from '../field-errors';
import type { KubeObject } from '../kube-object';
import { nameIsDNSSubdomain, nameIsPathSegment } from './name-rules';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { list, obj, objList, str, type JsonObject } from './json-access';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function validatePolicyRule(rule: JsonObject, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (list(rule['verbs']).length === 0) errs.push(required(path.child('verbs'), 'verbs must contain at least one value'));
  const urls = list(rule['nonResourceURLs']).map(str);
  if (urls.length) {
    if (namespaced) errs.push(invalid(path.child('nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (list(rule['apiGroups']).length || list(rule['resources']).length || list(rule['resourceNames']).length) {
      errs.push(invalid(path.child('nonResourceURLs'), urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (list(rule['apiGroups']).length === 0) errs.push(required(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  if (list(rule['resources']).length === 0) errs.push(required(path.child('resources'), 'resource rules must supply at least one resource'));
  return errs;
}

export function validateRole(role: KubeObject, namespaced: boolean): FieldError[] {
  const errs = validateObjectMeta(role.metadata, namespaced, nameIsPathSegment);
  objList(role['rules']).forEach((r, i) => errs.push(...validatePolicyRule(r, namespaced, FieldPath.root('rules').index(i))));
  return errs;
}

function validateSubject(subject: JsonObject, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(subject['name']);
  const kind = str(subject['kind']);
  const apiGroup = str(subject['apiGroup']);
  if (!name) errs.push(required(path.child('name')));
  switch (kind) {
    case 'ServiceAccount':
      if (name) for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid(path.child('name'), name, m));
      if (apiGroup !== '') errs.push(notSupported(path.child('apiGroup'), apiGroup, ['']));
      if (!namespaced && !str(subject['namespace'])) errs.push(required(path.child('namespace')));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== RBAC_GROUP) errs.push(notSupported(path.child('apiGroup'), apiGroup, [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(path.child('kind'), kind, ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

export function validateBinding(binding: KubeObject, namespaced: boolean): FieldError[] {
  const errs = validateObjectMeta(binding.metadata, namespaced, nameIsPathSegment);
  const roleRef = obj(binding['roleRef']);
  const refPath = FieldPath.root('roleRef');
  const apiGroup = str(roleRef['apiGroup']);
  if (apiGroup !== RBAC_GROUP) errs.push(notSupported(refPath.child('apiGroup'), apiGroup, [RBAC_GROUP]));
  const kind = str(roleRef['kind']);
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(kind)) errs.push(notSupported(refPath.child('kind'), kind, kinds));
  const name = str(roleRef['name']);
  if (!name) errs.push(required(refPath.child('name')));
  else for (const m of nameIsPathSegment(name, false)) errs.push(invalid(refPath.child('name'), name, m));
  objList(binding['subjects']).forEach((s, i) => errs.push(...validateSubject(s, namespaced, FieldPath.root('subjects').index(i))));
  return errs;
}

export function validateBindingUpdate(binding: KubeObject, old: KubeObject, namespaced: boolean): FieldError[] {
  const errs = validateObjectMetaUpdate(binding.metadata, old.metadata);
  const ref = obj(binding['roleRef']);
  const oldRef = obj(old['roleRef']);
  if (str(ref['apiGroup']) !== str(oldRef['apiGroup']) || str(ref['kind']) !== str(oldRef['kind']) || str(ref['name']) !== str(oldRef['name'])) {
    const printed = goLiteral(`rbac.RoleRef{APIGroup:${goQuote(str(ref['apiGroup']))}, Kind:${goQuote(str(ref['kind']))}, Name:${goQuote(str(ref['name']))}}`);
    errs.push(invalid(FieldPath.root('roleRef'), printed, 'cannot change roleRef'));
  }
  return [...errs, ...validateBinding(binding, namespaced)];
}
