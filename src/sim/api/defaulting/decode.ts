/**
 * What the apiserver's decoding does to a body before defaulting, for the fields where JSON and
 * the Go types differ: quantities are parsed and written back in canonical form (`0.5` becomes
 * `500m`, `1024Mi` becomes `1Gi`), and a Secret's stringData is folded into base64 data. A value
 * that cannot be decoded is a DecodeError, which the apiserver answers with 400 BadRequest
 * (`Pod in version "v1" cannot be handled as a Pod: quantities must match ...`).
 */
import { base64Encode, utf8Bytes } from '../../base64';
import type { KubeObject } from '../kube-object';
import { parseQuantity, QuantityParseError } from '../quantity';
import { isObject, list, obj, type JsonObject } from '../validation/json-access';

export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

function canonicalQuantity(v: unknown): unknown {
  if (typeof v !== 'string' && typeof v !== 'number') {
    if (v === undefined || v === null) return v;
    throw new DecodeError(`json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type resource.Quantity`);
  }
  try {
    return parseQuantity(typeof v === 'number' ? String(v) : v.trim()).toString();
  } catch (e) {
    if (e instanceof QuantityParseError) throw new DecodeError(e.message);
    throw e;
  }
}

function canonicalList(v: unknown): unknown {
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, q]) => [k, canonicalQuantity(q)]));
}

function canonicalResources(r: unknown): unknown {
  if (!isObject(r)) return r;
  const out: JsonObject = { ...r };
  if (r['limits'] !== undefined) out['limits'] = canonicalList(r['limits']);
  if (r['requests'] !== undefined) out['requests'] = canonicalList(r['requests']);
  return out;
}

function decodePodSpec(spec: unknown): unknown {
  if (!isObject(spec)) return spec;
  const out: JsonObject = { ...spec };
  for (const f of ['containers', 'initContainers']) {
    if (Array.isArray(spec[f])) out[f] = list(spec[f]).map((c) => (isObject(c) && c['resources'] !== undefined ? { ...c, resources: canonicalResources(c['resources']) } : c));
  }
  if (spec['overhead'] !== undefined) out['overhead'] = canonicalList(spec['overhead']);
  return out;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeSecret(secret: KubeObject): KubeObject {
  const data: JsonObject = { ...obj(secret['data']) };
  for (const v of Object.values(data)) {
    const s = typeof v === 'string' ? v : '';
    if (!BASE64.test(s) || s.length % 4 === 1) {
      const bad = [...s].findIndex((c) => !/[A-Za-z0-9+/=]/.test(c));
      throw new DecodeError(`illegal base64 data at input byte ${bad >= 0 ? bad : s.length}`);
    }
  }
  const { stringData, ...rest } = secret;
  if (isObject(stringData)) for (const [k, v] of Object.entries(stringData)) data[k] = base64Encode(utf8Bytes(String(v)));
  const out: KubeObject = { ...(rest as KubeObject) };
  if (Object.keys(data).length || secret['data'] !== undefined) out['data'] = data;
  return out;
}

/** The decode-time conversions for the object's kind; throws DecodeError. */
export function decodeObject(object: KubeObject): KubeObject {
  switch (object.kind) {
    case 'Pod':
      return { ...object, spec: decodePodSpec(object['spec']) };
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job': {
      const spec = obj(object['spec']);
      if (!isObject(spec['template'])) return object;
      return { ...object, spec: { ...spec, template: { ...spec['template'], spec: decodePodSpec(spec['template']['spec']) } } };
    }
    case 'CronJob': {
      const spec = obj(object['spec']);
      const jobTemplate = obj(spec['jobTemplate']);
      const jobSpec = obj(jobTemplate['spec']);
      if (!isObject(jobSpec['template'])) return object;
      const template = { ...jobSpec['template'], spec: decodePodSpec(jobSpec['template']['spec']) };
      return { ...object, spec: { ...spec, jobTemplate: { ...jobTemplate, spec: { ...jobSpec, template } } } };
    }
    case 'ResourceQuota': {
      const spec = obj(object['spec']);
      return spec['hard'] === undefined ? object : { ...object, spec: { ...spec, hard: canonicalList(spec['hard']) } };
    }
    case 'LimitRange': {
      const spec = obj(object['spec']);
      const limits = list(spec['limits']).map((l) => {
        if (!isObject(l)) return l;
        const out: JsonObject = { ...l };
        for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) if (l[f] !== undefined) out[f] = canonicalList(l[f]);
        return out;
      });
      return spec['limits'] === undefined ? object : { ...object, spec: { ...spec, limits } };
    }
    case 'Secret':
      return decodeSecret(object);
    default:
      return object;
  }
}
