/**
 * Pod defaulting (pkg/apis/core/v1/defaults.go): what the apiserver fills in before validation so
 * that `kubectl get pod -o yaml` shows restartPolicy, dnsPolicy, schedulerName,
 * terminationGracePeriodSeconds, imagePullPolicy, terminationMessagePath ... the way a real
 * cluster does. Functions return new objects; nothing is mutated in place.
 */
import type { KubeObject } from '../kube-object';
import { isObject, list, obj, str, type JsonObject } from '../validation/json-access';
import { copyOf, withFields } from '../object-copy';

/** parsers.ParseImageName's tag: `latest` when neither tag nor digest is given. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > lastSlash) return name.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

/** SetDefaults_Container's pull policy. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(probe: unknown): unknown {
  if (!isObject(probe)) return probe;
  const out: JsonObject = copyOf(probe);
  if (isObject(out['httpGet'])) {
    const h = out['httpGet'];
    out['httpGet'] = withFields(h, { path: h['path'] ?? '/', scheme: h['scheme'] ?? 'HTTP' });
  }
  out['timeoutSeconds'] ??= 1;
  out['periodSeconds'] ??= 10;
  out['successThreshold'] ??= 1;
  out['failureThreshold'] ??= 3;
  return out;
}

function defaultEnv(env: unknown): unknown {
  if (!Array.isArray(env)) return env;
  return env.map((e) => {
    const ev = obj(e);
    const from = ev['valueFrom'];
    if (!isObject(from) || !isObject(from['fieldRef'])) return ev;
    return { ...ev, valueFrom: { ...from, fieldRef: { apiVersion: 'v1', ...from['fieldRef'] } } };
  });
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];

/** SetDefaults_Container and SetDefaults_ContainerPort, plus requests defaulted from limits (SetDefaults_Pod). */
export function defaultContainer(c: JsonObject, hostNetwork: boolean, isPod: boolean): JsonObject {
  // withFields and copyOf rather than spreads: see object-copy.ts (this runs for every pod written).
  const out: JsonObject = withFields(c, {
    imagePullPolicy: c['imagePullPolicy'] ?? defaultPullPolicy(str(c['image'])),
    terminationMessagePath: c['terminationMessagePath'] ?? '/dev/termination-log',
    terminationMessagePolicy: c['terminationMessagePolicy'] ?? 'File',
  });
  if (Array.isArray(c['ports'])) {
    out['ports'] = c['ports'].map((p) => {
      const port: JsonObject = copyOf(obj(p));
      port['protocol'] ??= 'TCP';
      // A pod on the host network listens on the host port it declares.
      if (hostNetwork && port['hostPort'] === undefined) port['hostPort'] = port['containerPort'];
      return port;
    });
  }
  if (c['env'] !== undefined) out['env'] = defaultEnv(c['env']);
  for (const probe of PROBES) if (c[probe] !== undefined) out[probe] = defaultProbe(c[probe]);
  const resources: JsonObject = copyOf(obj(c['resources']));
  if (isPod && isObject(resources['limits'])) {
    // Requests not given default to the limits (SetDefaults_Pod, for Pods only).
    const requests: JsonObject = copyOf(obj(resources['requests']));
    for (const [k, v] of Object.entries(resources['limits'])) requests[k] ??= v;
    resources['requests'] = requests;
  }
  out['resources'] = resources;
  return out;
}

const MODE_420_SOURCES = ['configMap', 'secret', 'projected', 'downwardAPI'];

const VOLUME_SOURCE_KEYS = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

/** SetDefaults_Volume: a volume with no source is an emptyDir; file modes default to 0644 (420). */
function defaultVolume(v: unknown): JsonObject {
  const vol: JsonObject = copyOf(obj(v));
  if (!VOLUME_SOURCE_KEYS.some((k) => vol[k] !== undefined && vol[k] !== null)) vol['emptyDir'] = {};
  for (const s of MODE_420_SOURCES) {
    if (isObject(vol[s])) vol[s] = withFields(vol[s], { defaultMode: vol[s]['defaultMode'] ?? 420 });
  }
  return vol;
}

/** SetDefaults_PodSpec and the container defaults: for Pods and for workload templates. */
export function defaultPodSpec(spec: JsonObject, isPod: boolean): JsonObject {
  const hostNetwork = spec['hostNetwork'] === true;
  // One copy with the defaults, not a spread: see object-copy.ts (this runs for every pod written).
  const out: JsonObject = withFields(spec, {
    dnsPolicy: spec['dnsPolicy'] ?? 'ClusterFirst',
    restartPolicy: spec['restartPolicy'] ?? 'Always',
    securityContext: spec['securityContext'] ?? {},
    terminationGracePeriodSeconds: spec['terminationGracePeriodSeconds'] ?? 30,
    schedulerName: spec['schedulerName'] ?? 'default-scheduler',
    enableServiceLinks: spec['enableServiceLinks'] ?? true,
  });
  if (Array.isArray(spec['containers'])) out['containers'] = list(spec['containers']).map((c) => defaultContainer(obj(c), hostNetwork, isPod));
  if (Array.isArray(spec['initContainers'])) out['initContainers'] = list(spec['initContainers']).map((c) => defaultContainer(obj(c), hostNetwork, isPod));
  if (Array.isArray(spec['volumes'])) out['volumes'] = list(spec['volumes']).map(defaultVolume);
  return out;
}

/**
 * A Pod: spec defaults. Priority and preemptionPolicy are not defaulted here: the Priority
 * admission plugin resolves them from the PriorityClass (0 and PreemptLowerPriority without one),
 * and refuses a pod that names a class and also carries a value of its own.
 */
export function defaultPod(pod: KubeObject): KubeObject {
  const spec = defaultPodSpec(obj(pod['spec']), true);
  return { ...pod, spec };
}

/** A PodTemplateSpec inside a workload. */
export function defaultPodTemplate(template: unknown): JsonObject {
  const t = obj(template);
  return { ...t, spec: defaultPodSpec(obj(t['spec']), false) };
}
