/**
 * kustomize's FixBackReferences (the nameReference transformer, field specs of
 * api/konfig/builtinpluginconsts/namereference.go): once prefixes, suffixes and hash suffixes
 * have renamed resources, every field that names one of them by a name it had is set to the
 * name it has now: in pod templates the ConfigMaps and Secrets of volumes, env and envFrom, the
 * PersistentVolumeClaims, the ServiceAccount, the PriorityClass and imagePullSecrets; a
 * StatefulSet's serviceName; an Ingress's backend Services and TLS Secrets; a ServiceAccount's
 * Secrets; a role binding's roleRef and ServiceAccount subjects; an HPA's scaleTargetRef; a
 * PersistentVolumeClaim's volumeName and storageClassName. A namespaced referral must be in the
 * referrer's namespace; names of objects outside the build are left as they are.
 */
import { effectiveNamespace, isClusterScoped, isMap, kindOf, nameOf, namespaceOf, type KObject, type Resource } from './resource';

/** A field holding the name of an object of `kind`. */
interface Reference {
  readonly kind: string;
  readonly holder: KObject;
  readonly key: string;
  /** The namespace the referral must be in, when the reference says (a subject's). */
  readonly namespace?: string;
}

function at(node: unknown, ...path: string[]): unknown {
  let cur = node;
  for (const p of path) cur = isMap(cur) ? cur[p] : undefined;
  return cur;
}

const maps = (v: unknown): KObject[] => (Array.isArray(v) ? v.filter(isMap) : []);

function ref(refs: Reference[], kind: string, holder: unknown, key: string, namespace?: string): void {
  if (isMap(holder) && typeof holder[key] === 'string') refs.push({ kind, holder, key, ...(namespace ? { namespace } : {}) });
}

function podSpecOf(o: KObject): unknown {
  switch (kindOf(o)) {
    case 'Pod':
      return o['spec'];
    case 'PodTemplate':
      return at(o, 'template', 'spec');
    case 'CronJob':
      return at(o, 'spec', 'jobTemplate', 'spec', 'template', 'spec');
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job':
    case 'ReplicationController':
      return at(o, 'spec', 'template', 'spec');
    default:
      return undefined;
  }
}

function podSpecReferences(refs: Reference[], spec: unknown): void {
  if (!isMap(spec)) return;
  ref(refs, 'ServiceAccount', spec, 'serviceAccountName');
  ref(refs, 'ServiceAccount', spec, 'serviceAccount');
  ref(refs, 'PriorityClass', spec, 'priorityClassName');
  for (const s of maps(spec['imagePullSecrets'])) ref(refs, 'Secret', s, 'name');
  for (const v of maps(spec['volumes'])) {
    ref(refs, 'ConfigMap', v['configMap'], 'name');
    ref(refs, 'Secret', v['secret'], 'secretName');
    ref(refs, 'PersistentVolumeClaim', v['persistentVolumeClaim'], 'claimName');
    for (const source of maps(at(v, 'projected', 'sources'))) {
      ref(refs, 'ConfigMap', source['configMap'], 'name');
      ref(refs, 'Secret', source['secret'], 'name');
    }
  }
  for (const c of [...maps(spec['containers']), ...maps(spec['initContainers']), ...maps(spec['ephemeralContainers'])]) {
    for (const e of maps(c['env'])) {
      ref(refs, 'ConfigMap', at(e, 'valueFrom', 'configMapKeyRef'), 'name');
      ref(refs, 'Secret', at(e, 'valueFrom', 'secretKeyRef'), 'name');
    }
    for (const e of maps(c['envFrom'])) {
      ref(refs, 'ConfigMap', e['configMapRef'], 'name');
      ref(refs, 'Secret', e['secretRef'], 'name');
    }
  }
}

function references(o: KObject): Reference[] {
  const refs: Reference[] = [];
  podSpecReferences(refs, podSpecOf(o));
  switch (kindOf(o)) {
    case 'StatefulSet':
      ref(refs, 'Service', o['spec'], 'serviceName');
      break;
    case 'Ingress':
      ref(refs, 'Service', at(o, 'spec', 'defaultBackend', 'service'), 'name');
      for (const rule of maps(at(o, 'spec', 'rules'))) for (const path of maps(at(rule, 'http', 'paths'))) ref(refs, 'Service', at(path, 'backend', 'service'), 'name');
      for (const tls of maps(at(o, 'spec', 'tls'))) ref(refs, 'Secret', tls, 'secretName');
      break;
    case 'ServiceAccount':
      for (const s of maps(o['secrets'])) ref(refs, 'Secret', s, 'name');
      for (const s of maps(o['imagePullSecrets'])) ref(refs, 'Secret', s, 'name');
      break;
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const roleRef = o['roleRef'];
      if (isMap(roleRef) && (roleRef['kind'] === 'Role' || roleRef['kind'] === 'ClusterRole')) ref(refs, roleRef['kind'], roleRef, 'name');
      for (const s of maps(o['subjects']))
        if (s['kind'] === 'ServiceAccount') ref(refs, 'ServiceAccount', s, 'name', typeof s['namespace'] === 'string' ? s['namespace'] : undefined);
      break;
    }
    case 'HorizontalPodAutoscaler': {
      const target = at(o, 'spec', 'scaleTargetRef');
      if (isMap(target) && typeof target['kind'] === 'string') ref(refs, target['kind'], target, 'name');
      break;
    }
    case 'PersistentVolumeClaim':
      ref(refs, 'PersistentVolume', o['spec'], 'volumeName');
      ref(refs, 'StorageClass', o['spec'], 'storageClassName');
      break;
    case 'PersistentVolume':
      ref(refs, 'StorageClass', o['spec'], 'storageClassName');
      break;
  }
  return refs;
}

export function fixBackReferences(resources: readonly Resource[]): void {
  for (const referrer of resources) {
    // The referrer's own namespace, looked up once (it reads the resource tables).
    const referrerNamespace = isClusterScoped(referrer.object) ? undefined : effectiveNamespace(referrer.object);
    for (const r of references(referrer.object)) {
      const value = r.holder[r.key] as string;
      const wanted = r.namespace ?? referrerNamespace;
      const referral = resources.find((candidate) => {
        if (candidate === referrer || kindOf(candidate.object) !== r.kind || !candidate.names.includes(value)) return false;
        if (isClusterScoped(candidate.object)) return true;
        return wanted === undefined || (namespaceOf(candidate.object) || 'default') === wanted;
      });
      if (referral) r.holder[r.key] = nameOf(referral.object);
    }
  }
}
