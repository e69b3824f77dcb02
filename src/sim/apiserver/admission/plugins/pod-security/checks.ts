/**
 * The Pod Security Standards checks (k8s.io/pod-security-admission policy/check_*.go), latest
 * version: each looks at a pod's metadata and spec and either allows it or gives a forbidden
 * reason and a detail, in upstream's words. Baseline checks run for baseline and restricted;
 * restricted adds its own and replaces the three baseline checks it tightens (capabilities,
 * hostPath volumes, seccomp). The order is upstream's: checks register in file-name order, all
 * baseline checks come before the restricted ones.
 */
import type { KubeObject } from '../../../../api/kube-object';
import { allContainers, type ContainerJSON, type PodSpecJSON } from '../pod-spec';

export interface CheckResult {
  allowed: boolean;
  forbiddenReason?: string;
  forbiddenDetail?: string;
}

type CheckPod = (metadata: KubeObject['metadata'], spec: PodSpecJSON) => CheckResult;

interface Check {
  id: string;
  level: 'baseline' | 'restricted';
  /** A baseline check the restricted level replaces with a stricter one. */
  overlap?: boolean;
  check: CheckPod;
}

const ALLOWED: CheckResult = { allowed: true };
const forbid = (forbiddenReason: string, forbiddenDetail: string): CheckResult => ({ allowed: false, forbiddenReason, forbiddenDetail });

/** joinQuote and pluralize from policy/helpers.go. */
const joinQuote = (items: readonly string[]): string => (items.length === 0 ? '' : `"${items.join('", "')}"`);
const pluralize = (singular: string, plural: string, count: number): string => (count === 1 ? singular : plural);
/** sets.NewString(...).List(): unique and sorted. */
const sortedSet = (items: Iterable<string>): string[] => [...new Set(items)].sort();
/** Go's %q for the strings that appear here. */
const goQuote = (s: string): string => JSON.stringify(s);
const containersPhrase = (names: readonly string[]): string => `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;

function allowPrivilegeEscalation(_m: KubeObject['metadata'], spec: PodSpecJSON): CheckResult {
  const bad = allContainers(spec)
    .filter((c) => c.securityContext?.allowPrivilegeEscalation !== false)
    .map((c) => c.name);
  return bad.length ? forbid('allowPrivilegeEscalation != false', `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false`) : ALLOWED;
}

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function appArmorProfile(metadata: KubeObject['metadata'], spec: PodSpecJSON): CheckResult {
  const allowedType = (t: string | undefined) => t === 'RuntimeDefault' || t === 'Localhost';
  const badSetters: string[] = [];
  const badValues = new Set<string>();
  const podProfile = spec.securityContext?.appArmorProfile;
  if (podProfile && !allowedType(podProfile.type)) {
    badSetters.push('pod');
    badValues.add(podProfile.type ?? '');
  }
  const badContainers: string[] = [];
  for (const c of allContainers(spec)) {
    const profile = c.securityContext?.appArmorProfile;
    if (profile && !allowedType(profile.type)) {
      badContainers.push(c.name);
      badValues.add(profile.type ?? '');
    }
  }
  if (badContainers.length) badSetters.push(containersPhrase(badContainers));
  const annotations = Object.entries(metadata.annotations ?? {})
    .filter(([k, v]) => k.startsWith(APPARMOR_ANNOTATION_PREFIX) && !(v === '' || v === 'runtime/default' || v.startsWith('localhost/')))
    .map(([k, v]) => `${k}=${goQuote(v)}`)
    .sort();
  const values = [...sortedSet(badValues), ...annotations];
  if (annotations.length) badSetters.push(pluralize('annotation', 'annotations', annotations.length));
  if (!badSetters.length) return ALLOWED;
  return forbid(
    pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    `${badSetters.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
  );
}

const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

function capabilitiesBaseline(_m: KubeObject['metadata'], spec: PodSpecJSON): CheckResult {
  const bad: string[] = [];
  const caps: string[] = [];
  for (const c of allContainers(spec)) {
    const extra = (c.securityContext?.capabilities?.add ?? []).filter((cap) => !BASELINE_CAPABILITIES.has(cap));
    if (extra.length) {
      bad.push(c.name);
      caps.push(...extra);
    }
  }
  return bad.length ? forbid('non-default capabilities', `${containersPhrase(bad)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`) : ALLOWED;
}

function capabilitiesRestricted(_m: KubeObject['metadata'], spec: PodSpecJSON): CheckResult {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbiddenCaps: string[] = [];
  for (const c of allContainers(spec)) {
    const caps = c.securityContext?.capabilities;
    if (!caps) {
      missingDropAll.push(c.name);
      continue;
    }
    if (!(caps.drop ?? []).includes('ALL')) missingDropAll.push(c.name);
    const extra = (caps.add ?? []).filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (extra.length) {
      addingForbidden.push(c.name);
      forbiddenCaps.push(...extra);
    }
  }
  const details: string[] = [];
  if (missingDropAll.length) details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  if (addingForbidden.length) details.push(`${containersPhrase(addingForbidden)} must not include ${joinQuote(sortedSet(forbiddenCaps))} in securityContext.capabilities.add`);
  return details.length ? forbid('unrestricted capabilities', details.join('; ')) : ALLOWED;
}

function hostNamespaces(_m: KubeObject['metadata'], spec: PodSpecJSON): CheckResult {
  const used = sortedSet([spec.hostNetwork ? 'hostNetwork' : '', spec.hostPID ? 'hostPID' : '', spec.hostIPC ? 'hostIPC' : ''].filter(Boolean));
  return used.length ? forbid('host namespaces', used.map((n) => `${n}=true`).join(', ')) : ALLOWED;
}

function hostPathVolumes(_m: KubeObject['metadata'], spec: PodSpecJSON): CheckResult {
  const bad = (spec.volumes ?? []).filter((v) => v['hostPath'] !== undefined && v['hostPath'] !== null).map((v) => v.name);
  return bad.length ? forbid('hostPath volumes', `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}`) : ALLOWED;
}

function hostPorts(_m: KubeObject['metadata'], spec: PodSpecJSON): CheckResult {
  const bad: string[] = [];
  const ports: string[] = [];
  for (const c of allContainers(spec)) {
    const used = (c.ports ?? []).filter((p) => p.hostPort !== undefined && p.hostPort !== 0).map((p) => String(p.hostPort));
    if (used.length) {
      bad.push(c.name);
      ports.push(...used);
    }
  }
  if (!bad.length) return ALLOWED;
  const list = sortedSet(ports);
  return forbid(
    'hostPort',
    `${containersPhrase(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', list.length)} ${list.join(', ')}`,
  );
}

function privileged(_m: KubeObject['metadata'], spec: PodSpecJSON): CheckResult {
  const bad = allContainers(spec)
    .filter((c) => c.securityContext?.privileged === true)
    .map((c) => c.name);
  return bad.length ? forbid('privileged', `${containersPhrase(bad)} must not set securityContext.privileged=true`) : ALLOWED;
}

function procMount(_m: KubeObject['metadata'], spec: PodSpecJSON): CheckResult {
  const bad: string[] = [];
  const types: string[] = [];
  for (const c of allContainers(spec)) {
    const value = c.securityContext?.procMount;
    if (value !== undefined && value !== 'Default') {
      bad.push(c.name);
      types.push(value);
    }
  }
  return bad.length ? forbid('procMount', `${containersPhrase(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`) : ALLOWED;
}

/** Inline volume types the restricted level allows; everything else is named in the message. */
const RESTRICTED_ALLOWED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const RESTRICTED_VOLUME_TYPES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

function restrictedVolumes(_m: KubeObject['metadata'], spec: PodSpecJSON): CheckResult {
  const bad: string[] = [];
  const types: string[] = [];
  for (const v of spec.volumes ?? []) {
    const has = (t: string) => v[t] !== undefined && v[t] !== null;
    if (RESTRICTED_ALLOWED_VOLUMES.some(has)) continue;
    bad.push(v.name);
    types.push(RESTRICTED_VOLUME_TYPES.find(has) ?? 'unknown');
  }
  if (!bad.length) return ALLOWED;
  const typeList = sortedSet(types);
  return forbid(
    'restricted volume types',
    `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', typeList.length)} ${joinQuote(typeList)}`,
  );
}

function runAsNonRoot(_m: KubeObject['metadata'], spec: PodSpecJSON): CheckResult {
  const badSetters: string[] = [];
  let podRunAsNonRoot = false;
  const podValue = spec.securityContext?.runAsNonRoot;
  if (podValue === false) badSetters.push('pod');
  if (podValue === true) podRunAsNonRoot = true;
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of allContainers(spec)) {
    const value = c.securityContext?.runAsNonRoot;
    if (value !== undefined) {
      if (!value) explicit.push(c.name);
    } else if (!podRunAsNonRoot) {
      implicit.push(c.name);
    }
  }
  if (explicit.length) badSetters.push(containersPhrase(explicit));
  if (badSetters.length) return forbid('runAsNonRoot != true', `${badSetters.join(' and ')} must not set securityContext.runAsNonRoot=false`);
  if (implicit.length) return forbid('runAsNonRoot != true', `pod or ${containersPhrase(implicit)} must set securityContext.runAsNonRoot=true`);
  return ALLOWED;
}

function runAsUser(_m: KubeObject['metadata'], spec: PodSpecJSON): CheckResult {
  const badSetters: string[] = spec.securityContext?.runAsUser === 0 ? ['pod'] : [];
  const bad = allContainers(spec)
    .filter((c) => c.securityContext?.runAsUser === 0)
    .map((c) => c.name);
  if (bad.length) badSetters.push(containersPhrase(bad));
  return badSetters.length ? forbid('runAsUser=0', `${badSetters.join(' and ')} must not set runAsUser=0`) : ALLOWED;
}

/** selinuxAllowedTypes1_31. */
const SELINUX_ALLOWED_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

function seLinuxOptions(_m: KubeObject['metadata'], spec: PodSpecJSON): CheckResult {
  const badSetters: string[] = [];
  const badTypes: string[] = [];
  let setUser = false;
  let setRole = false;
  const valid = (opts: NonNullable<ContainerJSON['securityContext']>['seLinuxOptions']): boolean => {
    let ok = true;
    if (!SELINUX_ALLOWED_TYPES.has(opts?.type ?? '')) {
      ok = false;
      badTypes.push(opts?.type ?? '');
    }
    if (opts?.user) {
      ok = false;
      setUser = true;
    }
    if (opts?.role) {
      ok = false;
      setRole = true;
    }
    return ok;
  };
  if (spec.securityContext?.seLinuxOptions && !valid(spec.securityContext.seLinuxOptions)) badSetters.push('pod');
  const bad = allContainers(spec)
    .filter((c) => c.securityContext?.seLinuxOptions && !valid(c.securityContext.seLinuxOptions))
    .map((c) => c.name);
  if (bad.length) badSetters.push(containersPhrase(bad));
  if (!badSetters.length) return ALLOWED;
  // As upstream: user and role are only mentioned alongside a bad type.
  const data: string[] = [];
  if (badTypes.length) {
    const types = sortedSet(badTypes);
    data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
  }
  return forbid('seLinuxOptions', `${badSetters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`);
}

const validSeccomp = (t: string | undefined) => t === 'Localhost' || t === 'RuntimeDefault';

function seccompProfile(spec: PodSpecJSON, requireSet: boolean): CheckResult {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  let podSet = false;
  const podProfile = spec.securityContext?.seccompProfile;
  if (podProfile) {
    if (!validSeccomp(podProfile.type)) {
      badSetters.push('pod');
      badValues.push(podProfile.type ?? '');
    } else {
      podSet = true;
    }
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of allContainers(spec)) {
    const profile = c.securityContext?.seccompProfile;
    if (profile) {
      if (!validSeccomp(profile.type)) {
        explicit.push(c.name);
        badValues.push(profile.type ?? '');
      }
    } else if (!podSet) {
      implicit.push(c.name);
    }
  }
  if (explicit.length) badSetters.push(containersPhrase(explicit));
  if (badSetters.length) return forbid('seccompProfile', `${badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`);
  if (requireSet && implicit.length) {
    return forbid('seccompProfile', `pod or ${containersPhrase(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`);
  }
  return ALLOWED;
}

/** sysctls allowed as of policy v1.32 (1.0 set, plus 1.27, 1.29 and 1.32 additions). */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

function sysctls(_m: KubeObject['metadata'], spec: PodSpecJSON): CheckResult {
  const bad = (spec.securityContext?.sysctls ?? []).map((s) => s.name).filter((n) => !SAFE_SYSCTLS.has(n));
  return bad.length ? forbid('forbidden sysctls', bad.join(', ')) : ALLOWED;
}

function windowsHostProcess(_m: KubeObject['metadata'], spec: PodSpecJSON): CheckResult {
  const setters: string[] = spec.securityContext?.windowsOptions?.hostProcess === true ? ['pod'] : [];
  const bad = allContainers(spec)
    .filter((c) => c.securityContext?.windowsOptions?.hostProcess === true)
    .map((c) => c.name);
  if (bad.length) setters.push(containersPhrase(bad));
  return setters.length ? forbid('hostProcess', `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`) : ALLOWED;
}

/** DefaultChecks(), in registration (file-name) order. */
const CHECKS: readonly Check[] = [
  { id: 'allowPrivilegeEscalation', level: 'restricted', check: allowPrivilegeEscalation },
  { id: 'appArmorProfile', level: 'baseline', check: appArmorProfile },
  { id: 'capabilities_baseline', level: 'baseline', overlap: true, check: capabilitiesBaseline },
  { id: 'capabilities_restricted', level: 'restricted', check: capabilitiesRestricted },
  { id: 'hostNamespaces', level: 'baseline', check: hostNamespaces },
  { id: 'hostPathVolumes', level: 'baseline', overlap: true, check: hostPathVolumes },
  { id: 'hostPorts', level: 'baseline', check: hostPorts },
  { id: 'privileged', level: 'baseline', check: privileged },
  { id: 'procMount', level: 'baseline', check: procMount },
  { id: 'restrictedVolumes', level: 'restricted', check: restrictedVolumes },
  { id: 'runAsNonRoot', level: 'restricted', check: runAsNonRoot },
  { id: 'runAsUser', level: 'restricted', check: runAsUser },
  { id: 'seLinuxOptions', level: 'baseline', check: seLinuxOptions },
  { id: 'seccompProfile_baseline', level: 'baseline', overlap: true, check: (_m, spec) => seccompProfile(spec, false) },
  { id: 'seccompProfile_restricted', level: 'restricted', check: (_m, spec) => seccompProfile(spec, true) },
  { id: 'sysctls', level: 'baseline', check: sysctls },
  { id: 'windowsHostProcess', level: 'baseline', check: windowsHostProcess },
];

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** checkRegistry.EvaluatePod: baseline checks, then the overlapping baseline or the restricted ones. */
export function evaluatePod(level: PodSecurityLevel, metadata: KubeObject['metadata'], spec: PodSpecJSON): CheckResult[] {
  if (level === 'privileged') return [];
  const run = (checks: readonly Check[]) => checks.map((c) => c.check(metadata, spec));
  const baseline = CHECKS.filter((c) => c.level === 'baseline' && !c.overlap);
  const extra = level === 'baseline' ? CHECKS.filter((c) => c.level === 'baseline' && c.overlap) : CHECKS.filter((c) => c.level === 'restricted');
  return [...run(baseline), ...run(extra)];
}

/** AggregateCheckResult.ForbiddenDetail: `reason (detail), reason, ...`; undefined when allowed. */
export function forbiddenDetail(results: readonly CheckResult[]): string | undefined {
  const denied = results.filter((r) => !r.allowed);
  if (!denied.length) return undefined;
  return denied
    .map((r) => {
      const reason = r.forbiddenReason || 'unknown forbidden reason';
      return r.forbiddenDetail ? `${reason} (${r.forbiddenDetail})` : reason;
    })
    .join(', ');
}
