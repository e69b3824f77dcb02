/**
 * `kubectl kustomize [DIR]`: kustomize's build command as kubectl embeds it — the build of the
 * kustomization in DIR (`.` when none is given) printed as YAML documents separated by `---`,
 * kustomize's deprecation notices on standard error, and its errors after `error: `.
 */
import { fail, withStderrFirst, type CommandResult } from '../../../types';
import type { FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { kustomizeBuild, kustomizeYaml } from '../kustomize/build';
import { KustomizeError } from '../kustomize/kustomization';

export const KUSTOMIZE_FLAGS: readonly FlagSpec[] = [];

export function kustomize(ctx: KubectlContext): CommandResult {
  const args = ctx.flags.args;
  if (args.length > 1) return fail('error: specify one path to kustomization.yaml');
  try {
    const built = kustomizeBuild(ctx, args[0] ?? '.');
    return withStderrFirst({ exitCode: 0, stdout: kustomizeYaml(built.objects), stderr: '' }, built.warnings);
  } catch (e) {
    if (e instanceof KustomizeError) return fail(`error: ${e.message}`);
    throw e;
  }
}
