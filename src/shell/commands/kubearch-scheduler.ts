/**
 * `kubearch scheduler config [-f FILE|-]`: kube-scheduler's `--config`. Without -f it prints the
 * KubeSchedulerConfiguration the running process uses (the defaults when none was given); with
 * -f it restarts kube-scheduler with the given one, which is refused with kube-scheduler's own
 * messages when invalid (and the old process keeps running).
 */
import { parse as parseYaml, stringify as toYaml, YAMLParseError } from 'yaml';
import { performFromShell } from '../actions';
import { defaultProfile } from '../../sim/scheduler/apis/config/default-plugins';
import { KUBE_SCHEDULER_CONFIGURATION_API_VERSION, type KubeSchedulerConfiguration } from '../../sim/scheduler/apis/config/v1/kube-scheduler-configuration';
import { fail, ok, type CommandContext, type CommandResult } from '../types';

export const SCHEDULER_USAGE = 'kubearch scheduler config [-f FILE|-]';

/** The configuration as kube-scheduler would print it (`--write-config-to`), cut to what is simulated. */
function printable(config: KubeSchedulerConfiguration | undefined): object {
  const profiles = config?.profiles ?? [defaultProfile()];
  return {
    apiVersion: KUBE_SCHEDULER_CONFIGURATION_API_VERSION,
    kind: 'KubeSchedulerConfiguration',
    leaderElection: { leaderElect: true, leaseDuration: '15s', renewDeadline: '10s', retryPeriod: '2s', resourceLock: 'leases', resourceName: 'kube-scheduler', resourceNamespace: 'kube-system' },
    percentageOfNodesToScore: config?.percentageOfNodesToScore ?? 0,
    podInitialBackoffSeconds: config?.podInitialBackoffSeconds ?? 1,
    podMaxBackoffSeconds: config?.podMaxBackoffSeconds ?? 10,
    profiles: profiles.map((p) => ({
      schedulerName: p.schedulerName,
      plugins: {
        multiPoint: { enabled: p.plugins.map((ref) => (ref.weight === undefined ? { name: ref.name } : { name: ref.name, weight: ref.weight })) },
        ...(p.score ? { score: { ...(p.score.enabled ? { enabled: p.score.enabled } : {}), ...(p.score.disabled ? { disabled: p.score.disabled } : {}) } } : {}),
      },
      ...(p.pluginConfig ? { pluginConfig: Object.entries(p.pluginConfig).map(([name, args]) => ({ name, args })) } : {}),
    })),
  };
}

export function kubearchScheduler(ctx: CommandContext, args: readonly string[]): CommandResult {
  const [sub, ...rest] = args;
  if (sub !== 'config') return fail(`kubearch scheduler: usage: ${SCHEDULER_USAGE}`);
  if (rest.length === 0) return ok(toYaml(printable(ctx.simulator.schedulerConfiguration())));
  const [flag, file, ...extra] = rest;
  if ((flag !== '-f' && flag !== '--filename') || file === undefined || extra.length > 0) return fail(`kubearch scheduler config: usage: ${SCHEDULER_USAGE}`);
  let text: string;
  if (file === '-') text = ctx.stdin;
  else if (!ctx.readFile) return fail(`kubearch scheduler config: cannot read ${file} here (use -f - with a here-document)`);
  else {
    try {
      text = ctx.readFile(file);
    } catch {
      return fail(`kubearch scheduler config: open ${file}: no such file or directory`);
    }
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) return fail(`kubearch scheduler config: ${file === '-' ? 'STDIN' : file}: ${error.message}`);
    throw error;
  }
  return performFromShell(ctx, { name: 'scheduler-config', document }, undefined, 'kubearch scheduler config');
}
