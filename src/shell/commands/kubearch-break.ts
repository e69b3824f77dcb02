/**
 * `kubearch break add|list|delete`: breakpoints on the cluster. A step, a sleep or the page's
 * play stops between events when one holds, and says which. The conditions:
 *
 *   kubearch break add etcd-write PREFIX            a PUT or DELETE of a key under PREFIX
 *   kubearch break add watch RESOURCE [TYPE]        a watch event of pods, nodes... (ADDED, MODIFIED, DELETED)
 *   kubearch break add request [--user U] [--verb V]  a request by a user, with a verb
 *   kubearch break add pod-phase PHASE              a pod entering Pending, Running, Succeeded, Failed
 *
 * Parsing only: adding and deleting are the registry's `breakpoint` action, as on the page.
 */
import { performFromShell } from '../actions';
import { BREAK_USAGE, parseCondition } from './break-condition';
import { fail, type CommandContext, type CommandResult } from '../types';

export function kubearchBreak(ctx: CommandContext, args: readonly string[]): CommandResult {
  const [verb, ...rest] = args;
  switch (verb) {
    case 'list':
      if (rest.length) return fail(`kubearch break: usage: ${BREAK_USAGE}`);
      return performFromShell(ctx, { name: 'breakpoint', verb: 'list' }, undefined, 'kubearch break');
    case 'delete': {
      const [id, ...extra] = rest;
      if (id === undefined || extra.length || !/^\d+$/.test(id)) return fail(`kubearch break delete: N must be a breakpoint's number, got '${rest.join(' ')}'`);
      return performFromShell(ctx, { name: 'breakpoint', verb: 'delete', id: Number(id) }, undefined, 'kubearch break delete');
    }
    case 'add': {
      const parsed = parseCondition(rest);
      if (typeof parsed === 'string') return fail(`kubearch break add: ${parsed}`);
      return performFromShell(ctx, { name: 'breakpoint', verb: 'add', condition: parsed }, undefined, 'kubearch break add');
    }
    default:
      return fail(`kubearch break: usage: ${BREAK_USAGE}`);
  }
}
