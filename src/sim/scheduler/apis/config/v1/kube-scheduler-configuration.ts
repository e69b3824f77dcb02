/**
 * KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1), the file kube-scheduler reads with
 * `--config`: decoded, defaulted (pkg/scheduler/apis/config/v1/defaults.go: the default plugins,
 * podInitialBackoffSeconds 1, podMaxBackoffSeconds 10) and validated
 * (pkg/scheduler/apis/config/validation/validation.go) into the profiles the framework is built
 * from. Plugins are merged as upstream's mergePlugins does for multiPoint and score: a disabled
 * `*` drops every default, an enabled plugin already among the defaults takes the given weight,
 * others are appended. Simplified, and said so in the error: the other extension points
 * (filter, preFilter, ...) cannot yet be configured one by one.
 */
import { DEFAULT_PLUGINS } from '../default-plugins';
import { DEFAULT_SCHEDULER_NAME, type KubeSchedulerProfile, type PluginRef } from '../types';

export const KUBE_SCHEDULER_CONFIGURATION_API_VERSION = 'kubescheduler.config.k8s.io/v1';

export interface KubeSchedulerConfiguration {
  readonly profiles: readonly KubeSchedulerProfile[];
  readonly podInitialBackoffSeconds: number;
  readonly podMaxBackoffSeconds: number;
  readonly percentageOfNodesToScore?: number;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The extension points a profile's `plugins` has, as upstream names them. */
const EXTENSION_POINTS = ['preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'permit', 'preBind', 'bind', 'postBind', 'multiPoint'] as const;

interface PluginSet {
  readonly enabled: readonly PluginRef[];
  readonly disabled: readonly string[];
}

function pluginSet(value: unknown, path: string, errors: string[]): PluginSet {
  if (value === undefined) return { enabled: [], disabled: [] };
  if (!isObject(value)) {
    errors.push(`${path}: Invalid value: "${String(value)}": must be an object with enabled and disabled lists`);
    return { enabled: [], disabled: [] };
  }
  const enabled: PluginRef[] = [];
  for (const [i, p] of (Array.isArray(value['enabled']) ? value['enabled'] : []).entries()) {
    const name = isObject(p) ? p['name'] : undefined;
    const weight = isObject(p) ? p['weight'] : undefined;
    if (typeof name !== 'string' || name === '') errors.push(`${path}.enabled[${i}].name: Required value`);
    else if (weight !== undefined && (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0)) errors.push(`${path}.enabled[${i}].weight: Invalid value: ${String(weight)}: must be a non-negative integer`);
    else enabled.push(weight === undefined ? { name } : { name, weight });
  }
  const disabled: string[] = [];
  for (const [i, p] of (Array.isArray(value['disabled']) ? value['disabled'] : []).entries()) {
    const name = isObject(p) ? p['name'] : undefined;
    if (typeof name !== 'string' || name === '') errors.push(`${path}.disabled[${i}].name: Required value`);
    else disabled.push(name);
  }
  return { enabled, disabled };
}

/** mergePlugins for multiPoint: the defaults minus the disabled, with the user's enabled merged in. */
function mergeMultiPoint(set: PluginSet): PluginRef[] {
  const all = set.disabled.includes('*');
  const out: PluginRef[] = all ? [] : DEFAULT_PLUGINS.filter((p) => !set.disabled.includes(p.name));
  for (const p of set.enabled) {
    const at = out.findIndex((q) => q.name === p.name);
    if (at >= 0) out[at] = p;
    else out.push(p);
  }
  return out;
}

function decodeProfile(value: unknown, i: number, known: ReadonlySet<string>, errors: string[]): KubeSchedulerProfile | undefined {
  const path = `profiles[${i}]`;
  if (!isObject(value)) {
    errors.push(`${path}: Invalid value: must be an object`);
    return undefined;
  }
  const schedulerName = value['schedulerName'] === undefined ? DEFAULT_SCHEDULER_NAME : value['schedulerName'];
  if (typeof schedulerName !== 'string' || schedulerName === '') errors.push(`${path}.schedulerName: Required value`);
  const plugins = isObject(value['plugins']) ? value['plugins'] : {};
  for (const point of Object.keys(plugins)) {
    if (!(EXTENSION_POINTS as readonly string[]).includes(point)) errors.push(`${path}.plugins.${point}: Invalid value: unknown extension point (known: ${EXTENSION_POINTS.join(', ')})`);
    else if (point !== 'multiPoint' && point !== 'score') errors.push(`${path}.plugins.${point}: Invalid value: kubearch simulates plugins set through multiPoint and score only; enable or disable ${point} plugins through multiPoint`);
  }
  const multiPoint = pluginSet(plugins['multiPoint'], `${path}.plugins.multiPoint`, errors);
  const score = pluginSet(plugins['score'], `${path}.plugins.score`, errors);
  const merged = mergeMultiPoint(multiPoint);
  for (const p of [...merged, ...score.enabled]) {
    if (!known.has(p.name)) errors.push(`${path}: couldn't create scheduler: initializing profiles: creating profile for scheduler name ${String(schedulerName)}: plugin "${p.name}" does not exist`);
  }
  const pluginConfig: Record<string, unknown> = {};
  for (const [j, entry] of (Array.isArray(value['pluginConfig']) ? value['pluginConfig'] : []).entries()) {
    const name = isObject(entry) ? entry['name'] : undefined;
    if (typeof name !== 'string' || name === '') {
      errors.push(`${path}.pluginConfig[${j}].name: Required value`);
      continue;
    }
    if (name in pluginConfig) errors.push(`${path}.pluginConfig[${j}]: Duplicate value: "${name}"`);
    pluginConfig[name] = isObject(entry) ? entry['args'] : undefined;
  }
  const percentage = value['percentageOfNodesToScore'];
  if (percentage !== undefined && (typeof percentage !== 'number' || percentage < 0 || percentage > 100)) {
    errors.push(`${path}.percentageOfNodesToScore: Invalid value: ${String(percentage)}: not in valid range [0-100]`);
  }
  if (typeof schedulerName !== 'string') return undefined;
  return {
    schedulerName,
    plugins: merged,
    ...(Object.keys(pluginConfig).length ? { pluginConfig } : {}),
    ...(score.enabled.length || score.disabled.length ? { score: { enabled: score.enabled, disabled: score.disabled.map((name) => ({ name })) } } : {}),
    ...(typeof percentage === 'number' ? { percentageOfNodesToScore: percentage } : {}),
  };
}

/**
 * Decodes a parsed KubeSchedulerConfiguration document. `knownPlugins` is the registry's plugin
 * names. Returns the configuration, or the errors kube-scheduler would refuse it with.
 */
export function decodeKubeSchedulerConfiguration(document: unknown, knownPlugins: ReadonlySet<string>): { config: KubeSchedulerConfiguration } | { errors: string[] } {
  const errors: string[] = [];
  if (!isObject(document)) return { errors: ['the configuration must be a YAML or JSON object'] };
  if (document['kind'] !== 'KubeSchedulerConfiguration' || document['apiVersion'] !== KUBE_SCHEDULER_CONFIGURATION_API_VERSION) {
    return { errors: [`no kind "${String(document['kind'] ?? '')}" is registered for version "${String(document['apiVersion'] ?? '')}" in scheme "pkg/scheduler/apis/config/scheme/scheme.go:30"`] };
  }
  const initial = document['podInitialBackoffSeconds'] ?? 1;
  const max = document['podMaxBackoffSeconds'] ?? 10;
  if (typeof initial !== 'number' || initial <= 0) errors.push(`podInitialBackoffSeconds: Invalid value: ${String(initial)}: must be greater than 0`);
  if (typeof max !== 'number' || (typeof initial === 'number' && max < initial)) errors.push(`podMaxBackoffSeconds: Invalid value: ${String(max)}: must be greater than or equal to PodInitialBackoffSeconds`);
  const percentage = document['percentageOfNodesToScore'];
  if (percentage !== undefined && (typeof percentage !== 'number' || percentage < 0 || percentage > 100)) {
    errors.push(`percentageOfNodesToScore: Invalid value: ${String(percentage)}: not in valid range [0-100]`);
  }
  const rawProfiles = document['profiles'] === undefined ? [{}] : document['profiles'];
  if (!Array.isArray(rawProfiles) || rawProfiles.length === 0) errors.push('profiles: Required value');
  const profiles: KubeSchedulerProfile[] = [];
  const names = new Set<string>();
  for (const [i, raw] of (Array.isArray(rawProfiles) ? rawProfiles : []).entries()) {
    const profile = decodeProfile(raw, i, knownPlugins, errors);
    if (!profile) continue;
    if (names.has(profile.schedulerName)) errors.push(`profiles[${i}].schedulerName: Duplicate value: "${profile.schedulerName}"`);
    names.add(profile.schedulerName);
    const inherited = profile.percentageOfNodesToScore ?? (typeof percentage === 'number' ? percentage : undefined);
    profiles.push(inherited === undefined ? profile : { ...profile, percentageOfNodesToScore: inherited });
  }
  if (errors.length) return { errors };
  return {
    config: {
      profiles,
      podInitialBackoffSeconds: initial as number,
      podMaxBackoffSeconds: max as number,
      ...(typeof percentage === 'number' ? { percentageOfNodesToScore: percentage } : {}),
    },
  };
}
