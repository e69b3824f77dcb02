/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`
 * (TYPE/NAME picks a pod as attachable-pod.ts says)
 * (staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go): POST `pods/NAME/exec`, which the apiserver
 * serves by asking the pod's kubelet to run the command in the container. The container's
 * output goes to stdout and stderr; a non-zero exit prints "command terminated with exit code N"
 * and exits with N, as kubectl does. Simplified, as the shell says: the command runs to its end
 * and answers once; an interactive session (`-it sh`) is not simulated.
 */
import { findResource } from '../../../../sim/api/resources';
import { resourcePath } from '../../../../sim/client/resource-path';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { getObject } from '../api-calls';
import { attachablePodFor } from '../attachable-pod';
import { readManifests } from '../manifest-source';
import { arrayFlag, boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { statusErrorText, statusOf } from '../server-error';
import { RECURSIVE_FLAG } from '../file-paths';

export const EXEC_FLAGS: readonly FlagSpec[] = [
  { name: 'container', short: 'c', kind: 'string' },
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  { name: 'stdin', short: 'i', kind: 'bool' },
  { name: 'tty', short: 't', kind: 'bool' },
  { name: 'quiet', short: 'q', kind: 'bool' },
  { name: 'pod-running-timeout', kind: 'string' },
];

const pods = findResource('pods');
const USAGE_HINT = "See 'kubectl exec -h' for help and examples";
const SHELLS = /^(\/bin\/|\/usr\/bin\/)?(sh|bash|ash|zsh)$/;

interface ExecStreams {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function exec(ctx: KubectlContext): CommandResult {
  if (!pods) return fail('error: pods are not served');
  const args = ctx.flags.args;
  const atDash = ctx.flags.argsLenAtDash ?? -1;
  const notes: string[] = [];
  const files = arrayFlag(ctx.flags, 'filename');
  let target = atDash === 0 ? undefined : args[0];
  if (files.length > 0) {
    // exec.go: with -f the object comes from the file; a list of them is refused.
    const read = readManifests(ctx, files);
    if (!read.ok) return fail(read.error);
    if (read.objects.length > 1) return fail('error: cannot exec into multiple objects at a time');
    const only = read.objects[0];
    if (only) target = only.info.resource === 'pods' ? (only.object.metadata.name ?? '') : `${only.info.resource}/${only.object.metadata.name ?? ''}`;
  }
  if (!target) return fail(`error: pod, type/name or --filename must be specified\n${USAGE_HINT}`);
  let command: string[];
  if (atDash > -1) command = args.slice(atDash);
  else {
    command = args.slice(1);
    if (command.length > 0 && !boolFlag(ctx.flags, 'quiet')) {
      notes.push('kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.');
    }
  }
  if (command.length === 0) return fail(`error: you must specify at least one command for the container\n${USAGE_HINT}`);
  const resolved = attachablePodFor(ctx, target);
  if (!resolved.ok) return withStderrFirst(fail(resolved.error), notes);
  const name = resolved.name;
  const interactive = boolFlag(ctx.flags, 'stdin') && boolFlag(ctx.flags, 'tty');
  if (interactive && command.length === 1 && SHELLS.test(command[0] ?? '')) {
    return fail(
      `error: an interactive shell in a container is not simulated: run one command at a time instead, e.g. kubectl exec ${name} -- env (the container's shell knows echo, printf, env, printenv, cat, ls, curl, hostname, date, sleep, test, touch, rm, mkdir)`,
    );
  }
  const pod = getObject(ctx, pods, ctx.namespace, name);
  if (!pod.ok) return fail(statusErrorText(statusOf(pod.response)));
  const phase = (pod.value['status'] as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return fail(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);
  let container = stringFlag(ctx.flags, 'container');
  if (!container) {
    const names = ((pod.value['spec'] as { containers?: { name?: string }[] } | undefined)?.containers ?? []).map((c) => c.name ?? '');
    container = pod.value.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? names[0] ?? '';
    if (names.length > 1 && !boolFlag(ctx.flags, 'quiet')) notes.push(`Defaulted container "${container}" out of: ${names.join(', ')}`);
  }
  const query = new URLSearchParams();
  for (const part of command) query.append('command', part);
  query.set('container', container);
  query.set('stdout', 'true');
  query.set('stderr', 'true');
  if (boolFlag(ctx.flags, 'stdin')) query.set('stdin', 'true');
  if (boolFlag(ctx.flags, 'tty')) query.set('tty', 'true');
  const path = `${resourcePath(pods, { namespace: ctx.namespace, name, subresource: 'exec' })}?${query.toString()}`;
  const r = ctx.request('POST', path);
  if (r.code !== 200) {
    // The apiserver's refusal after the upgrade (the kubelet's words) reads as kubectl prints it.
    const status = statusOf(r);
    if (r.code === 400 && /^container not found/.test(status.message ?? '')) return withStderrFirst(fail(`error: unable to upgrade connection: ${status.message ?? ''}`), notes);
    return withStderrFirst(fail(statusErrorText(status)), notes);
  }
  const streams = r.body as ExecStreams;
  if (streams.exitCode !== 0) {
    return withStderrFirst({ exitCode: streams.exitCode, stdout: streams.stdout, stderr: `${streams.stderr}command terminated with exit code ${streams.exitCode}\n` }, notes);
  }
  return withStderrFirst({ exitCode: 0, stdout: streams.stdout, stderr: streams.stderr }, notes);
}
