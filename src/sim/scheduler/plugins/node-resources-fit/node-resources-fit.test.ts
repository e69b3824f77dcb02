/**
 * NodeResourcesFit: every scheduler.json case (least_allocated_test.go, most_allocated_test.go),
 * and the Filter's reasons and their order (fit_test.go TestEnoughRequests shapes).
 */
import { describe, expect, it } from 'vitest';
import { NodeInfo } from '../../framework/types';
import { makeNode, makePod } from '../../testing/wrappers';
import { computeExpected, expectedFor132, vectorCases } from '../../testing/vectors';
import { CycleState } from '../../framework/cycle-state';
import { Fit, Name, New, type NodeResourcesFitArgs } from './node-resources-fit';

describe('NodeResourcesFit vectors', () => {
  const cases = vectorCases(Name);
  it('has the 10 upstream cases', () => expect(cases).toHaveLength(10));
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const strategy = c.input['scoringStrategy'] as { type: 'LeastAllocated' | 'MostAllocated'; resources: { name: string; weight: number }[] };
    // The Go table names its extended resource constant; the node lists it as "extendedRes".
    const resources = strategy.resources.map((r) => ({ name: r.name.replace(' (test const)', ''), weight: r.weight }));
    const args: NodeResourcesFitArgs = { scoringStrategy: { type: strategy.type, resources } };
    expect(computeExpected(c, (w) => New(args, w.handle))).toEqual(expectedFor132(c));
  });
});

describe('NodeResourcesFit Filter', () => {
  const node = makeNode({ name: 'n', cpu: '2', memory: '1Gi', pods: '2', allocatable: { 'nvidia.com/gpu': '1' } });
  const existing = makePod({ nodeName: 'n', cpu: '1500m', memory: '512Mi' });
  const cases: [string, ReturnType<typeof makePod>, NodeInfo, string[] | null][] = [
    ['fits', makePod({ cpu: '500m', memory: '512Mi' }), new NodeInfo(node, existing), null],
    ['cpu short', makePod({ cpu: '600m' }), new NodeInfo(node, existing), ['Insufficient cpu']],
    ['cpu and memory short, cpu first', makePod({ cpu: '1', memory: '1Gi' }), new NodeInfo(node, existing), ['Insufficient cpu', 'Insufficient memory']],
    ['too many pods before resources', makePod({ cpu: '1' }), new NodeInfo(node, existing, makePod({ nodeName: 'n' })), ['Too many pods', 'Insufficient cpu']],
    ['a pod asking nothing is checked for pod count only', makePod(), new NodeInfo(node, existing, makePod({ nodeName: 'n' })), ['Too many pods']],
    ['extended resource', makePod({ containers: [{ 'nvidia.com/gpu': '2' }] }), new NodeInfo(node), ['Insufficient nvidia.com/gpu']],
  ];
  it.each(cases)('%s', (_name, pod, info, reasons) => {
    const fit = new Fit();
    const state = new CycleState();
    fit.preFilter(state, pod);
    const s = fit.filter(state, pod, info);
    if (reasons === null) expect(s).toBeNull();
    else expect(s && { code: s.code, reasons: s.reasons }).toEqual({ code: 'Unschedulable', reasons });
  });
});
