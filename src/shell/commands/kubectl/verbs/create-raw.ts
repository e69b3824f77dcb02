/**
 * `kubectl create --raw URI -f FILE` (create.go's Validate, then rawhttp.RawPost): the file's
 * bytes, or standard input for `-`, POSTed to URI as they are, whatever they hold; the server
 * decides what they are. Its checks come in Validate's order and words.
 */
import { fail, type CommandResult } from '../../../types';
import { boolFlag, stringFlag, type FlagSpec } from '../flags';
import type { KubectlContext } from '../kubectl-context';
import { rawRequest } from '../raw-http';

export function createRaw(ctx: KubectlContext, raw: string, files: readonly string[]): CommandResult {
  if (boolFlag(ctx.flags, 'edit')) return fail('error: --raw and --edit are mutually exclusive');
  if (files.length !== 1) return fail('error: --raw can only use a single local file or stdin');
  const file = files[0] as string;
  if (file.startsWith('http://') || file.startsWith('https://')) return fail('error: --raw cannot read from a url');
  if (boolFlag(ctx.flags, 'recursive')) return fail('error: --raw and --recursive are mutually exclusive');
  if (stringFlag(ctx.flags, 'selector')) return fail('error: --raw and --selector (-l) are mutually exclusive');
  if (stringFlag(ctx.flags, 'output')) return fail('error: --raw and --output are mutually exclusive');
  const path = requestPath(raw);
  if (path === undefined) return fail(`error: --raw must be a valid URL path: parse ${JSON.stringify(raw)}: ${raw === '' ? 'empty url' : 'invalid URI for request'}`);
  const body = fileBytes(ctx, file);
  if (typeof body !== 'string') return fail(body.error);
  return rawRequest(ctx, 'POST', path, body);
}

/** url.ParseRequestURI: an absolute path, or an absolute URL (its path is what is sent). */
function requestPath(raw: string): string | undefined {
  if (raw.startsWith('/')) return raw;
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(raw)) return undefined;
  try {
    const url = new URL(raw);
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

/** os.Open and read, as RawPost does: `-` is standard input. */
function fileBytes(ctx: KubectlContext, file: string): string | { error: string } {
  if (file === '-') return ctx.stdin;
  if (ctx.readDir?.(file) !== undefined) return { error: `error: read ${file}: is a directory` };
  try {
    if (ctx.readFile) return ctx.readFile(file);
  } catch {
    // The runner's reader says why in Node's words; kubectl prints Go's.
  }
  return { error: `error: open ${file}: no such file or directory` };
}

/** --raw, and --edit which it excludes (an edit before create is not simulated otherwise). */
export const RAW_FLAGS: readonly FlagSpec[] = [
  { name: 'raw', kind: 'string' },
  { name: 'edit', kind: 'bool' },
];
