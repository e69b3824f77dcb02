/**
 * `kubectl set env (TYPE NAME | TYPE/NAME) KEY=VALUE ... KEY- ...`: kubectl 1.32's EnvOptions
 * (pkg/cmd/set/set_env.go, pkg/cmd/set/env). The variables given (as arguments, with -e, from
 * standard input with `-`, or from a ConfigMap's or Secret's keys with --from) are set on the
 * containers `-c` matches, in place of any of the same name, and those named KEY- are removed;
 * the change goes as a strategic merge patch, `deployment.apps/web env updated`. `--list` prints
 * each container's variables instead (references as `# KEY from configmap x, key y`).
 */
import type { Container, EnvVar, EnvVarSource } from 'kubernetes-types/core/v1';
import { isEnvVarName } from '../../../../../sim/api/validation/name-rules';
import { fail, withStderrFirst, type CommandResult } from '../../../../types';
import { DRY_RUN_FLAG, dryRunStrategy } from '../../dry-run';
import { arrayFlag, boolFlag, stringFlag, type FlagSpec } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { joinOutput, outputFormatOf, PRINT_FLAGS, type OutputChunk } from '../../output';
import { statusErrorText, statusOf } from '../../server-error';
import { findTargets, hasFiles } from '../rollout/targets';
import { aggregateText, patchEach } from './patches';
import { globMatch } from './glob';
import { goTypeOf, podSpecOf } from './pod-spec';
import { RECURSIVE_FLAG } from '../../file-paths';
import { LOCAL_SERVER_DRY_RUN_ERROR } from './local-objects';

export const SET_ENV_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'all', kind: 'bool' },
  { name: 'local', kind: 'bool' },
  { name: 'containers', short: 'c', kind: 'string' },
  { name: 'env', short: 'e', kind: 'stringArray' },
  { name: 'list', kind: 'bool' },
  { name: 'overwrite', kind: 'bool' },
  { name: 'prefix', kind: 'string' },
  { name: 'from', kind: 'string' },
  { name: 'keys', kind: 'stringArray' },
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'field-manager', kind: 'string' },
];

const ENV_ARGUMENT = /^([\w\-_]+)=(.*)$/;

/** envutil.SplitEnvironmentFromResources; undefined when a resource follows a variable. */
function splitEnvironment(args: readonly string[]): { resources: string[]; envArgs: string[] } | undefined {
  const resources: string[] = [];
  const envArgs: string[] = [];
  for (const s of args) {
    const isEnv = ENV_ARGUMENT.test(s) || s.endsWith('-');
    if (isEnv) envArgs.push(s);
    else if (envArgs.length > 0) return undefined;
    else resources.push(s);
  }
  return { resources, envArgs };
}

/** envutil.readEnv: KEY=VALUE lines, `#` starting a comment. */
function readEnv(text: string): EnvVar[] {
  const env: EnvVar[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.includes('#') ? raw.slice(0, raw.indexOf('#')) : raw;
    if (!line.includes('=')) continue;
    const eq = line.indexOf('=');
    env.push({ name: line.slice(0, eq), value: line.slice(eq + 1) });
  }
  return env;
}

/** envutil.ParseEnv: the variables to set and the names to remove, or the error kubectl prints. */
export function parseEnv(specs: readonly string[], stdin: string): { env: EnvVar[]; remove: string[] } | { error: string } {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec === '-') env.push(...readEnv(stdin));
    else if (spec.includes('=')) {
      const eq = spec.indexOf('=');
      const name = spec.slice(0, eq);
      const errs = isEnvVarName(name);
      if (errs.length > 0) return { error: `${JSON.stringify(name)} is not a valid key name: ${errs.join(';')}` };
      env.push({ name, value: spec.slice(eq + 1) });
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else return { error: `unknown environment variable: ${spec}` };
  }
  if (remove.some((r) => env.some((e) => e.name === r))) return { error: 'can not both modify and remove the same environment variable' };
  return { env, remove };
}

/** updateEnv: replace same-named variables in place, drop removed ones, append the new. */
export function updateEnv(existing: readonly EnvVar[], env: readonly EnvVar[], remove: readonly string[]): EnvVar[] {
  const covered = new Set(remove);
  const out: EnvVar[] = [];
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
    } else out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

/** envutil.GetEnvVarRefString. */
function refString(from: EnvVarSource): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name ?? ''}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name ?? ''}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) return `resource field ${from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : ''}${from.resourceFieldRef.resource}`;
  return 'invalid valueFrom';
}

/** keyToEnvName: a ConfigMap or Secret key as a variable name. */
const keyToEnvName = (key: string) => key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();

/** --from: a variable per key of the ConfigMap or Secret (in key order; Go's map order is random). */
function envFrom(ctx: KubectlContext, from: string, keys: readonly string[]): EnvVar[] | { error: string } {
  const found = findTargets(ctx, [from]);
  if (!found.ok) return { error: found.error };
  if (found.errors.length > 0) return { error: found.errors[0] as string };
  const env: EnvVar[] = [];
  for (const { object } of found.targets) {
    const name = object.metadata.name ?? '';
    const data = Object.keys((object['data'] as Record<string, string> | undefined) ?? {}).sort();
    const wanted = data.filter((k) => keys.length === 0 || keys.includes(k));
    if (object.kind === 'Secret') for (const key of wanted) env.push({ name: keyToEnvName(key), valueFrom: { secretKeyRef: { name, key } } });
    else if (object.kind === 'ConfigMap') for (const key of wanted) env.push({ name: keyToEnvName(key), valueFrom: { configMapKeyRef: { name, key } } });
    else return { error: 'error: unsupported resource specified in --from' };
  }
  return env;
}

export function setEnvVerb(ctx: KubectlContext): CommandResult {
  const split = splitEnvironment(ctx.flags.args.slice(1));
  if (!split) return fail(`error: all resources must be specified before environment changes: ${ctx.flags.args.slice(1).join(' ')}`);
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  const list = boolFlag(ctx.flags, 'list');
  const from = stringFlag(ctx.flags, 'from');
  const keys = arrayFlag(ctx.flags, 'keys');
  if (boolFlag(ctx.flags, 'local') && dryRun.strategy === 'server') return fail(LOCAL_SERVER_DRY_RUN_ERROR);
  if (split.resources.length < 1 && !hasFiles(ctx)) return fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (list && stringFlag(ctx.flags, 'output') !== undefined) return fail('error: --list and --output may not be specified together');
  if (keys.length > 0 && !from) return fail('error: when specifying --keys, a configmap or secret must be provided with --from');
  if (boolFlag(ctx.flags, 'local')) return fail('error: "kubectl set env --local" is not simulated yet: kubectl reads the objects from the server here');
  const parsed = parseEnv([...arrayFlag(ctx.flags, 'env'), ...split.envArgs], ctx.stdin);
  if ('error' in parsed) return fail(`error: ${parsed.error}`);
  const env = [...parsed.env];
  if (from) {
    const fromEnv = envFrom(ctx, from, keys);
    if (!Array.isArray(fromEnv)) return fail(/^(error: |Error from server)/.test(fromEnv.error) ? fromEnv.error : `error: ${fromEnv.error}`);
    env.push(...fromEnv);
  }
  const prefix = stringFlag(ctx.flags, 'prefix') ?? '';
  const withPrefix = env.map((e) => ({ ...e, name: `${prefix}${e.name}` }));
  const found = findTargets(ctx, split.resources, { selector: stringFlag(ctx.flags, 'selector'), all: boolFlag(ctx.flags, 'all') });
  if (!found.ok) return fail(found.error);
  const selector = stringFlag(ctx.flags, 'containers') ?? '*';
  const overwrite = ctx.flags.values.get('overwrite') !== false;
  const errors = [...found.errors];
  const warnings: string[] = [];
  const lines: OutputChunk[] = [];
  patchEach(ctx, found.targets, format, dryRun.strategy, {
    change: (copy) => {
      const name = copy.metadata.name ?? '';
      const spec = podSpecOf(copy);
      if (!spec) return `the object is not a pod or does not have a pod template: ${goTypeOf(copy)}`;
      const containers: Container[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c) => globMatch(selector, c.name));
      if (containers.length === 0) {
        warnings.push(`warning: ${copy.kind}/${name} does not have any containers matching ${JSON.stringify(selector)}`);
        return undefined;
      }
      for (const c of containers) {
        if (!overwrite) {
          const clash = withPrefix.map((e) => ({ e, current: (c.env ?? []).find((x) => x.name === e.name) })).find(({ e, current }) => current && current.value !== e.value);
          if (clash?.current) return `'${clash.current.name}' already has a value (${clash.current.value ?? ''}), and --overwrite is false`;
        }
        c.env = updateEnv(c.env ?? [], withPrefix, parsed.remove);
        if (c.env.length === 0) delete c.env;
        if (list) {
          lines.push(`# ${copy.kind} ${name}, container ${c.name}`);
          for (const e of c.env ?? []) lines.push(e.valueFrom ? `# ${e.name} from ${refString(e.valueFrom)}` : `${e.name}=${e.value ?? ''}`);
        }
      }
      return undefined;
    },
    operation: 'env updated',
    failure: (r) => `failed to patch env update to pod template: ${statusOf(r).message ?? statusErrorText(statusOf(r))}`,
    printUnchanged: false,
    readOnly: list,
  }, { lines, errors });
  // The warnings are written while the patches are worked out, before any object is printed.
  return withStderrFirst({ exitCode: errors.length ? 1 : 0, stdout: joinOutput(lines), stderr: aggregateText(errors) }, [...dryRun.warnings, ...warnings]);
}
