/**
 * `kubectl logs POD [-c CONTAINER] [-p] [--tail N] [--timestamps]`: GET `pods/NAME/log`, which
 * the apiserver serves by asking the pod's kubelet. Without -c a pod with several containers
 * uses its default one (the `kubectl.kubernetes.io/default-container` annotation, else the
 * first) and says so on stderr, as kubectl 1.32 does. `-f` prints what is there and returns:
 * the runner has no stream to follow. `TYPE/NAME` reads the first pod of a workload or Service
 * (logs-pod-for-object.ts).
 */
import { findResource } from '../../../../sim/api/resources';
import { resourcePath } from '../../../../sim/client/resource-path';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { getObject } from '../api-calls';
import { boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { statusErrorText, statusOf } from '../server-error';
import { podForObject } from './logs-pod-for-object';

export const LOGS_FLAGS: readonly FlagSpec[] = [
  { name: 'container', short: 'c', kind: 'string' },
  { name: 'previous', short: 'p', kind: 'bool' },
  { name: 'follow', short: 'f', kind: 'bool' },
  { name: 'tail', kind: 'int' },
  { name: 'timestamps', kind: 'bool' },
];

const pods = findResource('pods');

export function logs(ctx: KubectlContext): CommandResult {
  if (!pods) return fail('error: pods are not served');
  const [target, ...extra] = ctx.flags.args;
  if (!target) return fail(`error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`);
  if (extra.length > 1) return fail(`error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`);
  let name = target;
  const notes: string[] = [];
  const slash = target.indexOf('/');
  if (slash >= 0) {
    const found = podForObject(ctx, target.slice(0, slash), target.slice(slash + 1));
    if ('error' in found) return fail(found.error);
    name = found.name;
    if (found.note) notes.push(found.note);
  }
  let container = stringFlag(ctx.flags, 'container') ?? extra[0];
  const pod = getObject(ctx, pods, ctx.namespace, name);
  if (!pod.ok) return fail(statusErrorText(statusOf(pod.response)));
  if (!container) {
    const spec = pod.value['spec'] as { containers?: { name?: string }[] } | undefined;
    const names = (spec?.containers ?? []).map((c) => c.name ?? '');
    if (names.length > 1) {
      container = pod.value.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? names[0];
      notes.push(`Defaulted container "${container ?? ''}" out of: ${names.join(', ')}`);
    }
  }
  const tail = stringFlag(ctx.flags, 'tail');
  const query: Record<string, string> = {
    ...(container ? { container } : {}),
    ...(boolFlag(ctx.flags, 'previous') ? { previous: 'true' } : {}),
    ...(tail !== undefined && Number(tail) >= 0 ? { tailLines: tail } : {}),
    ...(boolFlag(ctx.flags, 'timestamps') ? { timestamps: 'true' } : {}),
  };
  const r = ctx.request('GET', resourcePath(pods, { namespace: ctx.namespace, name, subresource: 'log', query }));
  if (r.code !== 200) return withStderrFirst(fail(statusErrorText(statusOf(r))), notes);
  return withStderrFirst({ exitCode: 0, stdout: typeof r.body === 'string' ? r.body : '', stderr: '' }, notes);
}
