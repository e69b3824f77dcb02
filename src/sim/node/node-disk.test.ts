/** The node's disk: volume directories, made lazily or at once, resolved by host path, removed as a tree. */
import { describe, expect, it } from 'vitest';
import { NodeDisk } from './node-disk';

describe('NodeDisk', () => {
  it('resolves a host path to the deepest directory and the path inside it', () => {
    const disk = new NodeDisk();
    disk.directory('/var/lib/kubelet/pods/u1/volumes/kubernetes.io~configmap/config').set('key', 'v');
    expect(disk.resolve('/var/lib/kubelet/pods/u1/volumes/kubernetes.io~configmap/config/key')?.rel).toBe('key');
    expect(disk.resolve('/var/lib/kubelet/pods/u1/volumes/kubernetes.io~configmap/config')?.directory.get('key')).toBe('v');
    expect(disk.resolve('/var/lib/kubelet/pods/u1/volumes/kubernetes.io~configmap/config-2')).toBeUndefined();
  });

  it('a provided directory is made when first looked at, and only then', () => {
    const disk = new NodeDisk();
    let made = 0;
    disk.provide('/sa', () => {
      made++;
      return new Map([['namespace', 'default']]);
    });
    expect(disk.has('/sa')).toBe(true);
    expect(made).toBe(0);
    expect(disk.resolve('/sa/namespace')?.directory.get('namespace')).toBe('default');
    expect(disk.directory('/sa').get('namespace')).toBe('default');
    expect(made).toBe(1);
  });

  it('removeTree removes a pod directory and everything under it, nothing beside it', () => {
    const disk = new NodeDisk();
    disk.directory('/var/lib/kubelet/pods/u1/volumes/a');
    disk.directory('/var/lib/kubelet/pods/u1/volume-subpaths/a/c/0');
    disk.directory('/var/lib/kubelet/pods/u10/volumes/a');
    disk.removeTree('/var/lib/kubelet/pods/u1');
    expect(disk.paths()).toEqual(['/var/lib/kubelet/pods/u10/volumes/a']);
  });
});
