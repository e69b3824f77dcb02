/**
 * `kubectl expose TYPE NAME` (kubectl/pkg/cmd/expose): a Service for a pod, service, deployment
 * or replica set, named after it, carrying its labels, selecting what it selects (a pod: its
 * labels), on the port given or the ports its containers declare (several become port-1,
 * port-2...), each targeting the same port unless --target-port says otherwise; `service/web
 * exposed`. Errors are expose's own: what cannot be exposed, no selector, no port.
 * `--dry-run=client` creates nothing (`service/web exposed (dry run)`); `--dry-run=server` sends
 * the create with `dryRun=All`. `--overrides` patches the generated Service before it is sent.
 * `-f FILE` exposes the file's objects as they are written, without reading them from the server.
 */
import { findResource, type ResourceInfo } from '../../../../sim/api/resources';
import { resourcePath } from '../../../../sim/client/resource-path';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { getObject, objectRef } from '../api-calls';
import { DRY_RUN_FLAG, dryRunQuery, dryRunStrategy, dryRunSuffix, type DryRunStrategy } from '../dry-run';
import { arrayFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { joinOutput, outputFormatOf, PRINT_FLAGS, resultChunk, type OutputChunk } from '../output';
import { parseResourceArgs } from '../resource-args';
import { statusErrorText, statusOf } from '../server-error';
import { fieldValidationDirective, VALIDATE_FLAG } from '../field-validation';
import { applyOverrides, OVERRIDE_FLAGS } from '../overrides';
import { RECURSIVE_FLAG } from '../file-paths';
import { readManifests } from '../manifest-source';

export const EXPOSE_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  { name: 'port', kind: 'string' },
  { name: 'target-port', kind: 'string' },
  { name: 'name', kind: 'string' },
  { name: 'type', kind: 'string' },
  { name: 'protocol', kind: 'string' },
  { name: 'selector', kind: 'string' },
  { name: 'labels', short: 'l', kind: 'string' },
  { name: 'cluster-ip', kind: 'string' },
  ...OVERRIDE_FLAGS,
  VALIDATE_FLAG,
  DRY_RUN_FLAG,
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
];

const EXPOSABLE = ['pods', 'services', 'replicationcontrollers', 'deployments', 'replicasets'];

const usage = (message: string) => fail(`error: ${message}\nSee 'kubectl expose -h' for help and examples`);

interface ContainerPort {
  containerPort?: number;
  protocol?: string;
}
type PodSpec = { containers?: { ports?: ContainerPort[] }[] };

function podSpecOf(object: KubeObject): PodSpec {
  const spec = (object['spec'] ?? {}) as { template?: { spec?: PodSpec } } & PodSpec;
  return object.kind === 'Pod' ? spec : (spec.template?.spec ?? {});
}

/** MapBasedSelectorForObject: `k=v,k2=v2`, or why there is none. */
function selectorFor(object: KubeObject): string | { error: string } {
  const join = (m: Record<string, string>) => Object.entries(m).map(([k, v]) => `${k}=${v}`).join(',');
  switch (object.kind) {
    case 'Pod': {
      const labels = object.metadata.labels ?? {};
      return Object.keys(labels).length ? join(labels) : { error: 'the pod has no labels and cannot be exposed' };
    }
    case 'Service': {
      const selector = (object['spec'] as { selector?: Record<string, string> } | undefined)?.selector;
      return selector ? join(selector) : { error: 'the service has no pod selector set' };
    }
    case 'ReplicationController':
      // generate.MakeLabels of the RC's selector map, sorted.
      return Object.entries((object['spec'] as { selector?: Record<string, string> } | undefined)?.selector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .sort()
        .join(',');
    default: {
      const selector = (object['spec'] as { selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } } | undefined)?.selector;
      // apps/v1 Deployments and ReplicaSets must carry matchLabels.
      if (object.apiVersion === 'apps/v1' && Object.keys(selector?.matchLabels ?? {}).length === 0) {
        return { error: `invalid ${object.kind.toLowerCase()}: no selectors, therefore cannot be exposed` };
      }
      if (selector?.matchExpressions?.length) return { error: `couldn't convert expressions - "${JSON.stringify(selector.matchExpressions)}" to map-based selector format` };
      return join(selector?.matchLabels ?? {});
    }
  }
}

/** PortsForObject and ProtocolsForObject: the ports as strings, each with its protocols. */
function portsOf(object: KubeObject): { port: string; protocol: string }[] {
  if (object.kind === 'Service') {
    return ((object['spec'] as { ports?: { port?: number; protocol?: string }[] } | undefined)?.ports ?? []).map((p) => ({ port: String(p.port ?? ''), protocol: p.protocol ?? 'TCP' }));
  }
  return (podSpecOf(object).containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => ({ port: String(p.containerPort ?? ''), protocol: p.protocol ?? 'TCP' })));
}

/** expose's parseLabels: `k=v,k2=v2`, each pair exactly one `=` with a key before it. */
function parseLabels(text: string): { ok: true; labels: Record<string, string> } | { ok: false; error: string } {
  const labels: Record<string, string> = {};
  for (const spec of text.split(',')) {
    const parts = spec.split('=');
    if (parts.length !== 2) return { ok: false, error: `unexpected label spec: ${spec}` };
    const [key = '', value = ''] = parts;
    if (!key) return { ok: false, error: 'unexpected empty label key' };
    labels[key] = value;
  }
  return { ok: true, labels };
}

interface Target {
  readonly info: ResourceInfo;
  readonly name: string;
  /** The object as a `-f` file holds it. */
  readonly file?: KubeObject;
}

/** The `-f` files' objects; resource arguments beside them are the builder's error. */
function fileTargets(ctx: KubectlContext): { targets: Target[]; errors: string[] } | { error: string } {
  const files = arrayFlag(ctx.flags, 'filename');
  if (files.length === 0) return { targets: [], errors: [] };
  if (ctx.flags.args.length > 0) return { error: 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well' };
  const read = readManifests(ctx, files);
  if (!read.ok) return { error: read.error };
  return { targets: read.objects.map((o) => ({ info: o.info, name: o.object.metadata.name ?? '', file: o.object })), errors: read.errors };
}

export function expose(ctx: KubectlContext): CommandResult {
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  return withStderrFirst(exposeTargets(ctx, dryRun.strategy), dryRun.warnings);
}

function exposeTargets(ctx: KubectlContext, strategy: DryRunStrategy): CommandResult {
  const suffix = dryRunSuffix(strategy);
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  const validation = fieldValidationDirective(ctx.flags);
  if ('error' in validation) return fail(validation.error);
  const fromFiles = fileTargets(ctx);
  if ('error' in fromFiles) return fail(fromFiles.error);
  const parsed = parseResourceArgs(ctx.flags.args);
  if (!parsed.ok) return fail(parsed.error);
  const targets: Target[] = [...fromFiles.targets, ...parsed.selections.flatMap(({ info, names }) => names.map((name) => ({ info, name })))];
  if (targets.length === 0 && fromFiles.errors.length === 0) return usage('You must provide the resource and the resource name to expose');
  const services = findResource('services');
  if (!services) return fail('error: the server doesn\'t have a resource type "services"');
  const lines: OutputChunk[] = [];
  const errors: string[] = [...fromFiles.errors];
  const emit = (object: KubeObject, message: string) => {
    const chunk = resultChunk(format, object, message);
    if (typeof chunk !== 'string' && 'error' in chunk) errors.push(chunk.error.replace(/\n+$/, ''));
    else lines.push(chunk);
  };
  for (const { info, name, file } of targets) {
    // -f: the file's object as it is (the builder has no Latest); a name: the server's.
    const got = file ? { ok: true as const, value: file } : getObject(ctx, info, ctx.namespace, name);
    if (!got.ok) {
      errors.push(statusErrorText(statusOf(got.response)));
      continue;
    }
    if (!EXPOSABLE.includes(info.resource)) {
      // CanBeExposedBy names the GroupKind: `ConfigMap`, `StatefulSet.apps`.
      errors.push(`error: cannot expose a ${info.group ? `${info.kind}.${info.group}` : info.kind}`);
      continue;
    }
    const object = got.value;
    const selector = stringFlag(ctx.flags, 'selector') ?? selectorFor(object);
    if (typeof selector !== 'string') return usage(`couldn't retrieve selectors via --selector flag or introspection: ${selector.error}`);
    if (!selector) return fail('error: selector must be specified');
    const headless = stringFlag(ctx.flags, 'cluster-ip') === 'None';
    const given = stringFlag(ctx.flags, 'port');
    const found = portsOf(object);
    if (given === undefined && found.length === 0 && !headless) return usage("couldn't find port via --port flag or introspection");
    const portSpecs = given !== undefined ? [given] : found.map((p) => p.port);
    const protocolFlag = stringFlag(ctx.flags, 'protocol');
    const target = stringFlag(ctx.flags, 'target-port');
    const ports = [];
    for (const [i, spec] of portSpecs.entries()) {
      if (!/^\d+$/.test(spec)) return fail(`error: strconv.Atoi: parsing ${JSON.stringify(spec)}: invalid syntax`);
      const port = Number(spec);
      const protocol = protocolFlag ?? found.find((p) => p.port === spec)?.protocol ?? 'TCP';
      ports.push({
        ...(portSpecs.length > 1 ? { name: `port-${i + 1}` } : {}),
        port,
        protocol,
        // One --target-port for every port; else each targets its own number.
        targetPort: target === undefined ? port : /^\d+$/.test(target) ? Number(target) : target,
      });
    }
    const labelsFlag = stringFlag(ctx.flags, 'labels');
    const parsedLabels = labelsFlag !== undefined ? parseLabels(labelsFlag) : { ok: true as const, labels: object.metadata.labels ?? {} };
    if (!parsedLabels.ok) return fail(`error: ${parsedLabels.error}`);
    const { labels } = parsedLabels;
    const selected = parseLabels(selector);
    if (!selected.ok) return fail(`error: ${selected.error}`);
    const type = stringFlag(ctx.flags, 'type');
    const clusterIP = stringFlag(ctx.flags, 'cluster-ip');
    const serviceName = stringFlag(ctx.flags, 'name') ?? name.slice(0, 63);
    const generated = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { creationTimestamp: null, name: serviceName, ...(Object.keys(labels).length ? { labels } : {}) },
      spec: { ...(ports.length ? { ports } : {}), selector: selected.labels, ...(type ? { type } : {}), ...(clusterIP ? { clusterIP } : {}) },
      status: { loadBalancer: {} },
    } as unknown as KubeObject;
    const overridden = applyOverrides(ctx.flags, generated);
    if (!overridden.ok) return fail(overridden.error);
    const body = overridden.object;
    if (strategy === 'client') {
      emit(body, `${objectRef(services, serviceName)} exposed${suffix}`);
      continue;
    }
    const r = ctx.request('POST', resourcePath(services, { namespace: ctx.namespace, query: { fieldManager: 'kubectl-expose', fieldValidation: validation.directive, ...dryRunQuery(strategy) } }), { body });
    if (r.code >= 300) errors.push(statusErrorText(statusOf(r)));
    else emit(r.body as KubeObject, `${objectRef(services, serviceName)} exposed${suffix}`);
  }
  return { exitCode: errors.length ? 1 : 0, stdout: joinOutput(lines), stderr: errors.map((e) => `${e}\n`).join('') };
}
