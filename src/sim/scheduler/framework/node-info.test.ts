/** NodeInfo's memos against the plain computation they stand for. */
import { describe, expect, it } from 'vitest';
import { makeNode } from '../testing/wrappers';
import { NodeInfo } from './types';

describe('NodeInfo.topologyPairKey', () => {
  it('is `key\\0value` of the current node object, and follows the node when it is replaced', () => {
    const plain = (info: NodeInfo, key: string) => `${key}\u0000${info.node?.metadata.labels?.[key] ?? ''}`;
    const info = new NodeInfo(makeNode({ name: 'n', labels: { 'topology.kubernetes.io/zone': 'a' } }));
    for (const key of ['topology.kubernetes.io/zone', 'kubernetes.io/hostname', 'rack']) {
      expect(info.topologyPairKey(key)).toBe(plain(info, key));
      expect(info.topologyPairKey(key)).toBe(plain(info, key));
    }
    info.setNode(makeNode({ name: 'n', labels: { 'topology.kubernetes.io/zone': 'b', rack: 'r1' } }));
    for (const key of ['topology.kubernetes.io/zone', 'kubernetes.io/hostname', 'rack']) expect(info.topologyPairKey(key)).toBe(plain(info, key));
    info.node = null;
    expect(info.topologyPairKey('rack')).toBe('rack\u0000');
  });
});
