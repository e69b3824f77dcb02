/**
 * The runner's view of directories on the Node host: the entry names of a directory named on a
 * kubectl command line (`-f DIR`), for the shell's readDir.
 */
import { readdirSync, statSync } from 'node:fs';

/** The names in directory PATH, or undefined when PATH is not a directory (or not there). */
export function readDirNames(path: string): string[] | undefined {
  try {
    return statSync(path).isDirectory() ? readdirSync(path) : undefined;
  } catch {
    return undefined;
  }
}
