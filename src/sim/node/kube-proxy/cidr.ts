/** IPv4 CIDR membership for kube-proxy's decisions (is the node inside a source range?). */
import { addressContains, parseAddress } from '../netfilter/rule';

export function addressInCIDR(ip: string, cidr: string): boolean {
  try {
    return addressContains(parseAddress(cidr, false), ip);
  } catch {
    return false;
  }
}
