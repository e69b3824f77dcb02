/**
 * Service validation (ValidateService, ValidateServiceUpdate in
 * pkg/apis/core/validation/validation.go): DNS-1035 names, ports (required unless headless or
 * ExternalName, named when several, valid numbers, protocols, targetPort), type and
 * sessionAffinity values, clusterIP/clusterIPs consistency, and on update that an assigned
 * clusterIP never changes (`may not change once set`).
 */
import { duplicate, FieldPath, forbidden, goLiteral, goQuote, goStringSlice, invalid, notSupported, required, type FieldError } from '../field-errors';
import type { KubeObject } from '../kube-object';
import { isValidPortNum, nameIsDNS1035Label, nameIsDNSSubdomain } from './name-rules';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { validateDNS1123Label, validatePortNumOrName } from './pod';
import { list, num, obj, objList, str, strMap, type JsonObject } from './json-access';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const INTERNAL_TRAFFIC_POLICIES = ['Cluster', 'Local'];

const clusterIPsOf = (spec: JsonObject): string[] => list(spec['clusterIPs']).map(str);
const isHeadless = (spec: JsonObject): boolean => clusterIPsOf(spec)[0] === 'None' || str(spec['clusterIP']) === 'None';

function validateServicePort(sp: JsonObject, requireName: boolean, names: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sp['name']);
  if (requireName && !name) errs.push(required(path.child('name')));
  else if (name) {
    errs.push(...validateDNS1123Label(name, path.child('name')));
    if (names.has(name)) errs.push(duplicate(path.child('name'), name));
    else names.add(name);
  }
  const port = num(sp['port']) ?? 0;
  for (const m of isValidPortNum(port)) errs.push(invalid(path.child('port'), port, m));
  const protocol = str(sp['protocol']);
  if (!protocol) errs.push(required(path.child('protocol')));
  else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(path.child('protocol'), protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(sp['targetPort'], path.child('targetPort')));
  return errs;
}

export function validateService(svc: KubeObject): FieldError[] {
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label);
  const specPath = FieldPath.root('spec');
  const spec = obj(svc['spec']);
  const type = str(spec['type']);
  const ports = objList(spec['ports']);
  const clusterIPs = clusterIPsOf(spec);
  if (ports.length === 0 && !isHeadless(spec) && type !== 'ExternalName') errs.push(required(specPath.child('ports')));
  if ((type === 'LoadBalancer' || type === 'NodePort') && clusterIPs[0] === 'None') {
    errs.push(invalid(specPath.child('clusterIPs').index(0), 'None', `may not be set to 'None' for ${type} services`));
  }
  if (type === 'ExternalName') {
    if (clusterIPs.length) errs.push(forbidden(specPath.child('clusterIPs'), 'may not be set for ExternalName services'));
    const cname = str(spec['externalName']).replace(/\.$/, '');
    if (cname) for (const m of nameIsDNSSubdomain(cname, false)) errs.push(invalid(specPath.child('externalName'), cname, m));
    else errs.push(required(specPath.child('externalName')));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, specPath.child('ports').index(i))));
  if (spec['selector'] !== undefined) errs.push(...validateLabels(strMap(spec['selector']), specPath.child('selector')));
  const affinity = str(spec['sessionAffinity']);
  if (!affinity) errs.push(required(specPath.child('sessionAffinity')));
  else if (!SESSION_AFFINITIES.includes(affinity)) errs.push(notSupported(specPath.child('sessionAffinity'), affinity, SESSION_AFFINITIES));
  if (affinity === 'None' && spec['sessionAffinityConfig'] !== undefined) {
    errs.push(forbidden(specPath.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  }
  if (type !== 'ExternalName') {
    const clusterIP = str(spec['clusterIP']);
    if (clusterIP) {
      if (clusterIPs.length === 0) errs.push(required(specPath.child('clusterIPs')));
      else if (clusterIPs[0] !== clusterIP) errs.push(invalid(specPath.child('clusterIPs'), goStringSlice(clusterIPs), 'first value must match `clusterIP`'));
    } else if (clusterIPs.length) {
      errs.push(invalid(specPath.child('clusterIPs'), goStringSlice(clusterIPs), 'must be empty when `clusterIP` is not specified'));
    }
    const policy = spec['ipFamilyPolicy'];
    if (typeof policy === 'string' && !IP_FAMILY_POLICIES.includes(policy)) errs.push(notSupported(specPath.child('ipFamilyPolicy'), policy, IP_FAMILY_POLICIES));
  }
  if (!type) errs.push(required(specPath.child('type')));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported(specPath.child('type'), type, SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (num(p['nodePort'])) errs.push(forbidden(specPath.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const nodePort = num(p['nodePort']) ?? 0;
    if (!nodePort) return;
    const key = `${str(p['protocol'])}/${nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(specPath.child('ports').index(i).child('nodePort'), nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const protocol = str(p['protocol']);
    const port = num(p['port']) ?? 0;
    const key = `${protocol}/${port}`;
    // Upstream prints the core.ServicePort key it compared with %#v.
    if (seen.has(key)) {
      errs.push(duplicate(specPath.child('ports').index(i), goLiteral(`core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`)));
    }
    seen.add(key);
  });
  const itp = spec['internalTrafficPolicy'];
  if (itp === undefined || itp === null) {
    if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') errs.push(required(specPath.child('internalTrafficPolicy')));
  } else if (!INTERNAL_TRAFFIC_POLICIES.includes(str(itp))) {
    errs.push(notSupported(specPath.child('internalTrafficPolicy'), itp, INTERNAL_TRAFFIC_POLICIES));
  }
  const etp = str(spec['externalTrafficPolicy']);
  const external = type === 'NodePort' || type === 'LoadBalancer' || list(spec['externalIPs']).length > 0;
  if (!external && etp) errs.push(invalid(specPath.child('externalTrafficPolicy'), etp, 'may only be set for externally-accessible services'));
  else if (external && !etp) errs.push(required(specPath.child('externalTrafficPolicy')));
  else if (external && etp !== 'Cluster' && etp !== 'Local') errs.push(notSupported(specPath.child('externalTrafficPolicy'), etp, ['Cluster', 'Local']));
  return errs;
}

/** ValidateServiceUpdate: metadata, clusterIPs that may not change once set, then the service itself. */
export function validateServiceUpdate(svc: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  const spec = obj(svc['spec']);
  const oldSpec = obj(old['spec']);
  if (str(spec['type']) !== 'ExternalName' && str(oldSpec['type']) !== 'ExternalName' && !(isHeadless(spec) && isHeadless(oldSpec))) {
    const next = clusterIPsOf(spec);
    const prev = clusterIPsOf(oldSpec);
    if (next.length === prev.length) {
      prev.forEach((ip, i) => {
        if (ip !== next[i]) errs.push(invalid(FieldPath.root('spec').child('clusterIPs').index(i), goStringSlice(next), 'may not change once set'));
      });
    } else if (next.length < prev.length && next.length > 0 && next[0] !== prev[0]) {
      errs.push(invalid(FieldPath.root('spec').child('clusterIPs').index(0), goStringSlice(next), 'may not change once set'));
    }
    // An update that leaves clusterIP out keeps the allocated one: the service strategy's
    // patchAllocatedValues copies it before validation, so an empty list is not a change.
  }
  return [...errs, ...validateService(svc)];
}
