/**
 * Files held in memory as path -> text, read as the shell reads a machine's files: the upstream
 * suites' fixtures and the tests of `-f DIR`. A directory is any path some file lies under.
 */

export interface InMemoryFiles {
  readonly readFile: (path: string) => string;
  readonly readDir: (path: string) => string[] | undefined;
}

export function inMemoryFiles(files: Readonly<Record<string, string>>): InMemoryFiles {
  return {
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`open ${path}: no such file or directory`);
      return text;
    },
    readDir: (path) => {
      const prefix = `${path.replace(/\/+$/, '')}/`;
      const names = new Set<string>();
      for (const file of Object.keys(files)) if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split('/')[0] as string);
      return names.size > 0 ? [...names] : undefined;
    },
  };
}
