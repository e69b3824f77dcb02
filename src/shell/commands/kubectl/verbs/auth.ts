/**
 * `kubectl auth can-i VERB RESOURCE [NAME]` and `kubectl auth can-i --list`: a
 * SelfSubjectAccessReview (or SelfSubjectRulesReview) posted to authorization.k8s.io, as the
 * current user (or `--as`); `yes` with exit 0, `no` with exit 1, and the rules table for --list.
 * `kubectl auth whoami` posts a SelfSubjectReview. Validate()'s checks and warnings come first:
 * --subresource with a URL, --list with --quiet, --no-headers without --list, a cluster-scoped
 * resource asked in a namespace (the WarningPrinter's line, then the blank line its message's own
 * newline makes), an unknown verb for a URL.
 */
import { findResource } from '../../../../sim/api/resources';
import { fail, ok, withStderrFirst, type CommandResult } from '../../../types';
import { boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { formatTable } from '../printers/tabwriter';
import { serverError } from '../server-error';

export const AUTH_FLAGS: readonly FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'list', kind: 'bool' },
  { name: 'quiet', short: 'q', kind: 'bool' },
  { name: 'subresource', kind: 'string' },
  { name: 'no-headers', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
];

const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
/** cani.go nonResourceURLVerbs. */
const NON_RESOURCE_VERBS = ['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*'];
const SSRR = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews';

interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}
interface NonResourceRule {
  verbs: string[];
  nonResourceURLs?: string[];
}

function bracket(values: readonly string[] | undefined): string {
  return `[${(values ?? []).join(' ')}]`;
}

interface BrokenRule {
  verbs: string[];
  group?: string;
  resource?: string;
  resourceName?: string;
  url?: string;
}

/** rbac BreakdownRule then CompactRules: one row per group/resource/name with its verbs, one per URL. */
function breakdown(resourceRules: readonly ResourceRule[], nonResourceRules: readonly NonResourceRule[]): BrokenRule[] {
  const rules: BrokenRule[] = [];
  for (const rule of resourceRules) {
    for (const group of rule.apiGroups ?? []) {
      for (const resource of rule.resources ?? []) {
        for (const resourceName of rule.resourceNames?.length ? rule.resourceNames : [undefined]) {
          const existing = rules.find((r) => r.url === undefined && r.group === group && r.resource === resource && r.resourceName === resourceName);
          if (existing) existing.verbs.push(...rule.verbs.filter((v) => !existing.verbs.includes(v)));
          else rules.push({ verbs: [...rule.verbs], group, resource, ...(resourceName !== undefined ? { resourceName } : {}) });
        }
      }
    }
  }
  for (const rule of nonResourceRules) for (const url of rule.nonResourceURLs ?? []) for (const verb of rule.verbs) rules.push({ verbs: [verb], url });
  return rules;
}

/** rbacv1.PolicyRule's generated String(), which kubectl sorts the rows by. */
function protoString(r: BrokenRule): string {
  const list = (v: string | undefined) => (v === undefined ? '[]' : `[${v}]`);
  return `&PolicyRule{Verbs:[${r.verbs.join(' ')}],APIGroups:${list(r.group)},Resources:${list(r.resource)},ResourceNames:${list(r.resourceName)},NonResourceURLs:${list(r.url)},}`;
}

/** describe.CombineResourceGroup: `pods`, `deployments.apps`, `pods/log`. */
function combineResourceGroup(resource: string | undefined, group: string | undefined): string {
  if (!resource) return '';
  const [base = '', sub] = resource.split('/', 2);
  return `${base}${group ? `.${group}` : ''}${sub !== undefined ? `/${sub}` : ''}`;
}

function canIList(ctx: KubectlContext): CommandResult {
  const r = ctx.request('POST', SSRR, { body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: ctx.namespace } } });
  if (r.code >= 300) return serverError(r);
  const status = (r.body as { status?: { resourceRules?: ResourceRule[]; nonResourceRules?: NonResourceRule[] } }).status ?? {};
  const rules = breakdown(status.resourceRules ?? [], status.nonResourceRules ?? []);
  const keyed = rules.map((rule) => ({ rule, key: protoString(rule) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = keyed.map(({ rule }) => [combineResourceGroup(rule.resource, rule.group), list(rule.url), list(rule.resourceName), `[${rule.verbs.join(' ')}]`]);
  const header = boolFlag(ctx.flags, 'no-headers') ? [] : [['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']];
  return ok(formatTable([...header, ...rows]));
}

function list(v: string | undefined): string {
  return v === undefined ? '[]' : `[${v}]`;
}

export function auth(ctx: KubectlContext): CommandResult {
  const [sub, ...args] = ctx.flags.args;
  if (sub === 'whoami') {
    const r = ctx.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    if (r.code >= 300) return serverError(r);
    const info = (r.body as { status?: { userInfo?: { username?: string; groups?: string[] } } }).status?.userInfo ?? {};
    return ok(formatTable([['ATTRIBUTE', 'VALUE'], ['Username', info.username ?? ''], ['Groups', bracket(info.groups)]]));
  }
  if (sub !== 'can-i') return fail(`error: unknown command "${sub ?? ''}" for "kubectl auth"`);
  if (boolFlag(ctx.flags, 'list')) {
    if (boolFlag(ctx.flags, 'quiet')) return fail('error: --list and --quiet should not be specified at the same time');
    return canIList(ctx);
  }
  if (boolFlag(ctx.flags, 'no-headers')) return fail('error: --no-headers cannot be set without --list specified');
  const [verb, target, nameArg] = args;
  if (!verb || !target) return fail(`error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples`);
  let resourceAttributes: Record<string, string> | undefined;
  let nonResourceAttributes: Record<string, string> | undefined;
  if (target.startsWith('/')) {
    if (stringFlag(ctx.flags, 'subresource')) return fail('error: --subresource can not be used with NonResourceURL');
    if (nameArg) return fail('error: NonResourceURL and ResourceName can not specified together');
    nonResourceAttributes = { path: target, verb };
  } else {
    const [typePart = '', name = nameArg ?? ''] = target.split('/');
    const info = findResource(typePart);
    const warnings: string[] = [];
    const group = info?.group ?? (typePart.includes('.') ? typePart.slice(typePart.indexOf('.') + 1) : '');
    const resource = info?.resource ?? typePart.split('.')[0] ?? typePart;
    if (!info && typePart !== '*') warnings.push(`Warning: the server doesn't have a resource type '${typePart}'`);
    // The message ends in a newline of its own and the printer adds one: a blank line follows.
    if (info && !info.namespaced && !boolFlag(ctx.flags, 'all-namespaces')) {
      warnings.push(info.group ? `Warning: resource '${info.resource}' is not namespace scoped in group '${info.group}'\n` : `Warning: resource '${info.resource}' is not namespace scoped\n`);
    }
    resourceAttributes = {
      namespace: boolFlag(ctx.flags, 'all-namespaces') ? '' : ctx.namespace,
      verb,
      group,
      resource,
      ...(stringFlag(ctx.flags, 'subresource') ? { subresource: stringFlag(ctx.flags, 'subresource') as string } : {}),
      ...(name ? { name } : {}),
    };
    const result = review(ctx, resourceAttributes, undefined);
    if ('response' in result) return result.response;
    return answer(ctx, result.allowed, warnings);
  }
  const result = review(ctx, undefined, nonResourceAttributes);
  if ('response' in result) return result.response;
  return answer(ctx, result.allowed, NON_RESOURCE_VERBS.includes(verb) ? [] : [`Warning: verb '${verb}' is not a known verb\n`]);
}

function review(ctx: KubectlContext, resourceAttributes: Record<string, string> | undefined, nonResourceAttributes: Record<string, string> | undefined): { allowed: boolean } | { response: CommandResult } {
  const body = {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    metadata: { creationTimestamp: null },
    spec: { ...(resourceAttributes ? { resourceAttributes } : {}), ...(nonResourceAttributes ? { nonResourceAttributes } : {}) },
    status: { allowed: false },
  };
  const r = ctx.request('POST', SSAR, { body });
  if (r.code >= 300) return { response: serverError(r) };
  return { allowed: (r.body as { status?: { allowed?: boolean } }).status?.allowed === true };
}

function answer(ctx: KubectlContext, allowed: boolean, warnings: readonly string[]): CommandResult {
  const stderr = warnings.map((w) => `${w}\n`).join('');
  if (boolFlag(ctx.flags, 'quiet')) return { exitCode: allowed ? 0 : 1, stdout: '', stderr };
  // Warnings come before the answer.
  return withStderrFirst({ exitCode: allowed ? 0 : 1, stdout: allowed ? 'yes\n' : 'no\n', stderr: '' }, warnings);
}
