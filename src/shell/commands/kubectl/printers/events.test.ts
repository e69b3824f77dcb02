import { describe, expect, it } from 'vitest';
import { virtualMsOf } from '../../../../sim/api/time';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { noEventsFound, printEvents } from './events';

const now = virtualMsOf('2025-01-01T12:00:00Z');

function event(fields: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' }, ...fields } as KubeObject;
}

const scheduled = event({
  type: 'Normal',
  reason: 'Scheduled',
  message: 'Successfully assigned default/web to node-1',
  involvedObject: { kind: 'Pod', name: 'web' },
  eventTime: '2025-01-01T11:55:00.000000Z',
  reportingComponent: 'default-scheduler',
});
const backoff = event({
  metadata: { name: 'b', namespace: 'kube-system' },
  type: 'Warning',
  reason: 'BackOff',
  message: 'Back-off restarting failed container app in pod web_default(u1)\n',
  involvedObject: { kind: 'Pod', name: 'crash' },
  firstTimestamp: '2025-01-01T11:55:00Z',
  lastTimestamp: '2025-01-01T11:59:54Z',
  count: 7,
});
const series = event({
  type: 'Warning',
  reason: 'FailedScheduling',
  message: '0/3 nodes are available: 3 Insufficient cpu.',
  involvedObject: { kind: 'Pod', name: 'big' },
  eventTime: '2025-01-01T11:50:00.000000Z',
  series: { count: 4, lastObservedTime: '2025-01-01T11:58:00.000000Z' },
});

describe('kubectl events', () => {
  it('prints events oldest first with their intervals, OBJECT as Kind/name', () => {
    expect(printEvents([backoff, series, scheduled], { nowMs: now })).toBe(
      [
        'LAST SEEN          TYPE      REASON             OBJECT      MESSAGE',
        '5m                 Normal    Scheduled          Pod/web     Successfully assigned default/web to node-1',
        '2m (x4 over 10m)   Warning   FailedScheduling   Pod/big     0/3 nodes are available: 3 Insufficient cpu.',
        '6s (x7 over 5m)    Warning   BackOff            Pod/crash   Back-off restarting failed container app in pod web_default(u1)',
        '',
      ].join('\n'),
    );
  });

  it('adds the NAMESPACE column with -A and says when there are none', () => {
    expect(printEvents([backoff], { nowMs: now, allNamespaces: true }).split('\n')[1]).toMatch(/^kube-system {3}6s \(x7 over 5m\)/);
    expect(printEvents([], { nowMs: now })).toBe('');
    expect(noEventsFound('default')).toBe('No events found in default namespace.\n');
  });
});
