import { describe, expect, it } from 'vitest';
import { AUDIT_RECORDS_KEPT, AuditLog } from './audit-log';
import type { AuditEvent } from './audit-event';

const event = (i: number): AuditEvent => ({
  auditID: `req-${i}`,
  verb: 'get',
  requestURI: '/api/v1/pods',
  method: 'GET',
  source: 'kubectl',
  userAgent: 'kubectl',
  user: undefined,
  requestReceivedTimestamp: i,
  stageTimestamp: i,
  stages: [],
  annotations: {},
});

describe('AuditLog', () => {
  it('keeps the newest records, oldest first, and tells observers of each', () => {
    const log = new AuditLog();
    const seen: string[] = [];
    log.observe((e) => seen.push(e.auditID));
    for (let i = 0; i < AUDIT_RECORDS_KEPT + 5; i++) log.add(event(i));
    expect(seen).toHaveLength(AUDIT_RECORDS_KEPT + 5);
    expect(log.recent(3).map((e) => e.auditID)).toEqual([`req-${AUDIT_RECORDS_KEPT + 2}`, `req-${AUDIT_RECORDS_KEPT + 3}`, `req-${AUDIT_RECORDS_KEPT + 4}`]);
    expect(log.recent(AUDIT_RECORDS_KEPT * 2)).toHaveLength(AUDIT_RECORDS_KEPT);
    expect(log.recent(AUDIT_RECORDS_KEPT * 2)[0]?.auditID).toBe('req-5');
    expect(log.find('req-4')).toBeUndefined();
    expect(log.find('req-5')?.auditID).toBe('req-5');
  });

  it('returns fewer than asked before it is full', () => {
    const log = new AuditLog();
    log.add(event(1));
    expect(log.recent(10).map((e) => e.auditID)).toEqual(['req-1']);
  });
});
