import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { describeLimitRange, describeQuota } from './quotas';

const obj = (kind: string, body: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name: 'demo', namespace: 'ns' }, ...body });

describe('kubectl describe limitrange and resourcequota (describe.go describeLimitRange, describeQuota)', () => {
  it('prints one row per limit type and resource, `-` where the item sets nothing', () => {
    const lr = obj('LimitRange', { spec: { limits: [{ type: 'Container', max: { cpu: '800m', memory: '1Gi' }, min: { cpu: '200m' }, maxLimitRequestRatio: { cpu: '2' } }, { type: 'Pod', max: { memory: '2048Mi' } }] } });
    expect(describeLimitRange(lr)).toBe(
      [
        'Name:       demo',
        'Namespace:  ns',
        'Type        Resource  Min   Max   Default Request  Default Limit  Max Limit/Request Ratio',
        '----        --------  ---   ---   ---------------  -------------  -----------------------',
        'Container   cpu       200m  800m  -                -              2',
        'Container   memory    -     1Gi   -                -              -',
        'Pod         memory    -     2Gi   -                -              -',
        '',
      ].join('\n'),
    );
  });

  it('prints a quota\'s scopes with their help text and its used and hard figures, sorted by resource', () => {
    const quota = obj('ResourceQuota', {
      spec: { hard: { pods: '2', 'requests.cpu': '1' }, scopes: ['NotBestEffort'] },
      status: { hard: { pods: '2', 'requests.cpu': '1' }, used: { pods: '1', 'requests.cpu': '500m' } },
    });
    expect(describeQuota(quota)).toBe(
      [
        // The help line has no tab: it ends tabwriter's column block, so the table aligns on its own.
        'Name:       demo',
        'Namespace:  ns',
        'Scopes:     NotBestEffort',
        ' * Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
        'Resource      Used  Hard',
        '--------      ----  ----',
        'pods          1     2',
        'requests.cpu  500m  1',
        '',
      ].join('\n'),
    );
  });
});
