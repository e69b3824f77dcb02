/** What every registry operation knows about the request it serves. */
import type { ResourceInfo } from '../../api/resources';
import type { AuditStage } from '../audit/audit-event';
import type { RequestInfo, UserInfo } from '../request-types';

/**
 * A request's query parameters, read-only: the apiserver parses each distinct query string once
 * and shares the parsed parameters between the requests that send it, so nobody may change them.
 */
export type RequestQuery = Pick<URLSearchParams, 'get' | 'getAll' | 'has'>;

export interface RequestContext {
  readonly info: RequestInfo;
  readonly resource: ResourceInfo;
  readonly user: UserInfo;
  readonly query: RequestQuery;
  readonly stages: AuditStage[];
  readonly requestId: string;
  readonly dryRun: boolean;
  /** Warnings for the client (the Warning header): an unknown field dropped under fieldValidation=Warn. */
  readonly warnings: string[];
  /** The User-Agent header: the field manager of a write that names none (managerOrUserAgent). */
  readonly userAgent?: string;
  /** The subresource a write came through when a handler serves it on the main resource (`scale`): its managedFields entry says so. */
  readonly writeSubresource?: string;
}
