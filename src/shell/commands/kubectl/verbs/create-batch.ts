/**
 * `kubectl create job` and `kubectl create cronjob` (kubectl 1.32 pkg/cmd/create/create_job.go
 * and create_cronjob.go): their flags, Validate() messages and the objects they send. A Job
 * from `--image` runs one container named after the Job with `restartPolicy: Never`; `--from=
 * cronjob/NAME` copies the CronJob's jobTemplate with the `cronjob.kubernetes.io/instantiate:
 * manual` annotation and a controller reference without blockOwnerDeletion; a CronJob restarts
 * OnFailure unless `--restart` says otherwise.
 */
import type { KubeObject } from '../../../../sim/api/kube-object';
import { findResource } from '../../../../sim/api/resources';
import { getObject } from '../api-calls';
import { arrayFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { statusErrorText, statusOf } from '../server-error';

export const BATCH_FLAGS: readonly FlagSpec[] = [
  { name: 'from', kind: 'string' },
  { name: 'schedule', kind: 'string' },
  { name: 'restart', kind: 'string' },
];

type Built = { object: KubeObject } | { error: string };

/** A zero metav1.Time, which the generators' typed objects serialise as `creationTimestamp: null`. */
const ZERO_TIME = null as unknown as string;

/** The NAME and the command after `--` (NameFromCommandArgs: exactly one argument before the dash). */
function nameAndCommand(ctx: KubectlContext, what: string): { name: string; command: string[] } | { error: string } {
  const rest = ctx.flags.args.slice(1);
  const atDash = ctx.flags.argsLenAtDash === undefined || ctx.flags.argsLenAtDash < 0 ? rest.length : ctx.flags.argsLenAtDash - 1;
  if (atDash !== 1) return { error: `error: exactly one NAME is required, got ${atDash}\nSee 'kubectl create ${what} -h' for help and examples` };
  return { name: rest[0] ?? '', command: rest.slice(1) };
}

const lastImage = (ctx: KubectlContext): string => arrayFlag(ctx.flags, 'image').at(-1) ?? '';

export function jobObject(ctx: KubectlContext, metadata: (name: string) => KubeObject['metadata']): Built {
  const args = nameAndCommand(ctx, 'job');
  if ('error' in args) return args;
  const image = lastImage(ctx);
  const from = stringFlag(ctx.flags, 'from') ?? '';
  if ((image === '' && from === '') || (image !== '' && from !== '')) return { error: 'error: either --image or --from must be specified' };
  if (args.command.length > 0 && from !== '') return { error: 'error: cannot specify --from and command' };
  if (from !== '') return jobFromCronJob(ctx, from, metadata(args.name));
  return {
    object: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: metadata(args.name),
      spec: {
        template: {
          metadata: { creationTimestamp: ZERO_TIME },
          spec: { containers: [{ name: args.name, image, ...(args.command.length ? { command: args.command } : {}), resources: {} }], restartPolicy: 'Never' },
        },
      },
      status: {},
    },
  };
}

/** createJobFromCronJob: the CronJob is read as the user, with the builder's NotFound when it is not there. */
function jobFromCronJob(ctx: KubectlContext, from: string, metadata: KubeObject['metadata']): Built {
  const slash = from.indexOf('/');
  const type = slash < 0 ? from : from.slice(0, slash);
  const name = slash < 0 ? '' : from.slice(slash + 1);
  const info = findResource(type);
  if (!info) return { error: `error: the server doesn't have a resource type "${type}"` };
  if (slash < 0 || name === '') return { error: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'` };
  const got = getObject(ctx, info, ctx.namespace, name);
  if (!got.ok) return { error: statusErrorText(statusOf(got.response)) };
  if (info.resource !== 'cronjobs') return { error: `error: unknown object type *v1.${info.kind}` };
  const cj = got.value as KubeObject & { spec?: { jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown } } };
  const template = cj.spec?.jobTemplate ?? {};
  return {
    object: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        ...metadata,
        ...(template.metadata?.labels ? { labels: template.metadata.labels } : {}),
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...template.metadata?.annotations },
        // Not NewControllerRef: blockOwnerDeletion would need the cronjobs/finalizers permission.
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name ?? '', uid: cj.metadata.uid ?? '', controller: true }],
      },
      spec: structuredClone(template.spec ?? {}),
      status: {},
    },
  };
}

export function cronJobObject(ctx: KubectlContext, metadata: (name: string) => KubeObject['metadata']): Built {
  const args = nameAndCommand(ctx, 'cronjob');
  if ('error' in args) return args;
  const image = lastImage(ctx);
  const schedule = stringFlag(ctx.flags, 'schedule') ?? '';
  if (image === '') return { error: 'error: --image must be specified' };
  if (schedule === '') return { error: 'error: --schedule must be specified' };
  const restart = stringFlag(ctx.flags, 'restart') ?? 'OnFailure';
  return {
    object: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: metadata(args.name),
      spec: {
        jobTemplate: {
          metadata: { creationTimestamp: ZERO_TIME, name: args.name },
          spec: {
            template: {
              metadata: { creationTimestamp: ZERO_TIME },
              spec: { containers: [{ name: args.name, image, ...(args.command.length ? { command: args.command } : {}), resources: {} }], restartPolicy: restart },
            },
          },
        },
        schedule,
      },
      status: {},
    },
  };
}
