import { describe, expect, it } from 'vitest';
import { buildTree, visibleRows } from './etcd-tree';

const KEYS = [
  '/registry/pods/default/web-1',
  '/registry/pods/default/web-0',
  '/registry/pods/kube-system/coredns',
  '/registry/namespaces/default',
  '/demo/greeting',
];

describe('the etcd key tree', () => {
  it('shows only top-level folders, with their key counts, when nothing is open', () => {
    const rows = visibleRows(buildTree(KEYS), new Set());
    expect(rows.map((r) => [r.path, r.count, r.folder])).toEqual([
      ['/demo/', 1, true],
      ['/registry/', 4, true],
    ]);
  });

  it('opens folders one level at a time, folders before keys, each sorted', () => {
    const rows = visibleRows(buildTree(KEYS), new Set(['/registry/', '/registry/pods/', '/registry/pods/default/']));
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.label}`)).toEqual([
      'demo',
      'registry',
      '  namespaces',
      '  pods',
      '    default',
      '      web-0',
      '      web-1',
      '    kube-system',
    ]);
    const key = rows.find((r) => r.label === 'web-0');
    expect(key).toMatchObject({ path: '/registry/pods/default/web-0', folder: false });
  });

  it('is empty for an empty store', () => {
    expect(visibleRows(buildTree([]), new Set(['/registry/']))).toEqual([]);
  });
});
