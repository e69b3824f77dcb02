/**
 * kube-proxy's (iptables mode) chain names: KUBE-SVC-/SVL-/EXT-/FW- share one 16-character hash
 * of the service port name and protocol; KUBE-SEP- hashes the endpoint in too. iptables limits
 * chain names to 28 characters, hence the hash (proxier.go portProtoHash).
 */
import { sha256Base32Prefix16 } from './sha256';

export const kubeServicesChain = 'KUBE-SERVICES';
export const kubeExternalServicesChain = 'KUBE-EXTERNAL-SERVICES';
export const kubeNodePortsChain = 'KUBE-NODEPORTS';
export const kubePostroutingChain = 'KUBE-POSTROUTING';
export const kubeMarkMasqChain = 'KUBE-MARK-MASQ';
export const kubeForwardChain = 'KUBE-FORWARD';
export const kubeProxyFirewallChain = 'KUBE-PROXY-FIREWALL';
export const kubeletFirewallChain = 'KUBE-FIREWALL';
export const kubeProxyCanaryChain = 'KUBE-PROXY-CANARY';

export const servicePortPolicyClusterChainNamePrefix = 'KUBE-SVC-';
export const servicePortPolicyLocalChainNamePrefix = 'KUBE-SVL-';
export const serviceFirewallChainNamePrefix = 'KUBE-FW-';
export const serviceExternalChainNamePrefix = 'KUBE-EXT-';
export const servicePortEndpointChainNamePrefix = 'KUBE-SEP-';

function hash16(text: string): string {
  return sha256Base32Prefix16(text);
}

/** base32(sha256(servicePortName + protocol))[:16]; protocol is lower case (`tcp`). */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return hash16(servicePortName + protocol);
}

export function servicePortPolicyClusterChain(servicePortName: string, protocol: string): string {
  return servicePortPolicyClusterChainNamePrefix + portProtoHash(servicePortName, protocol);
}

export function servicePortPolicyLocalChainName(servicePortName: string, protocol: string): string {
  return servicePortPolicyLocalChainNamePrefix + portProtoHash(servicePortName, protocol);
}

export function serviceFirewallChainName(servicePortName: string, protocol: string): string {
  return serviceFirewallChainNamePrefix + portProtoHash(servicePortName, protocol);
}

export function serviceExternalChainName(servicePortName: string, protocol: string): string {
  return serviceExternalChainNamePrefix + portProtoHash(servicePortName, protocol);
}

/** `endpoint` is net.JoinHostPort(ip, port): `10.1.2.3:80`, `[fd00::1]:80`. */
export function servicePortEndpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return servicePortEndpointChainNamePrefix + hash16(servicePortName + protocol + endpoint);
}

const SERVICE_CHAIN_PREFIXES = [
  servicePortPolicyClusterChainNamePrefix,
  servicePortPolicyLocalChainNamePrefix,
  servicePortEndpointChainNamePrefix,
  serviceFirewallChainNamePrefix,
  serviceExternalChainNamePrefix,
];

export function isServiceChainName(chain: string): boolean {
  for (const p of SERVICE_CHAIN_PREFIXES) if (chain.startsWith(p)) return true;
  return false;
}
