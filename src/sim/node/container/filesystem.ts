/**
 * A container's filesystem as its programs see it: the image's files (one shared, read-only
 * layer per image), the container's writable layer, and the volumes the kubelet had the runtime
 * bind-mount (a directory of the node's disk at a path, whole or one entry of it with subPath,
 * read-write or read-only). Paths are absolute; directories exist implicitly when something
 * is under them. Mounted directories are shared objects: a write by one container of the pod
 * (an emptyDir) or by the kubelet (a ConfigMap update) is seen by every container mounting it.
 */

/** One directory of the node's disk: relative path -> contents. */
export type VolumeDirectory = Map<string, string>;

export interface FileMount {
  /** Where it appears in the container. */
  readonly containerPath: string;
  readonly directory: VolumeDirectory;
  /** A path inside the directory (subPath): only that entry is mounted. '' = all of it. */
  readonly subPath: string;
  readonly readOnly: boolean;
}

/** What a program can do with files; the shell's builtins are written against it. */
export interface FileSystem {
  /** A regular file's contents; undefined when there is none (or it is a directory). */
  read(path: string): string | undefined;
  isDirectory(path: string): boolean;
  /** The names directly under a directory, sorted; undefined when it is not one. */
  list(path: string): string[] | undefined;
  /** Write (or append to) a file; an errno text ('Read-only file system') when it cannot. */
  write(path: string, content: string, append: boolean): string | undefined;
  /** Remove a file; an errno text when it cannot. */
  remove(path: string): string | undefined;
}

/** Directories every Linux image has, so `ls /` and `test -d /tmp` answer as they would. */
const BASE_DIRECTORIES: readonly string[] = ['/bin', '/dev', '/etc', '/home', '/proc', '/root', '/sys', '/tmp', '/usr', '/var'];

export const ENOENT = 'No such file or directory';
export const EROFS = 'Read-only file system';
export const EISDIR = 'Is a directory';

/** `a/./b/../c` and trailing slashes away: the kernel's view of a path. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

function joinRel(a: string, b: string): string {
  return a && b ? `${a}/${b}` : a || b;
}

interface Resolved {
  readonly mount: FileMount;
  /** Path relative to the mount's directory. */
  readonly rel: string;
}

export class ContainerFileSystem implements FileSystem {
  constructor(
    /** The writable layer: absolute path -> contents. */
    private readonly layer: Map<string, string>,
    private readonly mounts: readonly FileMount[] = [],
    /** The image's files, shared by every container of the image. */
    private readonly image: ReadonlyMap<string, string> = EMPTY_LAYER,
  ) {}

  /** The mount a path falls under (the longest mount path wins, as the kernel's mount table). */
  private resolve(path: string): Resolved | undefined {
    let best: FileMount | undefined;
    for (const m of this.mounts) {
      if ((path === m.containerPath || path.startsWith(`${m.containerPath}/`)) && (!best || m.containerPath.length > best.containerPath.length)) best = m;
    }
    if (!best) return undefined;
    return { mount: best, rel: joinRel(best.subPath, path.slice(best.containerPath.length + 1)) };
  }

  read(raw: string): string | undefined {
    const path = normalizePath(raw);
    const r = this.resolve(path);
    if (r) return r.mount.directory.get(r.rel);
    return this.layer.get(path) ?? this.image.get(path);
  }

  isDirectory(raw: string): boolean {
    return this.list(raw) !== undefined;
  }

  list(raw: string): string[] | undefined {
    const path = normalizePath(raw);
    const names = new Set<string>();
    let isDir = path === '/' || BASE_DIRECTORIES.includes(path);
    const r = this.resolve(path);
    if (r) {
      if (r.mount.directory.has(r.rel)) return undefined; // a file
      // A mounted directory exists even when empty (an emptyDir before anything is written).
      if (r.rel === r.mount.subPath) isDir = true;
      const prefix = r.rel ? `${r.rel}/` : '';
      for (const key of r.mount.directory.keys()) {
        if (!key.startsWith(prefix)) continue;
        isDir = true;
        const name = key.slice(prefix.length).split('/')[0] ?? '';
        // The atomic writer's `..data` and timestamped directories are hidden entries.
        if (name && !name.startsWith('..')) names.add(name);
      }
    } else {
      if (this.layer.has(path) || this.image.has(path)) return undefined;
      const prefix = path === '/' ? '/' : `${path}/`;
      for (const source of [this.layer.keys(), this.image.keys(), BASE_DIRECTORIES.values()]) {
        for (const key of source) {
          if (!key.startsWith(prefix)) continue;
          isDir = true;
          const name = key.slice(prefix.length).split('/')[0] ?? '';
          if (name) names.add(name);
        }
      }
    }
    // Mount points under this directory show as entries.
    for (const m of this.mounts) {
      const parent = m.containerPath.slice(0, m.containerPath.lastIndexOf('/')) || '/';
      if (parent === path) {
        names.add(m.containerPath.slice(m.containerPath.lastIndexOf('/') + 1));
        isDir = true;
      } else if (m.containerPath.startsWith(path === '/' ? '/' : `${path}/`)) {
        isDir = true;
        names.add(m.containerPath.slice(path === '/' ? 1 : path.length + 1).split('/')[0] ?? '');
      }
    }
    return isDir ? [...names].filter(Boolean).sort() : undefined;
  }

  write(raw: string, content: string, append: boolean): string | undefined {
    const path = normalizePath(raw);
    if (this.isDirectory(path)) return EISDIR;
    const r = this.resolve(path);
    if (r) {
      if (r.mount.readOnly) return EROFS;
      const dir = r.mount.directory;
      dir.set(r.rel, append ? (dir.get(r.rel) ?? '') + content : content);
      return undefined;
    }
    this.layer.set(path, append ? (this.layer.get(path) ?? this.image.get(path) ?? '') + content : content);
    return undefined;
  }

  remove(raw: string): string | undefined {
    const path = normalizePath(raw);
    const r = this.resolve(path);
    if (r) {
      if (!r.mount.directory.has(r.rel)) return ENOENT;
      if (r.mount.readOnly) return EROFS;
      r.mount.directory.delete(r.rel);
      return undefined;
    }
    // Removing a file of the image leaves a whiteout in the writable layer; not modelled.
    return this.layer.delete(path) ? undefined : ENOENT;
  }
}

const EMPTY_LAYER: ReadonlyMap<string, string> = new Map();
