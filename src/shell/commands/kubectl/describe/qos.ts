/**
 * The pod's QoS class as kubectl computes it when status.qosClass is unset (pkg/apis/core/helper/qos
 * GetPodQOS): BestEffort with no requests or limits, Guaranteed when every container limits cpu
 * and memory with requests equal to limits, Burstable otherwise.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { compareQuantity, parseQuantity } from '../printers/quantity';

const COMPUTE = ['cpu', 'memory'];

export function podQOSClass(pod: Pod): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const containers: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const r of COMPUTE) {
      const req = requests[r] !== undefined ? parseQuantity(String(requests[r])) : undefined;
      const lim = limits[r] !== undefined ? parseQuantity(String(limits[r])) : undefined;
      if ((req && req.nanos !== 0n) || (lim && lim.nanos !== 0n)) any = true;
      if (!lim || lim.nanos === 0n) guaranteed = false;
      else if (req && compareQuantity(req, lim) !== 0) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
