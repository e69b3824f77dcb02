/**
 * Container resource requirements (validateResourceRequirements in
 * pkg/apis/core/validation/validation.go): standard resource names, non-negative quantities,
 * integer-only resources, and requests ≤ limits (`must be less than or equal to cpu limit of 1`).
 */
import { FieldPath, goLiteral, invalid, required, type FieldError } from '../field-errors';
import { quantityFromJSON, Quantity } from '../quantity';
import { isQualifiedName } from './name-rules';
import { obj } from './json-access';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const IS_NEGATIVE = 'must be greater than or equal to 0';

/** Resources that cannot be overcommitted: not native (no '/' or kubernetes.io/) and hugepages. */
function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !name.startsWith('hugepages-');
}

const INTEGER_RESOURCES = new Set(['pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);

const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');

/** helper.IsIntegerResourceName: object counts and extended resources (`example.com/gpu`). */
export function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || (!isNativeResource(name) && !name.startsWith('requests.'));
}

function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const msgs = isQualifiedName(name);
  if (msgs.length) return msgs.map((msg) => invalid(path, name, msg));
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) return [invalid(path, name, 'must be a standard resource for containers')];
  }
  return [];
}

/** Parse a quantity found in an object; an unparsable one has been rejected at decode time. */
export function quantityOf(v: unknown): Quantity | undefined {
  try {
    return quantityFromJSON(v);
  } catch {
    return undefined;
  }
}

/** ValidateResourceQuantityValue: non-negative, and whole for integer resources. */
export function validateResourceQuantityValue(name: string, q: Quantity, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (q.sign() < 0) errs.push(invalid(path, q.toString(), IS_NEGATIVE));
  if (isIntegerResourceName(name) && q.milliValueBig() % 1000n !== 0n) errs.push(invalid(path, goLiteral(q.toString()), 'must be an integer'));
  return errs;
}

export function validateContainerResources(resources: unknown, path: FieldPath): FieldError[] {
  const r = obj(resources);
  const limits = obj(r['limits']);
  const requests = obj(r['requests']);
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  const errs: FieldError[] = [];
  for (const name of Object.keys(limits)) {
    const raw = limits[name];
    const p = limPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityOf(raw);
    if (q) errs.push(...validateResourceQuantityValue(name, q, p));
  }
  for (const name of Object.keys(requests)) {
    const raw = requests[name];
    const p = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityOf(raw);
    if (!q) continue;
    errs.push(...validateResourceQuantityValue(name, q, p));
    const limitRaw = limits[name];
    if (limitRaw !== undefined) {
      const limit = quantityOf(limitRaw);
      if (!limit) continue;
      if (q.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (q.cmp(limit) > 0) {
        errs.push(invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}
