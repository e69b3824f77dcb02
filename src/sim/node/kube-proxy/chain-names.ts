/**
 * kube-proxy's (iptables mode) chain names: KUBE-SVC-/SVL-/EXT-/FW- share one 16-character hash
 * of the service port name and protocol; KUBE-SEP- hashes the endpoint in too. iptables limits
 * chain names to 28 characters, hence the hash (proxier.go portProtoHash).
 */
import { sha256Base32Prefix16 } from './sha256';
import { boundedMemo } from '../../bounded-memo';

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

/**
 * Names already computed, by hash input. Every node's kube-proxy hashes the same service port and
 * endpoint names, and every full sync hashes them all again (upstream does too); the hash is a
 * pure function of its input, so remembering it changes nothing but the time, and the same name
 * string is shared by every chain and rule that uses it. Emptied when it grows past a bound, so
 * endpoints that come and go over a long run do not pile up.
 */
const MAX_REMEMBERED = 1 << 18;
const portHash = boundedMemo(MAX_REMEMBERED, (input) => sha256Base32Prefix16(input));
/** KUBE-SEP names by service port name, protocol and endpoint: no key string made per look-up. */
const endpointChains = new Map<string, Map<string, EndpointChainNames>>();
let endpointChainCount = 0;


const sepName = (input: string): string => sha256Base32Prefix16(input, servicePortEndpointChainNamePrefix);

const codes: number[] = [];

/** `a + b` as one flat string rather than a cons string (see sha256Base32Prefix16 for why). */
function flatConcat(a: string, b: string): string {
  codes.length = 0;
  for (let i = 0; i < a.length; i++) codes.push(a.charCodeAt(i));
  for (let i = 0; i < b.length; i++) codes.push(b.charCodeAt(i));
  return String.fromCharCode(...codes);
}

/** The four chains of one service port, which share its hash. */
export interface ServicePortChains {
  readonly cluster: string;
  readonly local: string;
  readonly external: string;
  readonly firewall: string;
}

/** By service port name, then protocol: no key string is made for a look-up. */
const portChains = new Map<string, Map<string, ServicePortChains>>();
let portChainCount = 0;

/** KUBE-SVC-/SVL-/EXT-/FW- of a service port, as flat strings shared by every rule that names them. */
export function servicePortChains(servicePortName: string, protocol: string): ServicePortChains {
  const byProtocol = child(portChains, servicePortName);
  let c = byProtocol.get(protocol);
  if (c === undefined) {
    if (++portChainCount > MAX_REMEMBERED) {
      portChains.clear();
      portChainCount = 0;
    }
    const hash = portProtoHash(servicePortName, protocol);
    c = {
      cluster: flatConcat(servicePortPolicyClusterChainNamePrefix, hash),
      local: flatConcat(servicePortPolicyLocalChainNamePrefix, hash),
      external: flatConcat(serviceExternalChainNamePrefix, hash),
      firewall: flatConcat(serviceFirewallChainNamePrefix, hash),
    };
    byProtocol.set(protocol, c);
  }
  return c;
}

/** base32(sha256(servicePortName + protocol))[:16]; protocol is lower case (`tcp`). */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return portHash(servicePortName + protocol);
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

function child<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = new Map<string, V>()));
  return v;
}

/** `endpoint` is net.JoinHostPort(ip, port): `10.1.2.3:80`, `[fd00::1]:80`. */
export function servicePortEndpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return servicePortEndpointChainNames(servicePortName, protocol).name(endpoint);
}

/**
 * The KUBE-SEP names of one service port's endpoints. One per service port, kept by the memo, so
 * that the rules of a service port can hold it and name an endpoint's chain with one look-up.
 */
export class EndpointChainNames {
  private readonly byEndpoint = new Map<string, string>();

  constructor(
    private readonly servicePortName: string,
    private readonly protocol: string,
  ) {}

  /** servicePortEndpointChainName of this service port and `endpoint`. */
  name(endpoint: string): string {
    let name = this.byEndpoint.get(endpoint);
    if (name === undefined) {
      if (++endpointChainCount > MAX_REMEMBERED) {
        endpointChains.clear();
        endpointChainCount = 0;
      }
      name = sepName(this.servicePortName + this.protocol + endpoint);
      this.byEndpoint.set(endpoint, name);
    }
    return name;
  }
}

export function servicePortEndpointChainNames(servicePortName: string, protocol: string): EndpointChainNames {
  const byProtocol = child(endpointChains, servicePortName);
  let names = byProtocol.get(protocol);
  if (names === undefined) byProtocol.set(protocol, (names = new EndpointChainNames(servicePortName, protocol)));
  return names;
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
