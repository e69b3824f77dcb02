/**
 * The audit trail: one record per request, shaped like audit.k8s.io/v1 Event (auditID, verb,
 * user, objectRef, responseStatus, timestamps, annotations) plus the stages the request went
 * through in order (authentication, authorization, each admission plugin, validation, etcd),
 * each passed, failed, mutated or skipped, so the page can draw the request's journey.
 */
import type { UserInfo } from '../request-types';

export type StageOutcome = 'passed' | 'failed' | 'mutated' | 'skipped';

export interface AuditStage {
  /** "authentication", "authorization", "admission: LimitRanger (mutating)", "validation", "etcd". */
  readonly name: string;
  readonly outcome: StageOutcome;
  readonly detail?: string;
  /** Virtual ms when the stage ran. */
  readonly at: number;
}

export interface AuditObjectRef {
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly apiGroup?: string;
  readonly apiVersion?: string;
  readonly subresource?: string;
}

export interface AuditEvent {
  readonly auditID: string;
  readonly verb: string;
  readonly requestURI: string;
  readonly method: string;
  /** The component that sent it ("kubelet/node-1", "kubectl"). */
  readonly source: string;
  readonly userAgent: string;
  user: UserInfo | undefined;
  impersonatedUser?: UserInfo;
  /** Completed from the decoded body where the URL lacks a part (a create's name), as audit.LogRequestObject does. */
  objectRef?: AuditObjectRef;
  responseStatus?: { code: number; reason?: string; message?: string };
  readonly requestReceivedTimestamp: number;
  stageTimestamp: number;
  readonly stages: AuditStage[];
  readonly annotations: Record<string, string>;
}
