/**
 * `kubectl set subject (TYPE NAME | TYPE/NAME) [--user=NAME] [--group=NAME]
 * [--serviceaccount=NAMESPACE:NAME]`: kubectl 1.32's SubjectOptions (pkg/cmd/set/set_subject.go).
 * The subjects not already in a RoleBinding or ClusterRoleBinding are appended (users, then
 * groups, then service accounts) and the difference sent as a strategic merge patch:
 * `rolebinding.rbac.authorization.k8s.io/admin subject updated`.
 */
import type { Subject } from 'kubernetes-types/rbac/v1';
import { fail, withStderrFirst, type CommandResult } from '../../../../types';
import { DRY_RUN_FLAG, dryRunStrategy } from '../../dry-run';
import { arrayFlag, boolFlag, stringFlag, type FlagSpec } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { joinOutput, outputFormatOf, PRINT_FLAGS, type OutputChunk } from '../../output';
import { statusErrorText, statusOf } from '../../server-error';
import { findTargets, hasFiles } from '../rollout/targets';
import { aggregateText, patchEach } from './patches';
import { RECURSIVE_FLAG } from '../../file-paths';

/** `--user` here is the subject's, not the kubeconfig user kubectl's global flag names. */
export const SET_SUBJECT_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'all', kind: 'bool' },
  { name: 'local', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'user', kind: 'stringArray' },
  { name: 'group', kind: 'stringArray' },
  { name: 'serviceaccount', kind: 'stringArray' },
  { name: 'field-manager', kind: 'string' },
];

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function same(a: Subject, b: Subject): boolean {
  return a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '') && (a.apiGroup ?? '') === (b.apiGroup ?? '');
}

export function setSubjectVerb(ctx: KubectlContext): CommandResult {
  const resources = ctx.flags.args.slice(1);
  const users = arrayFlag(ctx.flags, 'user');
  const groups = arrayFlag(ctx.flags, 'group');
  const serviceAccounts = arrayFlag(ctx.flags, 'serviceaccount');
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  // Validate(), in its order.
  if (resources.length < 1 && !hasFiles(ctx)) return fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (users.length === 0 && groups.length === 0 && serviceAccounts.length === 0) return fail('error: you must specify at least one value of user, group or serviceaccount');
  const subjects: Subject[] = [...users.map((name) => ({ kind: 'User', apiGroup: RBAC_GROUP, name })), ...groups.map((name) => ({ kind: 'Group', apiGroup: RBAC_GROUP, name }))];
  for (const sa of serviceAccounts) {
    const tokens = sa.split(':');
    if (tokens.length !== 2 || tokens[1] === '') return fail('error: serviceaccount must be <namespace>:<name>');
    subjects.push({ kind: 'ServiceAccount', namespace: tokens[0] || ctx.namespace, name: tokens[1] ?? '' });
  }
  if (boolFlag(ctx.flags, 'local')) return fail('error: "kubectl set subject --local" is not simulated yet: kubectl reads the objects from the server here');
  const found = findTargets(ctx, resources, { selector: stringFlag(ctx.flags, 'selector'), all: boolFlag(ctx.flags, 'all') });
  if (!found.ok) return fail(found.error);
  const errors = [...found.errors];
  const lines: OutputChunk[] = [];
  patchEach(ctx, found.targets, format, dryRun.strategy, {
    change: (copy, info) => {
      if (info.group !== RBAC_GROUP || (info.kind !== 'RoleBinding' && info.kind !== 'ClusterRoleBinding')) return 'setting subjects is only supported for RoleBinding/ClusterRoleBinding';
      const binding = copy as unknown as { subjects?: Subject[] };
      const existing = binding.subjects ?? [];
      const added = subjects.filter((s) => !existing.some((e) => same(e, s)));
      if (added.length > 0) binding.subjects = [...existing, ...added];
      return undefined;
    },
    operation: 'subject updated',
    failure: (r) => `failed to patch subjects to rolebinding: ${statusErrorText(statusOf(r))}`,
    printUnchanged: true,
  }, { lines, errors });
  return withStderrFirst({ exitCode: errors.length ? 1 : 0, stdout: joinOutput(lines), stderr: aggregateText(errors) }, dryRun.warnings);
}
