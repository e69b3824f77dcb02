/**
 * The part of a node's disk the simulation models: the directories the kubelet writes pod
 * volumes into (/var/lib/kubelet/pods/<uid>/volumes/<plugin>/<name>), which the container
 * runtime bind-mounts into containers. The kubelet and the runtime share it, as they share the
 * node's filesystem; nothing else on the disk is modelled.
 */
import type { VolumeDirectory } from './container/filesystem';

export class NodeDisk {
  private readonly directories = new Map<string, VolumeDirectory | (() => VolumeDirectory)>();

  /** The directory at `path`, made empty if it is not there yet. */
  directory(path: string): VolumeDirectory {
    const found = this.directories.get(path);
    if (typeof found === 'function') {
      const made = found();
      this.directories.set(path, made);
      return made;
    }
    if (found) return found;
    const dir: VolumeDirectory = new Map();
    this.directories.set(path, dir);
    return dir;
  }

  /** A directory whose files are written when something first looks at it (most never are). */
  provide(path: string, make: () => VolumeDirectory): void {
    this.directories.set(path, make);
  }

  has(path: string): boolean {
    return this.directories.has(path);
  }

  /** rm -rf: every directory at or under `path`. */
  removeTree(path: string): void {
    for (const key of [...this.directories.keys()]) if (key === path || key.startsWith(`${path}/`)) this.directories.delete(key);
  }

  /** The directory a host path falls in, and the path inside it (a subPath mount names an entry). */
  resolve(hostPath: string): { readonly directory: VolumeDirectory; readonly rel: string } | undefined {
    let best: string | undefined;
    for (const key of this.directories.keys()) {
      if ((hostPath === key || hostPath.startsWith(`${key}/`)) && (!best || key.length > best.length)) best = key;
    }
    if (best === undefined) return undefined;
    return { directory: this.directory(best), rel: hostPath.slice(best.length + 1) };
  }

  /** The host paths of every directory, for the node panel and tests. */
  paths(): string[] {
    return [...this.directories.keys()].sort();
  }
}
