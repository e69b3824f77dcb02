/**
 * `kubectl events`: the namespace's events (or -A), oldest first, as LAST SEEN TYPE REASON OBJECT
 * MESSAGE; `--for kind/name` narrows to one object, `--types` to Normal or Warning.
 */
import { findResource } from '../../../../sim/api/resources';
import { fail, type CommandResult } from '../../../types';
import { listObjects } from '../api-calls';
import { boolFlag, stringFlag, type FlagSpec } from '../flags';
import { nowMs, type KubectlContext } from '../kubectl-context';
import { noEventsFound, printEvents } from '../printers/events';
import { statusErrorText, statusOf } from '../server-error';

export const EVENTS_FLAGS: readonly FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'for', kind: 'string' },
  { name: 'types', kind: 'string' },
  { name: 'no-headers', kind: 'bool' },
  { name: 'watch', short: 'w', kind: 'bool' },
];

export function events(ctx: KubectlContext): CommandResult {
  const info = findResource('events');
  if (!info) return fail('error: the server doesn\'t have a resource type "events"');
  const all = boolFlag(ctx.flags, 'all-namespaces');
  const terms: string[] = [];
  const forObject = stringFlag(ctx.flags, 'for');
  if (forObject) {
    const [type = '', name = ''] = forObject.split('/');
    const target = findResource(type);
    if (!target || !name) return fail(`error: --for must be in resource/name form`);
    terms.push(`involvedObject.kind=${target.kind}`, `involvedObject.name=${name}`);
  }
  const r = listObjects(ctx, info, all ? undefined : ctx.namespace, { fieldSelector: terms.join(',') || undefined });
  if (!r.ok) return fail(statusErrorText(statusOf(r.response)));
  const types = stringFlag(ctx.flags, 'types')?.split(',').map((t) => t.toLowerCase());
  const items = types ? r.value.items.filter((e) => types.includes(String(e['type'] ?? '').toLowerCase())) : r.value.items;
  if (items.length === 0) return { exitCode: 0, stdout: '', stderr: noEventsFound(all ? undefined : ctx.namespace) };
  return { exitCode: 0, stdout: printEvents(items, { nowMs: nowMs(ctx), allNamespaces: all, noHeaders: boolFlag(ctx.flags, 'no-headers') }), stderr: '' };
}
