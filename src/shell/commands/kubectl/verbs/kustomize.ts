/**
 * `kubectl kustomize [DIR]`: kustomize's build command as kubectl embeds it — the build of the
 * kustomization in DIR (`.` when none is given) printed as YAML documents separated by `---`,
 * kustomize's deprecation notices on standard error, and its errors after `error: `.
 */
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import type { FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { kustomizeYaml, tryKustomizeBuild } from '../kustomize/build';

export const KUSTOMIZE_FLAGS: readonly FlagSpec[] = [];

export function kustomize(ctx: KubectlContext): CommandResult {
  const args = ctx.flags.args;
  if (args.length > 1) return fail('error: specify one path to kustomization.yaml');
  const built = tryKustomizeBuild(ctx, args[0] ?? '.');
  if ('error' in built) return fail(built.error);
  return withStderrFirst({ exitCode: 0, stdout: kustomizeYaml(built.objects), stderr: '' }, built.warnings);
}
