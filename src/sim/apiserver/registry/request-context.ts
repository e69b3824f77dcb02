/** What every registry operation knows about the request it serves. */
import type { ResourceInfo } from '../../api/resources';
import type { AuditStage } from '../audit/audit-event';
import type { RequestInfo, UserInfo } from '../request-types';

export interface RequestContext {
  readonly info: RequestInfo;
  readonly resource: ResourceInfo;
  readonly user: UserInfo;
  readonly query: URLSearchParams;
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
