/**
 * The etcd panel's key tree: keys split on "/" into folders, flattened into the rows that are
 * visible given which folders are open. Pure, so the panel stays a thin view.
 */

export interface TreeRow {
  /** The folder path ("/registry/pods/") or the full key. */
  readonly path: string;
  readonly label: string;
  readonly depth: number;
  readonly folder: boolean;
  /** Keys under a folder. */
  readonly count: number;
}

interface Folder {
  readonly children: Map<string, Folder>;
  readonly keys: string[];
  count: number;
}

export function buildTree(keys: readonly string[]): Folder {
  const root: Folder = { children: new Map(), keys: [], count: 0 };
  for (const key of keys) {
    const parts = key.split('/').filter(Boolean);
    let folder = root;
    folder.count++;
    for (const part of parts.slice(0, -1)) {
      let next = folder.children.get(part);
      if (!next) {
        next = { children: new Map(), keys: [], count: 0 };
        folder.children.set(part, next);
      }
      next.count++;
      folder = next;
    }
    folder.keys.push(key);
  }
  return root;
}

export function visibleRows(root: Folder, open: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (folder: Folder, prefix: string, depth: number) => {
    for (const name of [...folder.children.keys()].sort()) {
      const child = folder.children.get(name) as Folder;
      const path = `${prefix}${name}/`;
      rows.push({ path, label: name, depth, folder: true, count: child.count });
      if (open.has(path)) walk(child, path, depth + 1);
    }
    for (const key of [...folder.keys].sort()) {
      rows.push({ path: key, label: key.slice(key.lastIndexOf('/') + 1), depth, folder: false, count: 1 });
    }
  };
  walk(root, '/', 0);
  return rows;
}
