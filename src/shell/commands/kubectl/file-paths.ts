/**
 * The files one `-f PATH` stands for, as cli-runtime's resource builder expands it (Builder.Path
 * and ExpandPathsToFileVisitors): a file as named, whatever its extension; a directory's files
 * with a .json, .yaml or .yml extension in filepath.Walk's order (names sorted byte-wise, each
 * directory before what follows it), its subdirectories only with -R/--recursive; and the
 * builder's error for a directory with no such file.
 */
import type { FlagSpec } from './flags';

/** The builder's FileExtensions, as Go prints the slice in its error. */
export const FILE_EXTENSIONS = ['.json', '.yaml', '.yml'] as const;

/** FilenameOptions' -R: `Process the directory used in -f, --filename recursively.` */
export const RECURSIVE_FLAG: FlagSpec = { name: 'recursive', short: 'R', kind: 'bool' };

/** How a command reads the machine's files: a file's text, and a directory's entry names. */
export interface FileReader {
  /** Throws when PATH cannot be read as a file. */
  readonly readFile: ((path: string) => string) | undefined;
  /** The names in directory PATH, or undefined when PATH is not a directory. */
  readonly readDir: ((path: string) => readonly string[] | undefined) | undefined;
}

export type ExpandedPaths = { readonly ok: true; readonly files: string[] } | { readonly ok: false; readonly error: string };

/** Builder.Path(recursive, path) for one `-f` value. */
export function expandPath(reader: FileReader, path: string, recursive: boolean): ExpandedPaths {
  const entries = reader.readDir?.(path);
  // Not a directory: the file as named (reading it says whether it exists).
  if (entries === undefined) return { ok: true, files: [path] };
  const files: string[] = [];
  walk(reader, path, entries, recursive, files);
  if (files.length === 0) return { ok: false, error: `error: error reading [${path}]: recognized file extensions are [${FILE_EXTENSIONS.join(' ')}]` };
  return { ok: true, files };
}

function walk(reader: FileReader, dir: string, entries: readonly string[], recursive: boolean, into: string[]): void {
  // filepath.Walk reads a directory's names and sorts them (sort.Strings: by bytes).
  for (const name of [...entries].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const path = joinPath(dir, name);
    const sub = reader.readDir?.(path);
    if (sub !== undefined) {
      if (recursive) walk(reader, path, sub, recursive, into);
      continue;
    }
    if (FILE_EXTENSIONS.some((ext) => extension(name) === ext)) into.push(path);
  }
}

/** filepath.Ext: from the last dot of the last element. */
function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot);
}

/** filepath.Join, which cleans the result: `./dir/` and `a.yaml` give `dir/a.yaml`. */
export function joinPath(dir: string, name: string): string {
  const rooted = dir.startsWith('/');
  const parts: string[] = [];
  for (const part of `${dir}/${name}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !rooted) parts.push(part);
  }
  const joined = parts.join('/');
  return rooted ? `/${joined}` : joined || '.';
}
