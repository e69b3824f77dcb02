/**
 * `kubectl run NAME --image=IMAGE`: the pod kubectl's run generator builds (label `run=NAME`, one
 * container named after the pod, `--port`, `--env`, `--labels`, `--restart`, a command after
 * `--`), created with POST; `pod/NAME created`. `--dry-run=client -o yaml` prints it instead.
 * `--overrides` patches the generated objects; `--expose` also creates a Service of the same name
 * selecting the pod on `--port` (run.go generateService), printed first as upstream prints it.
 */
import { findResource, type ResourceInfo } from '../../../../sim/api/resources';
import { resourcePath } from '../../../../sim/client/resource-path';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { objectRef } from '../api-calls';
import { DRY_RUN_FLAG, dryRunQuery, dryRunStrategy, dryRunSuffix, type DryRunStrategy } from '../dry-run';
import { arrayFlag, boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { outputFormatOf, PRINT_FLAGS, printObjects, type OutputFormat } from '../output';
import { applyOverrides, OVERRIDE_FLAGS } from '../overrides';
import { statusErrorText, statusOf } from '../server-error';

export const RUN_FLAGS: readonly FlagSpec[] = [
  { name: 'image', kind: 'string' },
  { name: 'port', kind: 'string' },
  { name: 'env', kind: 'stringArray' },
  { name: 'labels', short: 'l', kind: 'string' },
  { name: 'restart', kind: 'string' },
  { name: 'command', kind: 'bool' },
  DRY_RUN_FLAG,
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
  { name: 'image-pull-policy', kind: 'string' },
  { name: 'expose', kind: 'bool' },
  ...OVERRIDE_FLAGS,
];

export function run(ctx: KubectlContext): CommandResult {
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  return withStderrFirst(runPod(ctx, dryRun.strategy), dryRun.warnings);
}

function runPod(ctx: KubectlContext, dryRun: DryRunStrategy): CommandResult {
  const [name, ...rest] = ctx.flags.args;
  if (!name) return fail(`error: NAME is required for run\nSee 'kubectl run -h' for help and examples`);
  const image = stringFlag(ctx.flags, 'image');
  if (!image) return fail(`error: required flag(s) "image" not set`);
  const restart = stringFlag(ctx.flags, 'restart') ?? 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) return fail(`error: invalid restart policy: ${restart}`);
  let labels: Record<string, string> = { run: name };
  const labelText = stringFlag(ctx.flags, 'labels');
  if (labelText) {
    labels = {};
    for (const pair of labelText.split(',')) {
      const [k, v] = pair.split('=');
      if (!k || v === undefined) return fail(`error: invalid label spec: ${pair}`);
      labels[k] = v;
    }
  }
  const env = arrayFlag(ctx.flags, 'env').map((e) => ({ name: e.slice(0, e.indexOf('=')), value: e.slice(e.indexOf('=') + 1) }));
  const port = stringFlag(ctx.flags, 'port');
  const exposing = boolFlag(ctx.flags, 'expose');
  if (exposing && !(Number(port) >= 1)) return fail(`error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples`);
  const pullPolicy = stringFlag(ctx.flags, 'image-pull-policy');
  const container = {
    ...(rest.length > 0 ? { [boolFlag(ctx.flags, 'command') ? 'command' : 'args']: rest } : {}),
    ...(env.length ? { env } : {}),
    image,
    ...(pullPolicy ? { imagePullPolicy: pullPolicy } : {}),
    name,
    ...(port ? { ports: [{ containerPort: Number(port) }] } : {}),
    resources: {},
  };
  const generated = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { creationTimestamp: null, labels, name, ...(ctx.namespaceExplicit ? { namespace: ctx.namespace } : {}) },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  } as unknown as KubeObject;
  const pod = applyOverrides(ctx.flags, generated);
  if (!pod.ok) return fail(pod.error);
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  const created = createGenerated(ctx, dryRun, format, 'pods', 'kubectl-run', pod.object);
  if (!exposing || created.exitCode !== 0) return created;
  // generateService: the selector is --labels or run=NAME; --labels also label the Service.
  const service = applyOverrides(ctx.flags, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { creationTimestamp: null, name, ...(labelText ? { labels } : {}) },
    spec: { ports: [{ port: Number(port), protocol: 'TCP', targetPort: Number(port) }], selector: labels },
    status: { loadBalancer: {} },
  } as unknown as KubeObject);
  if (!service.ok) return fail(service.error);
  const exposed = createGenerated(ctx, dryRun, format, 'services', 'kubectl-run', service.object);
  const separator = format.kind === 'yaml' ? '---\n' : '';
  return { exitCode: exposed.exitCode, stdout: `${exposed.stdout}${separator}${created.stdout}`, stderr: exposed.stderr };
}

/** createGeneratedObject: POST the object (or, on a client dry run, nothing) and print it. */
function createGenerated(ctx: KubectlContext, dryRun: DryRunStrategy, format: OutputFormat, resource: string, fieldManager: string, object: KubeObject): CommandResult {
  const info = findResource(resource) as ResourceInfo;
  const name = object.metadata.name ?? '';
  if (dryRun === 'client') {
    if (format.kind === 'table') return { exitCode: 0, stdout: `${objectRef(info, name)} created${dryRunSuffix(dryRun)}\n`, stderr: '' };
    const printed = printObjects([object], true, format);
    return 'error' in printed ? fail(printed.error) : { exitCode: 0, stdout: printed.stdout, stderr: '' };
  }
  const r = ctx.request('POST', resourcePath(info, { namespace: ctx.namespace, query: { fieldManager, ...dryRunQuery(dryRun) } }), { body: object });
  if (r.code >= 300) return fail(statusErrorText(statusOf(r)));
  if (format.kind !== 'table') {
    const printed = printObjects([r.body as KubeObject], true, format);
    return 'error' in printed ? fail(printed.error) : { exitCode: 0, stdout: printed.stdout, stderr: '' };
  }
  return { exitCode: 0, stdout: `${objectRef(info, name)} created${dryRunSuffix(dryRun)}\n`, stderr: '' };
}
