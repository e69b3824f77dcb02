/**
 * `kubectl wait (TYPE NAME | TYPE/NAME | TYPE -l SELECTOR | TYPE --all | -f FILE) --for=...`
 * (staging/src/k8s.io/kubectl/pkg/cmd/wait/wait.go RunWait): each object in turn is read, then
 * watched until the condition holds, printing `pod/web condition met`; the simulated clock runs
 * while it waits, up to --timeout (30 s by default, shared by the objects), after which it fails
 * with client-go's `timed out waiting for the condition on pods/web`.
 */
import { resourcePath } from '../../../../../sim/client/resource-path';
import type { KubeObject } from '../../../../../sim/api/kube-object';
import type { ClientWatchEvent } from '../../../../../sim/api/watch';
import { parseDuration } from '../../../../duration';
import { fail, type CommandResult } from '../../../../types';
import { getObject, objectRef } from '../../api-calls';
import { boolFlag, stringFlag, arrayFlag, type FlagSpec } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { stepUntil } from '../../request-sync';
import { resourceTargets, type Target } from '../../resource-targets';
import { statusErrorText, statusOf } from '../../server-error';
import { parseWaitFor, type WaitFor } from './conditions';
import { RECURSIVE_FLAG } from '../../file-paths';

export const WAIT_FLAGS: readonly FlagSpec[] = [
  { name: 'for', kind: 'string' },
  { name: 'timeout', kind: 'string' },
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'field-selector', kind: 'string' },
  { name: 'all', kind: 'bool' },
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
];

const DEFAULT_TIMEOUT_MS = 30_000;
const A_WEEK_MS = 168 * 3_600_000;
/** `--for=create` polls the builder every 2 s (wait.PollUntilContextTimeout). */
const CREATE_POLL_MS = 2_000;

function timeoutMs(flag: string | undefined): number | { error: string } {
  if (flag === undefined) return DEFAULT_TIMEOUT_MS;
  const negative = flag.startsWith('-');
  const ms = parseDuration(negative ? flag.slice(1) : flag);
  if (ms === undefined) return { error: `error: invalid argument "${flag}" for "--timeout" flag: time: invalid duration "${flag}"` };
  return negative ? A_WEEK_MS : ms;
}

type Outcome = { readonly met: true; readonly object?: KubeObject } | { readonly met: false; readonly error: string };

/** Watch one object (by name, as UntilWithSync does) until `done` says so or the deadline passes. */
function watchUntil(ctx: KubectlContext, t: Target, deadline: number, done: (event: ClientWatchEvent) => boolean): boolean {
  let met = false;
  const path = resourcePath(t.info, { namespace: t.namespace, query: { watch: 'true', fieldSelector: `metadata.name=${t.name}` } });
  const handle = ctx.client.watch(path, (event) => {
    if (!met && done(event)) met = true;
  });
  stepUntil(ctx.clock, () => met, deadline);
  handle.stop();
  return met;
}

function timedOut(ctx: KubectlContext, t: Target, deadline: number): Outcome {
  ctx.clock.runUntil(deadline);
  return { met: false, error: `error: timed out waiting for the condition on ${t.info.resource}/${t.name}` };
}

function waitOne(ctx: KubectlContext, t: Target, forWhat: WaitFor, deadline: number, once: boolean): Outcome | 'skip' {
  const got = getObject(ctx, t.info, t.namespace, t.name);
  if (forWhat.kind === 'create') {
    if (got.ok) return { met: true, object: got.value };
    if (got.response.code !== 404) return { met: false, error: statusErrorText(statusOf(got.response)) };
    if (once) return { met: false, error: 'error: timed out waiting for the condition' };
    for (let at = ctx.clock.now() + CREATE_POLL_MS; at <= deadline; at += CREATE_POLL_MS) {
      ctx.clock.runUntil(at);
      const again = getObject(ctx, t.info, t.namespace, t.name);
      if (again.ok) return { met: true, object: again.value };
    }
    ctx.clock.runUntil(deadline);
    return { met: false, error: 'error: timed out waiting for the condition' };
  }
  if (!got.ok) {
    // RunWait ignores NotFound when waiting for deletion: the object is simply not visited.
    if (forWhat.kind === 'delete' && got.response.code === 404) return 'skip';
    return { met: false, error: statusErrorText(statusOf(got.response)) };
  }
  const live = got.value;
  if (forWhat.kind === 'delete') {
    if (once) return { met: false, error: `error: condition not met for ${t.info.resource}/${t.name}` };
    const uid = live.metadata.uid;
    const met = watchUntil(ctx, t, deadline, (e) => e.type === 'DELETED' && (!uid || e.object.metadata.uid === uid));
    return met ? { met: true, object: live } : timedOut(ctx, t, deadline);
  }
  const first = forWhat.check(live);
  if (typeof first === 'object') return { met: false, error: first.error };
  if (first) return { met: true, object: live };
  if (once) return { met: false, error: `error: condition not met for ${t.info.resource}/${t.name}` };
  let latest = live;
  let failure: string | undefined;
  const met = watchUntil(ctx, t, deadline, (e) => {
    if (e.type !== 'ADDED' && e.type !== 'MODIFIED') return false;
    latest = e.object as KubeObject;
    const r = forWhat.check(latest);
    if (typeof r === 'object') {
      failure = r.error;
      return true;
    }
    return r;
  });
  if (failure) return { met: false, error: failure };
  return met ? { met: true, object: latest } : timedOut(ctx, t, deadline);
}

export function waitVerb(ctx: KubectlContext): CommandResult {
  const forFlag = stringFlag(ctx.flags, 'for') ?? '';
  const forWhat = parseWaitFor(forFlag);
  if ('error' in forWhat) return fail(forWhat.error);
  const timeout = timeoutMs(stringFlag(ctx.flags, 'timeout'));
  if (typeof timeout === 'object') return fail(timeout.error);
  const output = stringFlag(ctx.flags, 'output');
  if (output !== undefined && output !== '' && output !== 'name') return fail(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: name`);
  const found = resourceTargets(ctx, {
    files: arrayFlag(ctx.flags, 'filename'),
    selector: stringFlag(ctx.flags, 'selector'),
    fieldSelector: stringFlag(ctx.flags, 'field-selector'),
    all: boolFlag(ctx.flags, 'all'),
    allNamespaces: boolFlag(ctx.flags, 'all-namespaces'),
  });
  if (!found.ok) return fail(found.error);
  const deadline = ctx.clock.now() + timeout;
  let stdout = '';
  let visited = 0;
  for (const t of found.targets) {
    const outcome = waitOne(ctx, t, forWhat, deadline, timeout === 0);
    if (outcome === 'skip') continue;
    visited++;
    if (!outcome.met) return { exitCode: 1, stdout, stderr: `${outcome.error}\n` };
    stdout += output === 'name' ? `${objectRef(t.info, t.name)}\n` : `${objectRef(t.info, t.name)} condition met\n`;
  }
  if (found.errors.length > 0) return { exitCode: 1, stdout, stderr: found.errors.map((e) => `${e}\n`).join('') };
  if (visited === 0 && forWhat.kind !== 'delete') return { exitCode: 1, stdout, stderr: 'error: no matching resources found\n' };
  return { exitCode: 0, stdout, stderr: '' };
}
