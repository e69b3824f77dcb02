/**
 * Service defaulting (SetDefaults_Service in pkg/apis/core/v1/defaults.go, plus the IP-family
 * fields the service REST storage fills when it allocates): type ClusterIP, sessionAffinity None,
 * ports with protocol TCP and targetPort = port, internalTrafficPolicy Cluster, and
 * externalTrafficPolicy Cluster for services reachable from outside.
 */
import type { KubeObject } from '../kube-object';
import { isObject, list, obj, str, type JsonObject } from '../validation/json-access';

export function defaultService(svc: KubeObject): KubeObject {
  const spec: JsonObject = { ...obj(svc['spec']) };
  spec['type'] ??= 'ClusterIP';
  spec['sessionAffinity'] ??= 'None';
  if (spec['sessionAffinity'] === 'ClientIP') {
    const cfg = obj(spec['sessionAffinityConfig']);
    const clientIP = obj(cfg['clientIP']);
    spec['sessionAffinityConfig'] = { ...cfg, clientIP: { ...clientIP, timeoutSeconds: clientIP['timeoutSeconds'] ?? 10800 } };
  }
  if (Array.isArray(spec['ports'])) {
    spec['ports'] = list(spec['ports']).map((p) => {
      const port: JsonObject = { ...obj(p) };
      port['protocol'] ??= 'TCP';
      // targetPort left out (or 0 / "") means the same number as port.
      if (port['targetPort'] === undefined || port['targetPort'] === 0 || port['targetPort'] === '') port['targetPort'] = port['port'];
      return port;
    });
  }
  const type = str(spec['type']);
  if (type === 'NodePort' || type === 'LoadBalancer') spec['externalTrafficPolicy'] ??= 'Cluster';
  if (type === 'LoadBalancer') spec['allocateLoadBalancerNodePorts'] ??= true;
  if (type !== 'ExternalName') {
    spec['internalTrafficPolicy'] ??= 'Cluster';
    const headlessWithoutSelector = (spec['clusterIP'] === 'None' || list(spec['clusterIPs'])[0] === 'None') && !isObject(spec['selector']);
    spec['ipFamilyPolicy'] ??= headlessWithoutSelector ? 'RequireDualStack' : 'SingleStack';
    spec['ipFamilies'] ??= ['IPv4'];
  }
  return { ...svc, spec };
}
