/**
 * Pod validation (pkg/apis/core/validation/validation.go): ValidatePodCreate, ValidatePodUpdate
 * and ValidatePodTemplateSpec, with the checks a learner meets: containers required, names
 * DNS-1123 labels and unique, image required, ports, env names, volume mounts, pull policy,
 * resources, restartPolicy and dnsPolicy values, tolerations, and the update rule that only images,
 * activeDeadlineSeconds, tolerations (additions) and terminationGracePeriodSeconds may change.
 * Errors are listed in upstream's order, so the aggregate message reads the same.
 */
import { duplicate, FieldPath, forbidden, invalid, notFound, notSupported, required, type FieldError } from '../field-errors';
import type { KubeObject } from '../kube-object';
import { isConfigMapKey, isDNS1123Label, isEnvVarName, isValidLabelValue, isValidPortName, isValidPortNum, inclusiveRangeError, nameIsDNSSubdomain } from './name-rules';
import { deepEqual, validateAnnotations, validateLabelName, validateLabels, validateNonnegative, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { validateContainerResources } from './resources';
import { isObject, list, num, obj, objList, str, strMap, type JsonObject } from './json-access';

const MAX_INT32 = 2147483647;

/** ValidateDNS1123Label as a field check. */
export function validateDNS1123Label(value: string, path: FieldPath): FieldError[] {
  return isDNS1123Label(value).map((msg) => invalid(path, value, msg));
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

const VOLUME_SOURCE_SET: ReadonlySet<string> = new Set(VOLUME_SOURCES);

/** ValidateVolumes: names are unique DNS-1123 labels, each volume has exactly one source. */
function validateVolumes(volumes: JsonObject[], path: FieldPath): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  volumes.forEach((vol, i) => {
    const p = path.index(i);
    // Exactly one source (every volume a valid pod has) needs no list of them.
    let count = 0;
    for (const key of Object.keys(vol)) if (VOLUME_SOURCE_SET.has(key) && vol[key] !== null && vol[key] !== undefined) count++;
    if (count === 0) errs.push(required(p, 'must specify a volume type'));
    if (count > 1) {
      const sources = VOLUME_SOURCES.filter((s) => vol[s] !== undefined && vol[s] !== null);
      for (const extra of sources.slice(1)) errs.push(forbidden(p.child(extra), 'may not specify more than 1 volume type'));
    }
    const name = str(vol['name']);
    if (!name) errs.push(required(p.child('name')));
    else errs.push(...validateDNS1123Label(name, p.child('name')));
    if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    names.add(name);
    const cm = obj(vol['configMap']);
    if (vol['configMap'] !== undefined && !str(cm['name'])) errs.push(required(p.child('configMap', 'name')));
    const secret = obj(vol['secret']);
    if (vol['secret'] !== undefined && !str(secret['secretName'])) errs.push(required(p.child('secret', 'secretName')));
    const pvc = obj(vol['persistentVolumeClaim']);
    if (vol['persistentVolumeClaim'] !== undefined && !str(pvc['claimName'])) errs.push(required(p.child('persistentVolumeClaim', 'claimName')));
  });
  return { names, errs };
}

const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: JsonObject[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = path.index(i);
    const name = str(port['name']);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(p.child('name'), name, m));
      else if (names.has(name)) errs.push(duplicate(p.child('name'), name));
      else names.add(name);
    }
    const containerPort = num(port['containerPort']) ?? 0;
    if (containerPort === 0) errs.push(required(p.child('containerPort')));
    else for (const m of isValidPortNum(containerPort)) errs.push(invalid(p.child('containerPort'), containerPort, m));
    const hostPort = num(port['hostPort']) ?? 0;
    if (hostPort !== 0) for (const m of isValidPortNum(hostPort)) errs.push(invalid(p.child('hostPort'), hostPort, m));
    const protocol = str(port['protocol']);
    if (!protocol) errs.push(required(p.child('protocol')));
    else if (!SUPPORTED_PROTOCOLS.includes(protocol)) errs.push(notSupported(p.child('protocol'), protocol, SUPPORTED_PROTOCOLS));
  });
  return errs;
}

function validateEnv(env: JsonObject[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((ev, i) => {
    const p = path.index(i);
    const name = str(ev['name']);
    if (!name) errs.push(required(p.child('name')));
    else for (const m of isEnvVarName(name)) errs.push(invalid(p.child('name'), name, m));
    if (ev['valueFrom'] !== undefined) {
      const from = obj(ev['valueFrom']);
      const vp = p.child('valueFrom');
      const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => from[k] !== undefined);
      for (const ref of ['configMapKeyRef', 'secretKeyRef']) {
        if (from[ref] === undefined) continue;
        const key = str(obj(from[ref])['key']);
        if (!key) errs.push(required(vp.child(ref, 'key')));
        else for (const m of isConfigMapKey(key)) errs.push(invalid(vp.child(ref, 'key'), key, m));
      }
      if (sources.length === 0) errs.push(invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      else if (str(ev['value'])) errs.push(invalid(vp, '', 'may not be specified when `value` is not empty'));
      else if (sources.length > 1) errs.push(invalid(vp, '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

function validateVolumeMounts(mounts: JsonObject[], volumes: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  mounts.forEach((m, i) => {
    const p = path.index(i);
    const name = str(m['name']);
    const mountPath = str(m['mountPath']);
    if (!name) errs.push(required(p.child('name')));
    if (!volumes.has(name)) errs.push(notFound(p.child('name'), name));
    if (!mountPath) errs.push(required(p.child('mountPath')));
    if (mountPoints.has(mountPath)) errs.push(invalid(p.child('mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
  });
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validateProbe(probe: unknown, path: FieldPath, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!isObject(probe)) return [];
  const errs: FieldError[] = [];
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((h) => probe[h] !== undefined);
  handlers.slice(1).forEach((h) => errs.push(forbidden(path.child(h), 'may not specify more than 1 handler type')));
  if (handlers.length === 0) errs.push(required(path, 'must specify a handler type'));
  const httpGet = obj(probe['httpGet']);
  if (probe['httpGet'] !== undefined) errs.push(...validatePortNumOrName(httpGet['port'], path.child('httpGet', 'port')));
  if (probe['tcpSocket'] !== undefined) errs.push(...validatePortNumOrName(obj(probe['tcpSocket'])['port'], path.child('tcpSocket', 'port')));
  if (probe['exec'] !== undefined && list(obj(probe['exec'])['command']).length === 0) errs.push(required(path.child('exec', 'command')));
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegative(num(probe[f]), path.child(f)));
  }
  const success = num(probe['successThreshold']);
  if (kind !== 'readiness' && success !== undefined && success !== 1) errs.push(invalid(path.child('successThreshold'), success, 'must be 1'));
  return errs;
}

/** ValidatePortNumOrName: an IntOrString port. */
export function validatePortNumOrName(port: unknown, path: FieldPath): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(path, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, port, m));
  return isValidPortNum(0).map((m) => invalid(path, 0, m));
}

/** validateContainerCommon. */
function validateContainerCommon(c: JsonObject, volumes: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c['name']);
  if (!name) errs.push(required(path.child('name')));
  else errs.push(...validateDNS1123Label(name, path.child('name')));
  if (!str(c['image'])) errs.push(required(path.child('image')));
  const tmp = str(c['terminationMessagePolicy']);
  if (!tmp) errs.push(required(path.child('terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(path.child('terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(objList(c['ports']), path.child('ports')));
  errs.push(...validateEnv(objList(c['env']), path.child('env')));
  errs.push(...validateVolumeMounts(objList(c['volumeMounts']), volumes, path.child('volumeMounts')));
  const pull = str(c['imagePullPolicy']);
  if (!pull) errs.push(required(path.child('imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(path.child('imagePullPolicy'), pull, PULL_POLICIES));
  errs.push(...validateContainerResources(c['resources'], path.child('resources')));
  return errs;
}

function validateContainers(containers: JsonObject[], volumes: Set<string>, path: FieldPath): FieldError[] {
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, p));
    const name = str(c['name']);
    if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    else names.add(name);
    errs.push(...validateProbe(c['livenessProbe'], p.child('livenessProbe'), 'liveness'));
    errs.push(...validateProbe(c['readinessProbe'], p.child('readinessProbe'), 'readiness'));
    errs.push(...validateProbe(c['startupProbe'], p.child('startupProbe'), 'startup'));
    if (c['restartPolicy'] !== undefined) errs.push(forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

function validateInitContainers(init: JsonObject[], regular: JsonObject[], volumes: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(regular.map((c) => str(c['name'])));
  init.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, p));
    const restartPolicy = c['restartPolicy'];
    if (restartPolicy !== undefined && restartPolicy !== 'Always') errs.push(notSupported(p.child('restartPolicy'), restartPolicy, ['Always']));
    const name = str(c['name']);
    if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    else if (name) names.add(name);
    if (restartPolicy !== 'Always') {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[f] !== undefined) errs.push(forbidden(p.child(f), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

/** AccumulateUniqueHostPorts across the containers of a pod. */
function checkHostPortConflicts(containers: JsonObject[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    objList(c['ports']).forEach((port, pi) => {
      const hostPort = num(port['hostPort']) ?? 0;
      if (hostPort === 0) return;
      const key = `${str(port['protocol'])}/${str(port['hostIP'])}/${hostPort}`;
      if (seen.has(key)) errs.push(duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** ValidateTolerations. */
export function validateTolerations(tolerations: JsonObject[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const p = path.index(i);
    const key = str(t['key']);
    const operator = str(t['operator']);
    const value = str(t['value']);
    const effect = str(t['effect']);
    if (key) errs.push(...validateLabelName(key, p.child('key')));
    if (!key && operator !== 'Exists') {
      errs.push(invalid(p.child('operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t['tolerationSeconds'] !== undefined && t['tolerationSeconds'] !== null && effect !== 'NoExecute') {
      errs.push(invalid(p.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === 'Equal' || operator === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.push(invalid(p.child('operator'), value, msgs.join(';')));
    } else if (operator === 'Exists') {
      if (value) errs.push(invalid(p.child('operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(p.child('operator'), operator, ['Equal', 'Exists']));
    }
    if (effect && !TAINT_EFFECTS.includes(effect)) errs.push(notSupported(p.child('effect'), effect, TAINT_EFFECTS));
  });
  return errs;
}

/** ValidatePodSpec: also used for the pod templates of workloads. */
export function validatePodSpec(spec: JsonObject, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (spec['terminationGracePeriodSeconds'] === undefined || spec['terminationGracePeriodSeconds'] === null) {
    errs.push(required(path.child('terminationGracePeriodSeconds')));
  }
  const { names: volumes, errs: volErrs } = validateVolumes(objList(spec['volumes']), path.child('volumes'));
  errs.push(...volErrs);
  const containers = objList(spec['containers']);
  errs.push(...validateContainers(containers, volumes, path.child('containers')));
  errs.push(...validateInitContainers(objList(spec['initContainers']), containers, volumes, path.child('initContainers')));
  const restartPolicy = str(spec['restartPolicy']);
  if (!restartPolicy) errs.push(required(path.child('restartPolicy')));
  else if (!RESTART_POLICIES.includes(restartPolicy)) errs.push(notSupported(path.child('restartPolicy'), restartPolicy, RESTART_POLICIES));
  const dnsPolicy = str(spec['dnsPolicy']);
  if (!dnsPolicy) errs.push(required(path.child('dnsPolicy')));
  else if (!DNS_POLICIES.includes(dnsPolicy)) errs.push(notSupported(path.child('dnsPolicy'), dnsPolicy, DNS_POLICIES));
  errs.push(...validateLabels(strMap(spec['nodeSelector']), path.child('nodeSelector')));
  objList(spec['imagePullSecrets']).forEach((s, i) => {
    if (Object.keys(s).some((k) => k !== 'name')) errs.push(invalid(path.child('imagePullSecrets').index(i), s, 'only name may be set'));
  });
  for (const f of ['serviceAccountName', 'nodeName'] as const) {
    const v = str(spec[f]);
    if (v) for (const m of nameIsDNSSubdomain(v, false)) errs.push(invalid(path.child(f), v, m));
  }
  const ads = num(spec['activeDeadlineSeconds']);
  if (ads !== undefined && (ads < 1 || ads > MAX_INT32)) errs.push(invalid(path.child('activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  for (const f of ['hostname', 'subdomain'] as const) {
    const v = str(spec[f]);
    if (v) errs.push(...validateDNS1123Label(v, path.child(f)));
  }
  const tolerations = objList(spec['tolerations']);
  if (tolerations.length) errs.push(...validateTolerations(tolerations, path.child('tolerations')));
  const pcn = str(spec['priorityClassName']);
  if (pcn) for (const m of nameIsDNSSubdomain(pcn, false)) errs.push(invalid(path.child('priorityClassName'), pcn, m));
  const preemption = spec['preemptionPolicy'];
  if (preemption !== undefined && preemption !== null) {
    if (preemption === '') errs.push(required(path.child('preemptionPolicy')));
    else if (preemption !== 'PreemptLowerPriority' && preemption !== 'Never') {
      errs.push(notSupported(path.child('preemptionPolicy'), preemption, ['PreemptLowerPriority', 'Never']));
    }
  }
  return errs;
}

/** ValidatePodTemplateSpec: labels, annotations and the spec of a workload's template. */
export function validatePodTemplateSpec(template: JsonObject, path: FieldPath): FieldError[] {
  const meta = obj(template['metadata']);
  const errs = [...validateLabels(strMap(meta['labels']), path.child('labels')), ...validateAnnotations(strMap(meta['annotations']), path.child('annotations'))];
  const spec = obj(template['spec']);
  errs.push(...validatePodSpec(spec, path.child('spec')));
  if (list(spec['ephemeralContainers']).length) errs.push(forbidden(path.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return errs;
}

/** validatePodMetadataAndSpec plus the pod-only image whitespace check. */
function validatePodMetadataAndSpec(pod: KubeObject): FieldError[] {
  const specPath = FieldPath.root('spec');
  const spec = obj(pod['spec']);
  const errs = [...validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain), ...validatePodSpec(spec, specPath)];
  for (const field of ['containers', 'initContainers'] as const) {
    objList(spec[field]).forEach((c, i) => {
      const image = str(c['image']);
      if (image.length !== image.trim().length) errs.push(invalid(specPath.child(field).index(i).child('image'), image, 'must not have leading or trailing whitespace'));
    });
  }
  return errs;
}

export function validatePodCreate(pod: KubeObject): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  const spec = obj(pod['spec']);
  if (list(spec['ephemeralContainers']).length) errs.push(forbidden(FieldPath.root('spec').child('ephemeralContainers'), 'cannot be set on create'));
  if (str(spec['nodeName']) && list(spec['schedulingGates']).length) {
    errs.push(forbidden(FieldPath.root('spec').child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validateContainerUpdates(next: JsonObject[], old: JsonObject[], path: FieldPath): { errs: FieldError[]; stop: boolean } {
  if (next.length !== old.length) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  next.forEach((c, i) => {
    const image = str(c['image']);
    if (!image) errs.push(required(path.index(i).child('image')));
    if (image.trim().length !== image.length) errs.push(invalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(next: JsonObject[], old: JsonObject[], path: FieldPath): FieldError[] {
  for (const o of old) {
    const found = next.some((n) => deepEqual({ ...o, tolerationSeconds: n['tolerationSeconds'] }, n));
    if (!found) return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, path);
}

/** ValidatePodUpdate. */
export function validatePodUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const specPath = FieldPath.root('spec');
  const errs = [...validateObjectMetaUpdate(pod.metadata, old.metadata), ...validatePodMetadataAndSpec(pod)];
  const spec = obj(pod['spec']);
  const oldSpec = obj(old['spec']);
  for (const field of ['containers', 'initContainers'] as const) {
    const r = validateContainerUpdates(objList(spec[field]), objList(oldSpec[field]), specPath.child(field));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = num(spec['activeDeadlineSeconds']);
  const oldAds = num(oldSpec['activeDeadlineSeconds']);
  if (ads !== undefined) {
    if (ads < 0 || ads > MAX_INT32) return [...errs, invalid(specPath.child('activeDeadlineSeconds'), ads, inclusiveRangeError(0, MAX_INT32))];
    if (oldAds !== undefined && oldAds < ads) return [...errs, invalid(specPath.child('activeDeadlineSeconds'), ads, 'must be less than or equal to previous value')];
  } else if (oldAds !== undefined) {
    errs.push(invalid(specPath.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(objList(spec['tolerations']), objList(oldSpec['tolerations']), specPath.child('tolerations')));
  if (deepEqual(spec, oldSpec)) return errs;

  // Set the fields that may change to their old values; anything still different is forbidden.
  const munged: JsonObject = { ...spec };
  for (const field of ['containers', 'initContainers'] as const) {
    if (spec[field] === undefined) continue;
    munged[field] = objList(spec[field]).map((c, i) => ({ ...c, image: objList(oldSpec[field])[i]?.['image'] }));
  }
  munged['activeDeadlineSeconds'] = oldSpec['activeDeadlineSeconds'];
  munged['schedulingGates'] = oldSpec['schedulingGates'];
  munged['tolerations'] = oldSpec['tolerations'];
  const oldGrace = num(oldSpec['terminationGracePeriodSeconds']);
  if (oldGrace !== undefined && oldGrace < 0 && munged['terminationGracePeriodSeconds'] === 1) munged['terminationGracePeriodSeconds'] = oldGrace;
  if (!deepEqual(munged, oldSpec)) {
    errs.push(forbidden(specPath, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${podSpecDiff(oldSpec, munged)}`));
  }
  return errs;
}

/**
 * ValidatePodStatusUpdate: the metadata update, and a nodeName that only binding may set. The
 * spec is the old one (the status strategy kept it), so it is not validated again. Upstream also
 * checks the status's conditions, container state transitions and pod IPs, which nothing here
 * has checked so far.
 */
export function validatePodStatusUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata);
  if (str(obj(pod['spec'])['nodeName']) !== str(obj(old['spec'])['nodeName'])) errs.push(forbidden(FieldPath.root('status').child('nodeName'), 'may not be changed directly'));
  return errs;
}

/**
 * A short stand-in for the cmp.Diff upstream appends: the PodSpec fields that differ, old value
 * with '-', new with '+'.
 */
function podSpecDiff(old: JsonObject, next: JsonObject): string {
  const lines = ['  core.PodSpec{'];
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])];
  for (const k of keys) {
    if (deepEqual(old[k], next[k])) continue;
    const goName = k.charAt(0).toUpperCase() + k.slice(1);
    if (old[k] !== undefined) lines.push(`- \t${goName}: ${JSON.stringify(old[k])},`);
    if (next[k] !== undefined) lines.push(`+ \t${goName}: ${JSON.stringify(next[k])},`);
  }
  lines.push('  }');
  return lines.join('\n');
}
