/** storeerr.Interpret*Error: storage errors as the Status errors a client sees. */
import type { ResourceInfo } from '../../api/resources';
import { StorageError } from '../storage/etcd3-store';
import { isEtcdError } from '../../etcd';
import { StatusError, newAlreadyExists, newConflict, newInternalError, newNotFound, newResourceExpired } from '../status';

export function interpretStorageError(error: unknown, resource: ResourceInfo, name: string): StatusError {
  const gr = { group: resource.group, resource: resource.resource };
  if (error instanceof StatusError) return error;
  if (error instanceof StorageError) {
    switch (error.code) {
      case 'KeyExists':
        return newAlreadyExists(gr, name);
      case 'KeyNotFound':
        return newNotFound(gr, name);
      case 'Conflict':
        return newConflict(gr, name);
      case 'Unreachable':
        return newInternalError(error.message);
    }
  }
  if (isEtcdError(error) && error.code === 'OutOfRange') return newResourceExpired(error.message);
  return newInternalError(error instanceof Error ? error.message : String(error));
}
