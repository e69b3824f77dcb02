/** NodeName Filter (node_name_test.go TestNodeName). */
import { describe, expect, it } from 'vitest';
import { NodeInfo } from '../../framework/types';
import { makeNode, makePod } from '../../testing/wrappers';
import { NodeName } from './node-name';

describe('NodeName', () => {
  it.each([
    ['no host specified', undefined, 'foo', null],
    ['host matches', 'foo', 'foo', null],
    ['host does not match', 'bar', 'foo', "node(s) didn't match the requested node name"],
  ])('%s', (_n, want, node, reason) => {
    const s = new NodeName().filter(null, makePod({ ...(want ? { nodeName: want } : {}) }), new NodeInfo(makeNode({ name: node })));
    expect(s && [s.code, ...s.reasons]).toEqual(reason ? ['UnschedulableAndUnresolvable', reason] : null);
  });
});
