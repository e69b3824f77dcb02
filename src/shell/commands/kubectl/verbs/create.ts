/**
 * `kubectl create`: `-f` (POST each object; `--save-config` stores the last-applied annotation),
 * and the generators learners use: namespace, configmap (--from-literal), secret generic
 * (--from-literal), deployment (--image, --replicas, --port), service clusterip|nodeport|
 * loadbalancer (--tcp, --clusterip, --node-port), serviceaccount, role and clusterrole (--verb,
 * --resource, --non-resource-url), rolebinding and clusterrolebinding (--clusterrole/--role,
 * --user, --group, --serviceaccount), service externalname (--external-name), secret
 * docker-registry (--docker-*), quota (--hard, --scopes), priorityclass and poddisruptionbudget
 * (create-budgets.ts), job (--image [-- COMMAND], --from=cronjob/NAME) and cronjob (--image,
 * --schedule, --restart; create-batch.ts), each building the object kubectl's
 * generator builds.
 */
import { base64Encode, utf8Bytes } from '../../../../sim/base64';
import { findResource, type ResourceInfo } from '../../../../sim/api/resources';
import { resourcePath } from '../../../../sim/client/resource-path';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { objectRef } from '../api-calls';
import { DRY_RUN_FLAG, dryRunQuery, dryRunStrategy, dryRunSuffix } from '../dry-run';
import { arrayFlag, boolFlag, stringFlag, type FlagSpec } from '../flags';
import { fieldValidationDirective, VALIDATE_FLAG } from '../field-validation';
import type { KubectlContext } from '../kubectl-context';
import { filenameOptions, KUSTOMIZE_FLAG, readManifests } from '../manifest-source';
import { joinOutput, outputFormatOf, PRINT_FLAGS, printObjects, type OutputChunk } from '../output';
import { statusErrorText, statusOf } from '../server-error';
import { modifiedConfiguration } from './apply';
import { createRaw, RAW_FLAGS } from './create-raw';
import { BATCH_FLAGS, cronJobObject, jobObject } from './create-batch';
import { BUDGET_FLAGS, podDisruptionBudgetObject, priorityClassObject } from './create-budgets';
import { RECURSIVE_FLAG } from '../file-paths';

export const CREATE_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  KUSTOMIZE_FLAG,
  // Filters what the files hold (the builder's FilterByLabelSelector); `create pdb` has its own --selector.
  { name: 'selector', short: 'l', kind: 'string' },
  DRY_RUN_FLAG,
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
  { name: 'save-config', kind: 'bool' },
  { name: 'from-literal', kind: 'stringArray' },
  { name: 'image', kind: 'stringArray' },
  { name: 'replicas', short: 'r', kind: 'int' },
  { name: 'port', kind: 'int' },
  { name: 'verb', kind: 'stringArray' },
  { name: 'resource', kind: 'stringArray' },
  { name: 'clusterrole', kind: 'string' },
  { name: 'role', kind: 'string' },
  { name: 'user', kind: 'stringArray' },
  { name: 'group', kind: 'stringArray' },
  { name: 'serviceaccount', kind: 'stringArray' },
  { name: 'type', kind: 'string' },
  { name: 'tcp', kind: 'stringArray' },
  { name: 'clusterip', kind: 'string' },
  { name: 'node-port', kind: 'int' },
  { name: 'non-resource-url', kind: 'stringArray' },
  { name: 'resource-name', kind: 'stringArray' },
  { name: 'aggregation-rule', kind: 'string' },
  { name: 'external-name', kind: 'string' },
  { name: 'docker-username', kind: 'string' },
  { name: 'docker-password', kind: 'string' },
  { name: 'docker-email', kind: 'string' },
  { name: 'docker-server', kind: 'string' },
  { name: 'hard', kind: 'string' },
  { name: 'scopes', kind: 'string' },
  ...BUDGET_FLAGS,
  ...BATCH_FLAGS,
  VALIDATE_FLAG,
  ...RAW_FLAGS,
];

/** A zero metav1.Time, which the generators' typed objects serialise as `creationTimestamp: null`. */
const ZERO_TIME = null as unknown as string;

function literals(ctx: KubectlContext): Record<string, string> | string {
  const data: Record<string, string> = {};
  for (const literal of arrayFlag(ctx.flags, 'from-literal')) {
    const eq = literal.indexOf('=');
    if (eq <= 0) return `error: invalid literal source ${literal}, expected key=value`;
    data[literal.slice(0, eq)] = literal.slice(eq + 1);
  }
  return data;
}

/** create_deployment.go: the container name is the image's last path segment without tag or digest. */
function containerNameFor(image: string): string {
  let name = image.split('/').at(-1) ?? image;
  name = name.split(':')[0] ?? name;
  name = name.split('@')[0] ?? name;
  return name.replaceAll('_', '-');
}

/** `errorPrefix`: how the generator wraps a failed create, when not by its resource (services). */
type Generated = { info: ResourceInfo; object: KubeObject; errorPrefix?: string } | { error: string };

/** create_role.go's rules: one rule per API group of the --resource values, all with the --verb values. */
function policyRules(ctx: KubectlContext, allowNone: boolean): { rules: Record<string, string[]>[]; verbs: string[] } | { error: string } {
  const verbs = arrayFlag(ctx.flags, 'verb').flatMap((v) => v.split(','));
  const resources = arrayFlag(ctx.flags, 'resource').flatMap((v) => v.split(','));
  const resourceNames = arrayFlag(ctx.flags, 'resource-name');
  if (verbs.length === 0) return { error: 'error: at least one verb must be specified' };
  if (resources.length === 0 && !allowNone) return { error: 'error: at least one resource must be specified' };
  const rules: { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }[] = [];
  for (const r of resources) {
    // create_role.go Complete: RESOURCE[.GROUP][/SUBRESOURCE]; validateResource names what is missing.
    const [resourceGroup = '', subresource] = r.split(/\/(.*)/s);
    const dot = resourceGroup.indexOf('.');
    const [resource, group] = dot === -1 ? [resourceGroup, ''] : [resourceGroup.slice(0, dot), resourceGroup.slice(dot + 1)];
    const info = findResource(group ? `${resource}.${group}` : resource);
    if (!info) return { error: group ? `error: the server doesn't have a resource type "${resource}" in group "${group}"` : `error: the server doesn't have a resource type "${resource}"` };
    const sub = subresource ? `/${subresource}` : '';
    const rule = rules.find((x) => x.apiGroups[0] === info.group);
    if (rule) rule.resources.push(info.resource + sub);
    else rules.push({ apiGroups: [info.group], resources: [info.resource + sub], verbs, ...(resourceNames.length ? { resourceNames } : {}) });
  }
  return { rules, verbs };
}

/** create_service.go's `--tcp port[:targetPort]`: the port's name is the spec with `:` turned to `-`. */
function servicePorts(specs: readonly string[], nodePort: number): { ports: Record<string, unknown>[] } | { error: string } {
  const ports: Record<string, unknown>[] = [];
  for (const spec of specs) {
    const [port = '', target = port] = spec.split(':');
    if (!/^\d+$/.test(port)) return { error: `error: strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax` };
    ports.push({
      name: spec.replaceAll(':', '-'),
      protocol: 'TCP',
      port: Number(port),
      // intstr.Parse: a number when it is one, else a port name.
      targetPort: /^\d+$/.test(target) ? Number(target) : target,
      ...(nodePort ? { nodePort } : {}),
    });
  }
  return { ports };
}

const SERVICE_TYPES: Readonly<Record<string, string>> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' };

/** create_secret_docker.go: the default --docker-server. */
const DOCKER_HUB = 'https://index.docker.io/v1/';

function generate(ctx: KubectlContext, kind: string, name: string | undefined): Generated {
  const need = (what: string) => ({ error: `error: exactly one NAME is required, got 0\nSee 'kubectl create ${what} -h' for help and examples` });
  const res = (r: string) => findResource(r) as ResourceInfo;
  // The generators leave the namespace to the request's URL unless -n was given, and send a null
  // creationTimestamp, as their typed objects serialise.
  const meta = (namespaced: boolean) => ({ creationTimestamp: ZERO_TIME, name: name ?? '', ...(namespaced && ctx.namespaceExplicit ? { namespace: ctx.namespace } : {}) });
  switch (kind) {
    case 'namespace':
    case 'ns':
      if (!name) return need('namespace');
      return { info: res('namespaces'), object: { apiVersion: 'v1', kind: 'Namespace', metadata: meta(false), spec: {}, status: {} } };
    case 'configmap':
    case 'cm': {
      if (!name) return need('configmap');
      const data = literals(ctx);
      if (typeof data === 'string') return { error: data };
      return { info: res('configmaps'), object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(true), ...(Object.keys(data).length ? { data } : {}) } };
    }
    case 'secret': {
      const [sub, secretName] = [name, ctx.flags.args[2]];
      if (sub === 'docker-registry') return dockerRegistrySecret(ctx, secretName, res('secrets'), meta(true));
      if (sub !== 'generic') return { error: `error: unknown secret type "${sub ?? ''}": use generic or docker-registry (tls is not simulated)` };
      if (!secretName) return need('secret generic');
      const data = literals(ctx);
      if (typeof data === 'string') return { error: data };
      const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, base64Encode(utf8Bytes(v))]));
      return {
        info: res('secrets'),
        object: {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { ...meta(true), name: secretName },
          ...(Object.keys(encoded).length ? { data: encoded } : {}),
          ...(stringFlag(ctx.flags, 'type') ? { type: stringFlag(ctx.flags, 'type') } : {}),
        },
      };
    }
    case 'deployment':
    case 'deploy': {
      if (!name) return need('deployment');
      const images = arrayFlag(ctx.flags, 'image');
      if (images.length === 0) return { error: `error: required flag(s) "image" not set` };
      // create_deployment.go: the words after `--` are every container's command.
      const atDash = ctx.flags.argsLenAtDash ?? -1;
      const command = atDash > -1 ? ctx.flags.args.slice(atDash) : [];
      if (images.length > 1 && command.length > 0) return { error: 'error: cannot specify multiple --image options and command' };
      const port = stringFlag(ctx.flags, 'port');
      const labels = { app: name };
      const containers = images.map((image, i) => ({
        name: containerNameFor(image),
        image,
        ...(command.length > 0 ? { command } : {}),
        ...(port !== undefined && i === 0 ? { ports: [{ containerPort: Number(port) }] } : {}),
        resources: {},
      }));
      return {
        info: res('deployments'),
        object: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { ...meta(true), labels },
          spec: {
            replicas: Number(stringFlag(ctx.flags, 'replicas') ?? '1'),
            selector: { matchLabels: labels },
            strategy: {},
            template: { metadata: { creationTimestamp: ZERO_TIME, labels }, spec: { containers } },
          },
          status: {},
        },
      };
    }
    case 'job': {
      const built = jobObject(ctx, (jobName) => ({ ...meta(true), name: jobName }));
      return 'error' in built ? built : { info: res('jobs'), object: built.object };
    }
    case 'cronjob':
    case 'cj': {
      const built = cronJobObject(ctx, (jobName) => ({ ...meta(true), name: jobName }));
      return 'error' in built ? built : { info: res('cronjobs'), object: built.object };
    }
    case 'serviceaccount':
    case 'sa':
      if (!name) return need('serviceaccount');
      return { info: res('serviceaccounts'), object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(true) } };
    case 'role': {
      if (!name) return need('role');
      const made = policyRules(ctx, false);
      if ('error' in made) return made;
      return { info: res('roles'), object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta(true), rules: made.rules } };
    }
    case 'clusterrole': {
      if (!name) return need('clusterrole');
      const aggregation = stringFlag(ctx.flags, 'aggregation-rule');
      if (aggregation !== undefined && aggregation !== '') {
        const anyRule = ['verb', 'resource', 'resource-name', 'non-resource-url'].some((f) => arrayFlag(ctx.flags, f).length > 0);
        if (anyRule) return { error: 'error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames' };
        const matchLabels: Record<string, string> = {};
        for (const pair of aggregation.split(',')) {
          const eq = pair.indexOf('=');
          if (eq <= 0) return { error: `error: invalid argument "${aggregation}" for "--aggregation-rule" flag: ${pair} must be formatted as key=value` };
          matchLabels[pair.slice(0, eq)] = pair.slice(eq + 1);
        }
        const aggregationRule = { clusterRoleSelectors: [{ matchLabels }] };
        return { info: res('clusterroles'), object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta(false), aggregationRule, rules: null } };
      }
      const urls = arrayFlag(ctx.flags, 'non-resource-url').flatMap((v) => v.split(','));
      const made = policyRules(ctx, urls.length > 0);
      if ('error' in made) return made;
      const rules = [...made.rules, ...(urls.length ? [{ nonResourceURLs: urls, verbs: made.verbs }] : [])];
      return { info: res('clusterroles'), object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta(false), rules } };
    }
    case 'service':
    case 'svc': {
      const [sub, serviceName] = [name, ctx.flags.args[2]];
      const type = sub !== undefined && Object.hasOwn(SERVICE_TYPES, sub) ? SERVICE_TYPES[sub] : undefined;
      if (!type) return { error: `error: unknown service type "${sub ?? ''}": use clusterip, nodeport, loadbalancer or externalname` };
      if (!serviceName) return need(`service ${sub ?? ''}`);
      const clusterIP = stringFlag(ctx.flags, 'clusterip');
      if (clusterIP === 'None' && type !== 'ClusterIP') return { error: 'error: ClusterIP=None can only be used with ClusterIP service type' };
      const tcp = arrayFlag(ctx.flags, 'tcp').flatMap((v) => v.split(','));
      const externalName = stringFlag(ctx.flags, 'external-name');
      if (type === 'ExternalName' && !externalName) return { error: 'error: required flag(s) "external-name" not set' };
      if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') return { error: 'error: at least one tcp port specifier must be provided' };
      const made = servicePorts(tcp, Number(stringFlag(ctx.flags, 'node-port') ?? '0'));
      if ('error' in made) return made;
      const labels = { app: serviceName };
      return {
        info: res('services'),
        errorPrefix: `failed to create ${type} service: `,
        object: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { ...meta(true), name: serviceName, labels },
          spec: { ...(made.ports.length ? { ports: made.ports } : {}), selector: labels, ...(clusterIP ? { clusterIP } : {}), type, ...(externalName ? { externalName } : {}) },
          status: { loadBalancer: {} },
        },
      };
    }
    case 'quota':
    case 'resourcequota': {
      if (!name) return need('quota');
      // create_quota.go: --hard is a,b pairs of resource=quantity; --scopes a comma list.
      const hard: Record<string, string> = {};
      for (const pair of (stringFlag(ctx.flags, 'hard') ?? '').split(',').filter(Boolean)) {
        const eq = pair.indexOf('=');
        if (eq <= 0) return { error: `error: invalid argument ${JSON.stringify(pair)}, expected <resourceName>=<quantity>` };
        hard[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      const scopes = (stringFlag(ctx.flags, 'scopes') ?? '').split(',').filter(Boolean);
      return {
        info: res('resourcequotas'),
        object: {
          apiVersion: 'v1',
          kind: 'ResourceQuota',
          metadata: meta(true),
          spec: { ...(Object.keys(hard).length ? { hard } : {}), ...(scopes.length ? { scopes } : {}) },
          status: {},
        },
      };
    }
    case 'priorityclass':
    case 'pc': {
      if (!name) return need('priorityclass');
      const built = priorityClassObject(ctx.flags, meta(false));
      return 'error' in built ? built : { info: res('priorityclasses'), object: built.object };
    }
    case 'poddisruptionbudget':
    case 'pdb': {
      if (!name) return need('poddisruptionbudget');
      const built = podDisruptionBudgetObject(ctx.flags, meta(true));
      return 'error' in built ? built : { info: res('poddisruptionbudgets'), object: built.object };
    }
    case 'rolebinding':
    case 'clusterrolebinding': {
      if (!name) return need(kind);
      const clusterRole = stringFlag(ctx.flags, 'clusterrole');
      const role = stringFlag(ctx.flags, 'role');
      if (!clusterRole && !role) return { error: 'error: exactly one of clusterrole or role must be specified' };
      const subjects = [
        ...arrayFlag(ctx.flags, 'user').map((u) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: u })),
        ...arrayFlag(ctx.flags, 'group').map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
        ...arrayFlag(ctx.flags, 'serviceaccount').map((s) => {
          const [ns = '', sa = ''] = s.split(':');
          return { kind: 'ServiceAccount', name: sa, namespace: ns };
        }),
      ];
      const namespaced = kind === 'rolebinding';
      return {
        info: res(kind === 'rolebinding' ? 'rolebindings' : 'clusterrolebindings'),
        object: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: namespaced ? 'RoleBinding' : 'ClusterRoleBinding',
          metadata: meta(namespaced),
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: clusterRole ? 'ClusterRole' : 'Role', name: clusterRole ?? role ?? '' },
          ...(subjects.length ? { subjects } : {}),
        },
      };
    }
    default:
      return { error: `error: unknown command "${kind}" for "kubectl create"` };
  }
}

/**
 * create_secret_docker.go: a kubernetes.io/dockerconfigjson Secret whose `.dockerconfigjson` is
 * `{"auths":{SERVER:{"username","password","email","auth"}}}`, auth being base64(user:password).
 */
function dockerRegistrySecret(ctx: KubectlContext, name: string | undefined, info: ResourceInfo, metadata: Record<string, unknown>): Generated {
  if (!name) return { error: "error: exactly one NAME is required, got 0\nSee 'kubectl create secret docker-registry -h' for help and examples" };
  const username = stringFlag(ctx.flags, 'docker-username') ?? '';
  const password = stringFlag(ctx.flags, 'docker-password') ?? '';
  if (!username || !password) return { error: 'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required' };
  const email = stringFlag(ctx.flags, 'docker-email') ?? '';
  const server = stringFlag(ctx.flags, 'docker-server') ?? DOCKER_HUB;
  const auth = base64Encode(utf8Bytes(`${username}:${password}`));
  const config = { auths: { [server]: { username, password, ...(email ? { email } : {}), auth } } };
  return {
    info,
    object: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { ...metadata, name },
      data: { '.dockerconfigjson': base64Encode(utf8Bytes(JSON.stringify(config))) },
      type: 'kubernetes.io/dockerconfigjson',
    },
  };
}

/** The generators that wrap a failed create (`return fmt.Errorf("failed to create configmap: %v", err)`). */
const GENERATOR_ERROR_PREFIX: Readonly<Record<string, string>> = {
  configmaps: 'failed to create configmap: ',
  cronjobs: 'failed to create cronjob: ',
  deployments: 'failed to create deployment: ',
  jobs: 'failed to create job: ',
  poddisruptionbudgets: 'failed to create poddisruptionbudgets: ',
  priorityclasses: 'failed to create priorityclass: ',
  secrets: 'failed to create secret ',
  serviceaccounts: 'failed to create serviceaccount: ',
};

export function create(ctx: KubectlContext): CommandResult {
  const files = filenameOptions(ctx.flags);
  const raw = stringFlag(ctx.flags, 'raw');
  if (files.length > 0 && raw) return createRaw(ctx, raw, arrayFlag(ctx.flags, 'filename'));
  if (files.length > 0 && boolFlag(ctx.flags, 'edit')) return fail('error: kubectl create --edit is not simulated (it opens an editor on the object before creating it)');
  const dryRunParse = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRunParse.ok) return fail(dryRunParse.error);
  const dryRun = dryRunParse.strategy;
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  const validation = fieldValidationDirective(ctx.flags);
  if ('error' in validation) return fail(validation.error);
  const query = { fieldManager: 'kubectl-create', fieldValidation: validation.directive, ...dryRunQuery(dryRun) };
  const suffix = dryRunSuffix(dryRun);
  const items: { info: ResourceInfo; object: KubeObject; namespace: string | undefined; source: string; errorPrefix?: string | undefined }[] = [];
  const errors: string[] = [];
  if (files.length > 0) {
    const read = readManifests(ctx, files, stringFlag(ctx.flags, 'selector'));
    if (!read.ok) return fail(read.error);
    errors.push(...read.errors);
    for (const item of read.objects) {
      const object = boolFlag(ctx.flags, 'save-config') ? modifiedConfiguration(item).modified : item.object;
      items.push({ info: item.info, object, namespace: item.namespace, source: item.source });
    }
  } else {
    const [kind, name] = ctx.flags.args;
    if (!kind) return fail(`error: must specify one of -f and -k`);
    const generated = generate(ctx, kind, name);
    if ('error' in generated) return fail(generated.error);
    items.push({ info: generated.info, object: generated.object, namespace: generated.info.namespaced ? ctx.namespace : undefined, source: '', errorPrefix: generated.errorPrefix });
  }
  const lines: OutputChunk[] = [];
  for (const { info, object, namespace, source, errorPrefix } of items) {
    const ref = objectRef(info, object.metadata.name ?? '');
    if (format.kind !== 'table' && dryRun === 'client') {
      const printed = printObjects([object], true, format);
      if ('error' in printed) return fail(printed.error);
      lines.push({ raw: printed.stdout });
      continue;
    }
    if (dryRun === 'client') {
      lines.push(`${ref} created${suffix}`);
      continue;
    }
    const r = ctx.request('POST', resourcePath(info, { namespace, query }), { body: object });
    if (r.code >= 300) {
      const status = statusOf(r);
      const wrap = files.length === 0 ? (errorPrefix ?? GENERATOR_ERROR_PREFIX[info.resource]) : undefined;
      // The generators wrap the server's error with fmt.Errorf's %v, which keeps no StatusError
      // for CheckErr to find: even an Invalid prints as a plain error after the prefix.
      errors.push(wrap !== undefined ? `error: ${wrap}${status.message ?? ''}` : statusErrorText(status, source ? { verb: 'creating', source } : undefined));
      continue;
    }
    if (format.kind !== 'table') {
      const printed = printObjects([r.body as KubeObject], true, format);
      if ('error' in printed) return fail(printed.error);
      lines.push({ raw: printed.stdout });
    } else lines.push(`${ref} created${suffix}`);
  }
  return withStderrFirst({ exitCode: errors.length ? 1 : 0, stdout: joinOutput(lines), stderr: errors.map((e) => `${e}\n`).join('') }, dryRunParse.warnings);
}
