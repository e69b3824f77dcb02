/**
 * `kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE ...`: kubectl 1.32's
 * SetImageOptions (pkg/cmd/set/set_image.go). Each named container (init, regular or
 * ephemeral; `*` for all) gets the image in a copy of the object, and the difference is sent as
 * a strategic merge patch; `deployment.apps/web image updated`. An unknown container is
 * `error: unable to find container named "x"`; an object that already has the image prints
 * nothing. `--dry-run=client` prints the changed object without sending it, and so does
 * `--local`, which reads the `-f` files and asks the server nothing.
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { fail, withStderrFirst, type CommandResult } from '../../../../types';
import { DRY_RUN_FLAG, dryRunStrategy } from '../../dry-run';
import { boolFlag, stringFlag, type FlagSpec } from '../../flags';
import type { KubectlContext } from '../../kubectl-context';
import { joinOutput, outputFormatOf, PRINT_FLAGS, type OutputChunk } from '../../output';
import { statusErrorText, statusOf } from '../../server-error';
import { findTargets, hasFiles } from '../rollout/targets';
import { aggregateText, patchEach } from './patches';
import { goTypeOf, podSpecOf } from './pod-spec';
import { record, recordNotices } from './record';
import { resourcesAndPairs } from './pairs';
import { LOCAL_SERVER_DRY_RUN_ERROR, localTargets } from './local-objects';
import { RECURSIVE_FLAG } from '../../file-paths';

export const SET_IMAGE_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringArray' },
  RECURSIVE_FLAG,
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'all', kind: 'bool' },
  { name: 'local', kind: 'bool' },
  { name: 'output', short: 'o', kind: 'string' },
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'record', kind: 'bool' },
  { name: 'field-manager', kind: 'string' },
];

/** setImage: the image on the containers named `name` (all for `*`); whether any matched. */
function setImage(containers: Container[] | undefined, name: string, image: string): boolean {
  let found = false;
  for (const c of containers ?? []) {
    if (name === '*' || c.name === name) {
      c.image = image;
      found = true;
    }
  }
  return found;
}

export function setImageVerb(ctx: KubectlContext): CommandResult {
  const split = resourcesAndPairs(ctx.flags.args.slice(1), 'image');
  if ('error' in split) return fail(`error: ${split.error}`);
  const { resources, pairs } = split;
  const dryRun = dryRunStrategy(ctx.flags, ctx.clock.now());
  if (!dryRun.ok) return fail(dryRun.error);
  const format = outputFormatOf(ctx.flags, ctx.readFile);
  if ('error' in format) return fail(format.error);
  if (resources.length < 1 && !hasFiles(ctx)) return fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (pairs.size < 1) return fail('error: at least one image update is required');
  if (pairs.size > 1 && pairs.has('*')) return fail('error: all containers are already specified by *, but saw more than one container_name=container_image pairs');
  // pflag prints a deprecated flag's notice as it parses it.
  const notices = recordNotices(ctx);
  const local = boolFlag(ctx.flags, 'local');
  if (local && dryRun.strategy === 'server') return withStderrFirst(fail(LOCAL_SERVER_DRY_RUN_ERROR), notices);
  const found = local ? localTargets(ctx, resources) : findTargets(ctx, resources, { selector: stringFlag(ctx.flags, 'selector'), all: boolFlag(ctx.flags, 'all') });
  if (!found.ok) return withStderrFirst(fail(found.error), notices);
  const errors = [...found.errors];
  const lines: OutputChunk[] = [];
  patchEach(ctx, found.targets, format, dryRun.strategy, {
    change: (copy) => {
      const spec: PodSpec | undefined = podSpecOf(copy);
      if (!spec) return `the object is not a pod or does not have a pod template: ${goTypeOf(copy)}`;
      for (const [name, image] of pairs) {
        const init = setImage(spec.initContainers, name, image);
        const regular = setImage(spec.containers, name, image);
        const ephemeral = setImage(spec.ephemeralContainers as Container[] | undefined, name, image);
        if (!init && !regular && !ephemeral) errors.push(`error: unable to find container named ${JSON.stringify(name)}`);
      }
      record(ctx, 'set', copy);
      return undefined;
    },
    operation: 'image updated',
    failure: (r) => `failed to patch image update to pod template: ${statusOf(r).message ?? statusErrorText(statusOf(r))}`,
    printUnchanged: false,
    local,
  }, { lines, errors });
  return withStderrFirst({ exitCode: errors.length ? 1 : 0, stdout: joinOutput(lines), stderr: aggregateText(errors) }, [...notices, ...dryRun.warnings]);
}
