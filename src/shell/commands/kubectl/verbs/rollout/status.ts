/**
 * `kubectl rollout status deployment|daemonset|statefulset/NAME`: kubectl 1.32's
 * RolloutStatusOptions.Run. It lists the object by name and watches it (watchtools.UntilWithSync),
 * and for the listed object and every change after, prints what its status viewer says
 * (workload-status.ts for DaemonSets and StatefulSets), until the rollout is done,
 * the progress deadline has passed (an error), `--watch=false`, or `--timeout`. While it waits
 * the simulated cluster runs, as `sleep` runs it, in the runner and in the page's terminal alike.
 * kubectl would wait for ever without --timeout; a simulation must end, so the wait stops after
 * SIMULATED_WAIT_CAP_MS and says so.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../../../../sim/api/kube-object';
import type { ClientWatchEvent } from '../../../../../sim/api/watch';
import { resourcePath } from '../../../../../sim/client/resource-path';
import { fail, type CommandResult } from '../../../../types';
import { listObjects } from '../../api-calls';
import { stringFlag, type FlagSpec } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { stepUntil } from '../../request-sync';
import { statusErrorText, statusOf } from '../../server-error';
import { goDuration, SIMULATED_WAIT_CAP_MS } from '../drain-pods';
import { revisionOf } from './deployment-revisions';
import { durationFlagMs } from './duration-flag';
import { findTargets, groupKind, hasFiles } from './targets';
import { daemonSetStatus, statefulSetStatus, type Viewed } from './workload-status';
import { RECURSIVE_FLAG } from '../../file-paths';

export const STATUS_FLAGS: readonly FlagSpec[] = [
  { name: 'watch', short: 'w', kind: 'bool' },
  { name: 'revision', kind: 'int' },
  { name: 'timeout', kind: 'string' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
];


/** DeploymentStatusViewer.Status (polymorphichelpers/rollout_status.go, 1.32). */
export function deploymentStatus(obj: KubeObject, revision: number): Viewed {
  const d = obj as unknown as Deployment;
  const name = JSON.stringify(obj.metadata.name ?? '');
  if (revision > 0) {
    const current = revisionOf(d);
    if (current === undefined) return { error: `cannot get the revision of deployment ${name}: strconv.ParseInt: parsing "${d.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? ''}": invalid syntax` };
    if (current !== revision) return { error: `desired revision (${revision}) is different from the running revision (${current})` };
  }
  const s = d.status ?? {};
  if ((d.metadata?.generation ?? 0) <= (s.observedGeneration ?? 0)) {
    const progressing = (s.conditions ?? []).find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') return { error: `deployment ${name} exceeded its progress deadline` };
    const updated = s.updatedReplicas ?? 0;
    const replicas = d.spec?.replicas;
    if (replicas !== undefined && updated < replicas) {
      return { message: `Waiting for deployment ${name} rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
    }
    if ((s.replicas ?? 0) > updated) {
      return { message: `Waiting for deployment ${name} rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
    }
    if ((s.availableReplicas ?? 0) < updated) {
      return { message: `Waiting for deployment ${name} rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
    }
    return { message: `deployment ${name} successfully rolled out\n`, done: true };
  }
  return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
}

export function rolloutStatus(ctx: KubectlContext): CommandResult {
  const timeout = durationFlagMs(stringFlag(ctx.flags, 'timeout'), 'timeout', 'rollout status');
  if (typeof timeout !== 'number') return fail(timeout.error);
  const args = ctx.flags.args.slice(1);
  if (args.length === 0 && !hasFiles(ctx)) return fail('error: required resource not specified');
  const revision = Number(stringFlag(ctx.flags, 'revision') ?? '0');
  if (revision < 0) return fail(`error: revision must be a positive integer: ${revision}`);
  // --watch defaults to true; only an explicit false turns it off.
  const watch = ctx.flags.values.get('watch') !== false;
  const found = findTargets(ctx, args, { selector: stringFlag(ctx.flags, 'selector'), all: true });
  if (!found.ok) return fail(found.error);
  if (found.errors.length > 0) return fail(found.errors.join('\n'));
  if (found.targets.length !== 1) return fail(`error: rollout status is only supported on individual resources and resource collections - ${found.targets.length} resources were found`);
  const { info, object } = found.targets[0] as (typeof found.targets)[number];
  // StatusViewerFor: one viewer per workload kind.
  const viewers: Record<string, (obj: KubeObject) => Viewed> = {
    Deployment: (obj) => deploymentStatus(obj, revision),
    DaemonSet: daemonSetStatus,
    StatefulSet: statefulSetStatus,
  };
  const viewer = info.group === 'apps' ? viewers[info.kind] : undefined;
  if (!viewer) return fail(`error: no status viewer has been implemented for ${groupKind(info)}`);

  const name = object.metadata.name ?? '';
  const fieldSelector = `metadata.name=${name}`;
  const listed = listObjects(ctx, info, object.metadata.namespace, { fieldSelector });
  if (!listed.ok) return fail(statusErrorText(statusOf(listed.response)));

  let stdout = '';
  let error: string | undefined;
  let finished = false;
  const see = (obj: KubeObject) => {
    if (finished) return;
    const viewed = viewer(obj);
    if ('error' in viewed) {
      error = viewed.error;
      finished = true;
      return;
    }
    stdout += viewed.message;
    if (viewed.done || !watch) finished = true;
  };
  // The informer's initial list comes to the condition as Added events.
  for (const obj of listed.value.items) see(obj);
  if (!finished) {
    const started = ctx.clock.now();
    const handle = ctx.client.watch(resourcePath(info, { namespace: object.metadata.namespace, query: { watch: 'true', resourceVersion: listed.value.resourceVersion, fieldSelector } }), (event: ClientWatchEvent) => {
      if (finished) return;
      if (event.type === 'ADDED' || event.type === 'MODIFIED') see(event.object);
      else if (event.type === 'DELETED') {
        error = 'object has been deleted';
        finished = true;
      }
    });
    const deadline = started + (timeout > 0 ? Math.min(timeout, SIMULATED_WAIT_CAP_MS) : SIMULATED_WAIT_CAP_MS);
    if (!stepUntil(ctx.clock, () => finished, deadline)) ctx.clock.runUntil(deadline);
    handle.stop();
    if (!finished) {
      if (timeout > 0 && timeout <= SIMULATED_WAIT_CAP_MS) error = 'timed out waiting for the condition';
      else return { exitCode: 1, stdout, stderr: `kubearch: stopped waiting after ${goDuration(SIMULATED_WAIT_CAP_MS)} of simulated time (kubectl would wait on; give --timeout)\n` };
    }
  }
  return error === undefined ? { exitCode: 0, stdout, stderr: '' } : { exitCode: 1, stdout, stderr: `error: ${error}\n` };
}
