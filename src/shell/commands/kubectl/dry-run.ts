/**
 * `--dry-run` as every mutating kubectl verb reads it (cmdutil.AddDryRunFlag and
 * GetDryRunStrategy, kubectl 1.32): `none`, `client` or `server`; the bare flag (pflag's
 * NoOptDefVal "unchanged") and the booleans still work but are deprecated, with a klog warning;
 * anything else is `Invalid dry-run value (x)`. With `client` a verb sends no write at all; with
 * `server` it sends the write with `dryRun=All` (a DELETE carries it in its DeleteOptions body,
 * as resource.Helper does), and the apiserver runs it through admission without storing it.
 * The success line takes the suffix PrintFlagsWithDryRunStrategy gives it.
 */
import type { FlagSpec, ParsedFlags } from './flags';
import { stringFlag } from './flags';
import { klogLine } from './klog';

export type DryRunStrategy = 'none' | 'client' | 'server';

/** pflag's NoOptDefVal for --dry-run: what the flag's value is when it is given bare. */
const BARE = 'unchanged';

export const DRY_RUN_FLAG: FlagSpec = { name: 'dry-run', kind: 'string', noOptDefault: BARE };

/**
 * Where kubectl's klog.Warning in GetDryRunStrategy says it was logged. The line moves between
 * releases (helpers.go:535 in 1.18, :555 in 1.21, :663 in 1.26, as users have pasted it); this is
 * the latest one seen.
 */
const SOURCE = 'helpers.go:663';

/** strconv.ParseBool's spellings. */
const TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

export type DryRunParse =
  | { readonly ok: true; readonly strategy: DryRunStrategy; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: string };

/** GetDryRunStrategy: the strategy, or the error CheckErr prints; `nowMs` stamps the klog warning. */
export function dryRunStrategy(flags: ParsedFlags, nowMs: number): DryRunParse {
  const value = stringFlag(flags, 'dry-run') ?? 'none';
  const warn = (message: string) => [klogLine('W', nowMs, SOURCE, message)];
  if (TRUE.includes(value)) {
    return { ok: true, strategy: 'client', warnings: warn(`--dry-run=${value} is deprecated (boolean value) and can be replaced with --dry-run=client.`) };
  }
  if (FALSE.includes(value)) {
    return { ok: true, strategy: 'none', warnings: warn(`--dry-run=${value} is deprecated (boolean value) and can be replaced with --dry-run=none.`) };
  }
  switch (value) {
    case BARE:
      return { ok: true, strategy: 'client', warnings: warn('--dry-run is deprecated and can be replaced with --dry-run=client.') };
    case 'client':
    case 'server':
    case 'none':
      return { ok: true, strategy: value, warnings: [] };
    default:
      return { ok: false, error: `error: Invalid dry-run value (${value}). Must be "none", "server", or "client".` };
  }
}

/** The query parameter a server dry run adds to a create, update or patch. */
export function dryRunQuery(strategy: DryRunStrategy): { dryRun?: string } {
  return strategy === 'server' ? { dryRun: 'All' } : {};
}

/** DeleteOptions.dryRun, which resource.Helper.DeleteWithOptions sets for a server dry run. */
export function dryRunDeleteOption(strategy: DryRunStrategy): { dryRun?: string[] } {
  return strategy === 'server' ? { dryRun: ['All'] } : {};
}

/** What PrintFlagsWithDryRunStrategy appends to the operation: `created (dry run)`. */
export function dryRunSuffix(strategy: DryRunStrategy): string {
  return strategy === 'server' ? ' (server dry run)' : strategy === 'client' ? ' (dry run)' : '';
}
