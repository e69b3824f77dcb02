/**
 * Validation of the smaller core/v1 objects (pkg/apis/core/validation/validation.go): ConfigMap
 * and Secret keys and sizes, immutable ConfigMaps/Secrets, Secret types' required keys,
 * Namespace names and finalizers, Node taints, ResourceQuota hard limits and LimitRange
 * min/max/default ordering.
 */
import { duplicate, FieldPath, forbidden, invalid, notSupported, required, tooLongBytes, withDetail, type FieldError } from '../field-errors';
import type { KubeObject } from '../kube-object';
import type { Quantity } from '../quantity';
import { isConfigMapKey, isQualifiedName, isValidLabelValue, nameIsDNSLabel, nameIsDNSSubdomain } from './name-rules';
import { deepEqual, validateImmutableField, validateLabelName, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { quantityOf, validateResourceQuantityValue } from './resources';
import { list, obj, objList, str } from './json-access';

const MAX_SECRET_SIZE = 1024 * 1024;

/** base64 decoded length, for the size limit. */
const decodedLength = (b64: string): number => Math.floor((b64.replace(/=+$/, '').length * 3) / 4);

export function validateConfigMap(cm: KubeObject): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain);
  const data = obj(cm['data']);
  const binary = obj(cm['binaryData']);
  let size = 0;
  for (const [key, value] of Object.entries(data)) {
    for (const m of isConfigMapKey(key)) errs.push(invalid(FieldPath.root('data').key(key), key, m));
    if (key in binary) errs.push(invalid(FieldPath.root('data').key(key), key, 'duplicate of key present in binaryData'));
    size += str(value).length;
  }
  for (const [key, value] of Object.entries(binary)) {
    for (const m of isConfigMapKey(key)) errs.push(invalid(FieldPath.root('binaryData').key(key), key, m));
    size += decodedLength(str(value));
  }
  if (size > MAX_SECRET_SIZE) errs.push(tooLongBytes(FieldPath.root(''), MAX_SECRET_SIZE));
  return errs;
}

function validateImmutableData(object: KubeObject, old: KubeObject, fields: readonly string[]): FieldError[] {
  if (old['immutable'] !== true) return [];
  const errs: FieldError[] = [];
  if (object['immutable'] !== true) errs.push(forbidden(FieldPath.root('immutable'), 'field is immutable when `immutable` is set'));
  for (const f of fields) if (!deepEqual(object[f], old[f])) errs.push(forbidden(FieldPath.root(f), 'field is immutable when `immutable` is set'));
  return errs;
}

export function validateConfigMapUpdate(cm: KubeObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(cm.metadata, old.metadata), ...validateImmutableData(cm, old, ['data', 'binaryData']), ...validateConfigMap(cm)];
}

export function validateSecret(secret: KubeObject): FieldError[] {
  const errs = validateObjectMeta(secret.metadata, true, nameIsDNSSubdomain);
  const dataPath = FieldPath.root('data');
  const data = obj(secret['data']);
  let size = 0;
  for (const [key, value] of Object.entries(data)) {
    for (const m of isConfigMapKey(key)) errs.push(invalid(dataPath.key(key), key, m));
    size += decodedLength(str(value));
  }
  if (size > MAX_SECRET_SIZE) errs.push(tooLongBytes(dataPath, MAX_SECRET_SIZE));
  const need = (...keys: string[]): void => {
    for (const k of keys) if (!(k in data)) errs.push(required(dataPath.key(k)));
  };
  switch (str(secret['type'])) {
    case 'kubernetes.io/service-account-token':
      if (!secret.metadata.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(required(FieldPath.root('metadata').child('annotations').key('kubernetes.io/service-account.name')));
      }
      break;
    case 'kubernetes.io/dockercfg':
      need('.dockercfg');
      break;
    case 'kubernetes.io/dockerconfigjson':
      need('.dockerconfigjson');
      break;
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data)) need('username', 'password');
      break;
    case 'kubernetes.io/ssh-auth':
      if (!str(data['ssh-privatekey'])) errs.push(required(dataPath.key('ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      need('tls.crt', 'tls.key');
      break;
  }
  return errs;
}

export function validateSecretUpdate(secret: KubeObject, old: KubeObject): FieldError[] {
  return [
    ...validateObjectMetaUpdate(secret.metadata, old.metadata),
    ...validateImmutableField(str(secret['type']), str(old['type']), FieldPath.root('type')),
    ...validateImmutableData(secret, old, ['data']),
    ...validateSecret(secret),
  ];
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateNamespace(ns: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
  const path = FieldPath.root('spec').child('finalizers');
  for (const f of list(obj(ns['spec'])['finalizers']).map(str)) {
    for (const m of isQualifiedName(f)) errs.push(invalid(path, f, m));
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) errs.push(invalid(path, f, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateNode(node: KubeObject): FieldError[] {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain);
  const path = FieldPath.root('metadata').child('taints');
  const seen = new Map<string, Set<string>>();
  objList(obj(node['spec'])['taints']).forEach((t, i) => {
    const p = path.index(i);
    const key = str(t['key']);
    const value = str(t['value']);
    const effect = str(t['effect']);
    errs.push(...validateLabelName(key, p.child('key')));
    const msgs = isValidLabelValue(value);
    if (msgs.length) errs.push(invalid(p.child('value'), value, msgs.join(';')));
    if (!effect) errs.push(required(p.child('effect')));
    else if (!TAINT_EFFECTS.includes(effect)) errs.push(notSupported(p.child('effect'), effect, TAINT_EFFECTS));
    const keys = seen.get(effect) ?? new Set<string>();
    if (keys.has(key)) errs.push(withDetail(duplicate(p, t), 'taints must be unique by key and effect pair'));
    keys.add(key);
    seen.set(effect, keys);
  });
  return errs;
}

const STANDARD_QUOTA_RESOURCES = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory',
  'requests.storage', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);

function validateQuotaResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (errs.length) return errs;
  const native = !name.includes('/') || name.includes('kubernetes.io/');
  if (native && !STANDARD_QUOTA_RESOURCES.has(name) && !name.startsWith('count/') && !name.startsWith('hugepages-') && !name.startsWith('requests.hugepages-')) {
    return [invalid(path, name, 'must be a standard resource for quota')];
  }
  return [];
}

export function validateResourceQuota(quota: KubeObject): FieldError[] {
  const errs = validateObjectMeta(quota.metadata, true, nameIsDNSSubdomain);
  const hardPath = FieldPath.root('spec').child('hard');
  for (const [name, raw] of Object.entries(obj(obj(quota['spec'])['hard']))) {
    const p = hardPath.key(name);
    errs.push(...validateQuotaResourceName(name, p));
    const q = quantityOf(raw);
    if (q) errs.push(...validateResourceQuantityValue(name, q, p));
  }
  const scopes = ((obj(quota['spec'])['scopes'] as unknown[] | undefined) ?? []).map(str);
  if ((scopes.includes('BestEffort') && scopes.includes('NotBestEffort')) || (scopes.includes('Terminating') && scopes.includes('NotTerminating'))) {
    errs.push(invalid(FieldPath.root('spec').child('scopes'), scopes, 'conflicting scopes'));
  }
  return errs;
}

const LIMIT_TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'];

export function validateLimitRange(lr: KubeObject): FieldError[] {
  const errs = validateObjectMeta(lr.metadata, true, nameIsDNSSubdomain);
  const limitsPath = FieldPath.root('spec').child('limits');
  const types = new Set<string>();
  objList(obj(lr['spec'])['limits']).forEach((limit, i) => {
    const p = limitsPath.index(i);
    const type = str(limit['type']);
    if (!LIMIT_TYPES.includes(type)) errs.push(notSupported(p.child('type'), type, LIMIT_TYPES));
    if (types.has(type)) errs.push(duplicate(p.child('type'), type));
    types.add(type);
    if (type === 'Pod' && (limit['default'] !== undefined || limit['defaultRequest'] !== undefined)) {
      if (limit['default'] !== undefined) errs.push(forbidden(p.child('default'), 'may not be specified when `type` is \'Pod\''));
      if (limit['defaultRequest'] !== undefined) errs.push(forbidden(p.child('defaultRequest'), 'may not be specified when `type` is \'Pod\''));
    }
    const read = (f: string): Map<string, Quantity> => {
      const m = new Map<string, Quantity>();
      for (const [k, v] of Object.entries(obj(limit[f]))) {
        const q = quantityOf(v);
        if (q) m.set(k, q);
      }
      return m;
    };
    const min = read('min');
    const max = read('max');
    const def = read('default');
    const defReq = read('defaultRequest');
    const keys = new Set([...min.keys(), ...max.keys(), ...def.keys(), ...defReq.keys()]);
    for (const k of keys) {
      const mn = min.get(k);
      const mx = max.get(k);
      const d = def.get(k);
      const dr = defReq.get(k);
      if (mn && mx && mn.cmp(mx) > 0) errs.push(invalid(p.child('min').key(k), mn.toString(), `min value ${mn.toString()} is greater than max value ${mx.toString()}`));
      if (dr && mn && mn.cmp(dr) > 0) errs.push(invalid(p.child('defaultRequest').key(k), dr.toString(), `min value ${mn.toString()} is greater than default request value ${dr.toString()}`));
      if (dr && mx && dr.cmp(mx) > 0) errs.push(invalid(p.child('defaultRequest').key(k), dr.toString(), `default request value ${dr.toString()} is greater than max value ${mx.toString()}`));
      if (dr && d && dr.cmp(d) > 0) errs.push(invalid(p.child('defaultRequest').key(k), dr.toString(), `default request value ${dr.toString()} is greater than default limit value ${d.toString()}`));
      if (d && mn && mn.cmp(d) > 0) errs.push(invalid(p.child('default').key(k), mn.toString(), `min value ${mn.toString()} is greater than default value ${d.toString()}`));
      if (d && mx && d.cmp(mx) > 0) errs.push(invalid(p.child('default').key(k), mx.toString(), `default value ${d.toString()} is greater than max value ${mx.toString()}`));
    }
  });
  return errs;
}
