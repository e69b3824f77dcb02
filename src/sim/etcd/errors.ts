/**
 * The errors etcd answers with, as a client sees them over gRPC: a code and the exact
 * `etcdserver: ...` text of `api/v3rpc/rpctypes/error.go`.
 *
 * Convention for the whole package: every Etcd method THROWS an EtcdError when etcd would answer
 * with a gRPC error; a request that fails throws before changing anything (no revision bump).
 * Nothing else is thrown for bad input.
 */

/** The gRPC status codes etcd uses for these errors. */
export type EtcdErrorCode =
  | 'InvalidArgument'
  | 'OutOfRange'
  | 'NotFound'
  | 'FailedPrecondition'
  | 'ResourceExhausted';

export class EtcdError extends Error {
  constructor(
    readonly code: EtcdErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EtcdError';
  }
}

/** The messages, verbatim from rpctypes (ErrGRPC*). */
export const ErrorMessages = {
  compacted: 'etcdserver: mvcc: required revision has been compacted',
  futureRev: 'etcdserver: mvcc: required revision is a future revision',
  emptyKey: 'etcdserver: key is not provided',
  keyNotFound: 'etcdserver: key not found',
  valueProvided: 'etcdserver: value is provided',
  leaseProvided: 'etcdserver: lease is provided',
  tooManyOps: 'etcdserver: too many operations in txn request',
  duplicateKey: 'etcdserver: duplicate key given in txn request',
  requestTooLarge: 'etcdserver: request is too large',
  leaseNotFound: 'etcdserver: requested lease not found',
  leaseExist: 'etcdserver: lease already exists',
  leaseTTLTooLarge: 'etcdserver: too large lease TTL',
} as const;

export const errCompacted = (): EtcdError => new EtcdError('OutOfRange', ErrorMessages.compacted);
export const errFutureRev = (): EtcdError => new EtcdError('OutOfRange', ErrorMessages.futureRev);
export const errEmptyKey = (): EtcdError => new EtcdError('InvalidArgument', ErrorMessages.emptyKey);
export const errKeyNotFound = (): EtcdError => new EtcdError('InvalidArgument', ErrorMessages.keyNotFound);
export const errValueProvided = (): EtcdError => new EtcdError('InvalidArgument', ErrorMessages.valueProvided);
export const errLeaseProvided = (): EtcdError => new EtcdError('InvalidArgument', ErrorMessages.leaseProvided);
export const errTooManyOps = (): EtcdError => new EtcdError('InvalidArgument', ErrorMessages.tooManyOps);
export const errDuplicateKey = (): EtcdError => new EtcdError('InvalidArgument', ErrorMessages.duplicateKey);
export const errRequestTooLarge = (): EtcdError => new EtcdError('InvalidArgument', ErrorMessages.requestTooLarge);
export const errLeaseNotFound = (): EtcdError => new EtcdError('NotFound', ErrorMessages.leaseNotFound);
export const errLeaseExist = (): EtcdError => new EtcdError('FailedPrecondition', ErrorMessages.leaseExist);
export const errLeaseTTLTooLarge = (): EtcdError => new EtcdError('OutOfRange', ErrorMessages.leaseTTLTooLarge);

export function isEtcdError(error: unknown): error is EtcdError {
  return error instanceof EtcdError;
}
