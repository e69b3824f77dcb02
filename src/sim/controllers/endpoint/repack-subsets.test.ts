/**
 * Endpoints subsets as pkg/api/v1/endpoints RepackSubsets and the controller's truncateEndpoints
 * shape them (cases after util_test.go and endpoints_controller_test.go): addresses sorted by IP,
 * a pod's ports merged into one subset, ready winning over not-ready, pods offering different
 * ports in different subsets, and over 1000 addresses cut not-ready first.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointSubset } from 'kubernetes-types/core/v1';
import { repackSubsets, truncateEndpoints } from './repack-subsets';

const addr = (ip: string) => ({ ip, targetRef: { kind: 'Pod', name: `p-${ip}`, uid: `u-${ip}` } });

describe('repackSubsets', () => {
  it('merges one address per subset per port into one subset sorted by IP', () => {
    const subsets: EndpointSubset[] = [
      { addresses: [addr('10.244.2.5')], ports: [{ port: 8080, protocol: 'TCP' }] },
      { addresses: [addr('10.244.1.7')], ports: [{ port: 8080, protocol: 'TCP' }] },
      { addresses: [addr('10.244.1.10')], ports: [{ port: 8080, protocol: 'TCP' }] },
    ];
    expect(repackSubsets(subsets)).toEqual([{ addresses: [addr('10.244.1.10'), addr('10.244.1.7'), addr('10.244.2.5')], ports: [{ port: 8080, protocol: 'TCP' }] }]);
  });

  it('keeps ready and not-ready addresses apart, ready winning for the same pod', () => {
    const subsets: EndpointSubset[] = [
      { addresses: [addr('1.1.1.1')], ports: [{ name: 'a', port: 80, protocol: 'TCP' }] },
      { notReadyAddresses: [addr('1.1.1.2')], ports: [{ name: 'a', port: 80, protocol: 'TCP' }] },
      { notReadyAddresses: [addr('1.1.1.1')], ports: [{ name: 'a', port: 80, protocol: 'TCP' }] },
    ];
    expect(repackSubsets(subsets)).toEqual([{ addresses: [addr('1.1.1.1')], notReadyAddresses: [addr('1.1.1.2')], ports: [{ name: 'a', port: 80, protocol: 'TCP' }] }]);
  });

  it('puts pods offering different ports in different subsets', () => {
    const subsets: EndpointSubset[] = [
      { addresses: [addr('1.1.1.1')], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
      { addresses: [addr('1.1.1.1')], ports: [{ name: 'metrics', port: 9090, protocol: 'TCP' }] },
      { addresses: [addr('1.1.1.2')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
    ];
    expect(repackSubsets(subsets)).toEqual([
      { addresses: [addr('1.1.1.1')], ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' }] },
      { addresses: [addr('1.1.1.2')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
    ]);
  });

  it('keeps a headless Service without ports', () => {
    expect(repackSubsets([{ addresses: [addr('1.1.1.1')], ports: [] }])).toEqual([{ addresses: [addr('1.1.1.1')] }]);
  });
});

describe('truncateEndpoints', () => {
  const many = (n: number, base: number) => Array.from({ length: n }, (_, i) => addr(`10.${base}.${Math.floor(i / 250)}.${i % 250}`));
  it('leaves 1000 addresses alone', () => {
    expect(truncateEndpoints([{ addresses: many(1000, 1) }])).toBe(false);
  });
  it('cuts not-ready addresses first', () => {
    const subsets: EndpointSubset[] = [{ addresses: many(800, 1), notReadyAddresses: many(400, 2) }];
    expect(truncateEndpoints(subsets)).toBe(true);
    expect([subsets[0]?.addresses?.length, subsets[0]?.notReadyAddresses?.length]).toEqual([800, 200]);
  });
  it('cuts ready addresses proportionally when they alone are too many', () => {
    const subsets: EndpointSubset[] = [{ addresses: many(900, 1), notReadyAddresses: many(10, 3) }, { addresses: many(300, 2) }];
    expect(truncateEndpoints(subsets)).toBe(true);
    expect(subsets.map((s) => [s.addresses?.length, s.notReadyAddresses?.length])).toEqual([
      [750, 0],
      [250, 0],
    ]);
  });
});
