/** The container's filesystem: image layer, writable layer, bind mounts with subPath and readOnly. */
import { describe, expect, it } from 'vitest';
import { ContainerFileSystem, EISDIR, ENOENT, EROFS, normalizePath, type VolumeDirectory } from './filesystem';

function fs() {
  const config: VolumeDirectory = new Map([
    ['SPECIAL_LEVEL', 'very'],
    ['sub/deep', 'x'],
    ['..data/SPECIAL_LEVEL', 'very'],
  ]);
  const shared: VolumeDirectory = new Map();
  const layer = new Map<string, string>();
  const image = new Map([['/usr/share/nginx/html/index.html', 'welcome']]);
  const files = new ContainerFileSystem(
    layer,
    [
      { containerPath: '/etc/config', directory: config, subPath: '', readOnly: true },
      { containerPath: '/usr/share/nginx/html', directory: shared, subPath: '', readOnly: false },
      { containerPath: '/etc/one', directory: config, subPath: 'SPECIAL_LEVEL', readOnly: true },
      { containerPath: '/etc/config/sub', directory: shared, subPath: '', readOnly: false },
    ],
    image,
  );
  return { files, config, shared, layer };
}

describe('ContainerFileSystem', () => {
  it('reads a mounted directory, hides the atomic writer entries, lists mount points', () => {
    const { files } = fs();
    expect(files.read('/etc/config/SPECIAL_LEVEL')).toBe('very');
    expect(files.read('/etc/config/./SPECIAL_LEVEL/')).toBe('very');
    expect(files.list('/etc/config')).toEqual(['SPECIAL_LEVEL', 'sub']);
    expect(files.list('/etc')).toEqual(['config', 'one']);
    expect(files.list('/')).toContain('etc');
    // The longest mount wins: /etc/config/sub is the other volume, not the config's sub/.
    expect(files.read('/etc/config/sub/deep')).toBeUndefined();
  });

  it('a subPath mount is one entry of the volume; a file is not a directory', () => {
    const { files } = fs();
    expect(files.read('/etc/one')).toBe('very');
    expect(files.list('/etc/one')).toBeUndefined();
    expect(files.isDirectory('/etc/config')).toBe(true);
  });

  it('an emptyDir mount hides the image files under it and shares writes', () => {
    const { files, shared } = fs();
    expect(files.read('/usr/share/nginx/html/index.html')).toBeUndefined();
    expect(files.list('/usr/share/nginx/html')).toEqual([]);
    expect(files.write('/usr/share/nginx/html/index.html', 'hi\n', false)).toBeUndefined();
    expect(shared.get('index.html')).toBe('hi\n');
    expect(files.write('/usr/share/nginx/html/index.html', 'more\n', true)).toBeUndefined();
    expect(files.read('/usr/share/nginx/html/index.html')).toBe('hi\nmore\n');
  });

  it('refuses writes and removals on a read-only mount, writes to a directory, removal of nothing', () => {
    const { files, config } = fs();
    expect(files.write('/etc/config/SPECIAL_LEVEL', 'x', false)).toBe(EROFS);
    expect(files.remove('/etc/config/SPECIAL_LEVEL')).toBe(EROFS);
    expect(config.get('SPECIAL_LEVEL')).toBe('very');
    expect(files.write('/tmp', 'x', false)).toBe(EISDIR);
    expect(files.remove('/etc/config/nope')).toBe(ENOENT);
    expect(files.remove('/tmp/nope')).toBe(ENOENT);
  });

  it('the writable layer lies over the image', () => {
    const layer = new Map<string, string>();
    const files = new ContainerFileSystem(layer, [], new Map([['/usr/share/nginx/html/index.html', 'welcome']]));
    expect(files.read('/usr/share/nginx/html/index.html')).toBe('welcome');
    files.write('/usr/share/nginx/html/index.html', ' again', true);
    expect(files.read('/usr/share/nginx/html/index.html')).toBe('welcome again');
    expect(files.list('/usr/share/nginx')).toEqual(['html']);
    expect(files.list('/nope')).toBeUndefined();
    expect(normalizePath('/a/../b//c/')).toBe('/b/c');
  });
});
