import { describe, expect, it } from 'vitest';
import { parseCondition } from './break-condition';

describe('kubearch break add: conditions', () => {
  it.each([
    [['etcd-write', '/registry/pods/'], { kind: 'etcd-write', prefix: '/registry/pods/' }],
    [['watch', 'pods', 'added'], { kind: 'watch-event', resource: 'pods', type: 'ADDED' }],
    [['watch', 'nodes'], { kind: 'watch-event', resource: 'nodes' }],
    [['request', '--user', 'alice', '--verb=delete'], { kind: 'request', user: 'alice', verb: 'delete' }],
    [['request'], { kind: 'request' }],
    [['pod-phase', 'Running'], { kind: 'pod-phase', phase: 'Running' }],
  ])('%j', (words, condition) => {
    expect(parseCondition(words)).toEqual(condition);
  });

  it.each([
    [['etcd-write'], /^usage: kubearch break add etcd-write PREFIX/],
    [['etcd-write', 'registry/pods'], /^an etcd key prefix starts with '\/'/],
    [['watch', 'Pods'], /^RESOURCE is a resource's plural name/],
    [['watch', 'pods', 'BOOKMARK'], /^unknown watch event type 'BOOKMARK'/],
    [['request', '--group', 'x'], /^unknown flag '--group'/],
    [['request', '--user'], /^--user needs a value$/],
    [['pod-phase', 'running'], /^unknown pod phase 'running' \(phases: Pending, Running/],
    [['kettle'], /^unknown condition 'kettle'/],
    [[], /^usage: /],
  ])('refuses %j', (words, message) => {
    expect(parseCondition(words)).toMatch(message);
  });
});
