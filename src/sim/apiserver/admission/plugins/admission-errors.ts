/**
 * The error helpers admission plugins share, ported from k8s.io/apiserver pkg/admission
 * (errors.go: NewForbidden, extractResourceName) and apimachinery's error aggregate
 * (util/errors: NewAggregate's Error()). status.ts has the Status constructors; these add the
 * admission-specific naming rule: the attributes' name, else the object's name or generateName,
 * else "Unknown".
 */
import type { StatusCause } from '../../../api/status';
import { newForbidden, type StatusError } from '../../status';
import type { AdmissionAttributes } from '../types';

/** extractResourceName: the name admission errors are reported under. */
export function admissionResourceName(a: AdmissionAttributes): string {
  if (a.name) return a.name;
  const meta = a.object?.metadata;
  if (meta?.name) return meta.name;
  if (meta?.generateName) return meta.generateName;
  return 'Unknown';
}

/** admission.NewForbidden: `<resource> "<name>" is forbidden: <reason>` (403). */
export function newAdmissionForbidden(a: AdmissionAttributes, reason: string, causes?: StatusCause[]): StatusError {
  const error = newForbidden({ group: a.resource.group, resource: a.resource.resource }, admissionResourceName(a), reason);
  if (causes?.length && error.status.details) error.status.details.causes = [...(error.status.details.causes ?? []), ...causes];
  return error;
}
