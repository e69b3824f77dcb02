/**
 * kubectl's deprecated `--record` (genericclioptions RecordFlags and ChangeCauseRecorder): the
 * command line, rebuilt as `kubectl` + its arguments + each flag as ` --name=value` in the order
 * given, goes into the object's `kubernetes.io/change-cause` annotation, which the Deployment
 * controller copies to the new ReplicaSet, where `rollout history` reads it. pflag says the flag
 * is deprecated as it parses it.
 */
import type { KubeObject } from '../../../../../sim/api/kube-object';
import type { KubectlContext } from '../../kubectl-context';
import { CHANGE_CAUSE_ANNOTATION } from '../rollout/deployment-revisions';

export const RECORD_DEPRECATED = 'Flag --record has been deprecated, --record will be removed in the future';

/** The notice pflag prints for a given --record, before anything else. */
export function recordNotices(ctx: KubectlContext): string[] {
  return ctx.flags.values.has('record') ? [RECORD_DEPRECATED] : [];
}

/** parseCommandArguments: what the change-cause says for this command line. */
export function changeCause(ctx: KubectlContext, verb: string): string {
  const flags = [...ctx.flags.values.entries()].map(([name, value]) => ` --${name}=${Array.isArray(value) ? value.join(',') : String(value)}`).join('');
  return `kubectl ${[verb, ...ctx.flags.args].join(' ')}${flags}`;
}

/** ChangeCauseRecorder.Record, when --record is true; a no-op otherwise. */
export function record(ctx: KubectlContext, verb: string, obj: KubeObject): void {
  if (ctx.flags.values.get('record') !== true) return;
  (obj.metadata.annotations ??= {})[CHANGE_CAUSE_ANNOTATION] = changeCause(ctx, verb);
}
