/**
 * The apiserver's audit backend: keeps the newest records and tells observers as each request
 * completes (the page's requests panel).
 */
import { Ring } from '../../ring';
import type { AuditEvent } from './audit-event';

export const AUDIT_RECORDS_KEPT = 2000;

export class AuditLog {
  private readonly records = new Ring<AuditEvent>(AUDIT_RECORDS_KEPT);
  private readonly observers = new Set<(event: AuditEvent) => void>();

  add(event: AuditEvent): void {
    this.records.push(event);
    for (const observer of this.observers) observer(event);
  }

  observe(observer: (event: AuditEvent) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** The newest `n` records, oldest first. */
  recent(n = 100): AuditEvent[] {
    return this.records.newest(n);
  }

  find(auditID: string): AuditEvent | undefined {
    return this.records.newest().find((r) => r.auditID === auditID);
  }
}
