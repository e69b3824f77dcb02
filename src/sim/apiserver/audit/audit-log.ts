/**
 * The apiserver's audit backend: keeps the newest records and tells observers as each request
 * completes (the page's requests panel).
 */
import type { AuditEvent } from './audit-event';

export const AUDIT_RECORDS_KEPT = 2000;

export class AuditLog {
  private readonly records: AuditEvent[] = [];
  private readonly observers = new Set<(event: AuditEvent) => void>();

  add(event: AuditEvent): void {
    this.records.push(event);
    if (this.records.length > AUDIT_RECORDS_KEPT) this.records.splice(0, this.records.length - AUDIT_RECORDS_KEPT);
    for (const observer of this.observers) observer(event);
  }

  observe(observer: (event: AuditEvent) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  recent(n = 100): AuditEvent[] {
    return this.records.slice(-n);
  }

  find(auditID: string): AuditEvent | undefined {
    return this.records.find((r) => r.auditID === auditID);
  }
}
