/**
 * `kubectl autoscale (deployment|replicaset|replicationcontroller|statefulset) NAME --max=N
 * [--min=N] [--cpu-percent=N] [--name=NAME]` (kubectl/pkg/cmd/autoscale, release 1.32): reads the
 * target, then creates an autoscaling/v1 HorizontalPodAutoscaler for it (1.32 still generates
 * v1; the apiserver stores it as v2) named after it, `horizontalpodautoscaler.autoscaling/web
 * autoscaled`. Without --cpu-percent the HPA has no target and the server's default, 80%,
 * applies. `-f FILE` autoscales what the file names. `--dry-run=client` sends nothing; `--dry-run=server` sends the create with dryRun=All.
 */
import { findResource, type ResourceInfo } from '../../../../sim/api/resources';
import { resourcePath } from '../../../../sim/client/resource-path';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import { apiVersionOf } from '../../../../sim/api/resources';
import { getObject, objectRef } from '../api-calls';
import { DRY_RUN_FLAG, dryRunQuery, dryRunStrategy, dryRunSuffix, type DryRunStrategy } from '../dry-run';
import { arrayFlag, stringFlag, type FlagSpec } from '../flags';
import { readManifests } from '../manifest-source';
import type { KubectlContext } from '../kubectl-context';
import { joinOutput, outputFormatOf, PRINT_FLAGS, resultChunk, type OutputChunk } from '../output';
import { parseResourceArgs } from '../resource-args';
import { statusErrorText, statusOf } from '../server-error';
import { fieldValidationDirective, VALIDATE_FLAG } from '../field-validation';
import { RECURSIVE_FLAG } from '../file-paths';

export const AUTOSCALE_FLAGS: readonly FlagSpec[] = [
  { name: 'min', kind: 'int' },
  { name: 'max', kind: 'int' },
  { name: 'cpu-percent', kind: 'int' },
  { name: 'name', kind: 'string' },
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  { name: 'save-config', kind: 'bool' },
  { name: 'record', kind: 'bool' },
  VALIDATE_FLAG,
  DRY_RUN_FLAG,
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
];

/** polymorphichelpers.canBeAutoscaled: the GroupKinds with a scale subresource kubectl knows. */
const AUTOSCALABLE = ['ReplicationController', 'Deployment.apps', 'StatefulSet.apps', 'ReplicaSet.apps'];

const intFlag = (ctx: KubectlContext, name: string, fallback: number): number => {
  const v = stringFlag(ctx.flags, name);
  return v === undefined ? fallback : Number(v);
};

export function autoscale(ctx: KubectlContext): CommandResult {
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  return withStderrFirst(autoscaleTargets(ctx, dryRun.strategy), dryRun.warnings);
}

function autoscaleTargets(ctx: KubectlContext, strategy: DryRunStrategy): CommandResult {
  const min = intFlag(ctx, 'min', -1);
  const max = intFlag(ctx, 'max', -1);
  const cpu = intFlag(ctx, 'cpu-percent', -1);
  // AutoscaleOptions.Validate.
  if (max < 1) return fail(`error: --max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) return fail(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  const validation = fieldValidationDirective(ctx.flags);
  if ('error' in validation) return fail(validation.error);
  const parsed = parseResourceArgs(ctx.flags.args);
  if (!parsed.ok) return fail(parsed.error);
  const targets: { info: ResourceInfo; name: string; object?: KubeObject }[] = parsed.selections.flatMap(({ info, names }) => names.map((name) => ({ info, name })));
  // FilenameParam: the files' objects, as the builder read them (no GET).
  const files = arrayFlag(ctx.flags, 'filename');
  if (files.length > 0) {
    const read = readManifests(ctx, files);
    if (!read.ok) return fail(read.error);
    targets.push(...read.objects.map((o) => ({ info: o.info, name: o.object.metadata.name ?? '', object: o.object })));
  }
  if (targets.length === 0) return fail(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
  const hpas = findResource('horizontalpodautoscalers.v1.autoscaling');
  if (!hpas) return fail('error: the server doesn\'t have a resource type "horizontalpodautoscalers"');
  const suffix = dryRunSuffix(strategy);
  const lines: OutputChunk[] = [];
  const errors: string[] = [];
  for (const { info, name, object } of targets) {
    const got = object ? { ok: true as const, value: object } : getObject(ctx, info, ctx.namespace, name);
    if (!got.ok) {
      errors.push(statusErrorText(statusOf(got.response)));
      continue;
    }
    const groupKind = info.group ? `${info.kind}.${info.group}` : info.kind;
    if (!AUTOSCALABLE.includes(groupKind)) {
      errors.push(`error: cannot autoscale a ${groupKind}`);
      continue;
    }
    const hpaName = stringFlag(ctx.flags, 'name') ?? name;
    const body = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { creationTimestamp: null, name: hpaName },
      spec: {
        scaleTargetRef: { apiVersion: apiVersionOf(info), kind: info.kind, name },
        ...(min > 0 ? { minReplicas: min } : {}),
        maxReplicas: max,
        ...(cpu >= 0 ? { targetCPUUtilizationPercentage: cpu } : {}),
      },
      status: { currentReplicas: 0, desiredReplicas: 0 },
    } as unknown as KubeObject;
    const message = `${objectRef(hpas, hpaName)} autoscaled${suffix}`;
    const emit = (object: KubeObject) => {
      const chunk = resultChunk(format, object, message);
      if (typeof chunk !== 'string' && 'error' in chunk) errors.push(chunk.error.replace(/\n+$/, ''));
      else lines.push(chunk);
    };
    if (strategy === 'client') {
      emit(body);
      continue;
    }
    const r = ctx.request('POST', resourcePath(hpas, { namespace: ctx.namespace, query: { fieldManager: 'kubectl-autoscale', fieldValidation: validation.directive, ...dryRunQuery(strategy) } }), { body });
    if (r.code >= 300) errors.push(statusErrorText(statusOf(r)));
    else emit(r.body as KubeObject);
  }
  return { exitCode: errors.length ? 1 : 0, stdout: joinOutput(lines), stderr: errors.map((e) => `${e}\n`).join('') };
}
