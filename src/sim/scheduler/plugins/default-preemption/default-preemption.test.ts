/**
 * DefaultPreemption (default_preemption_test.go shapes): minimal victims found by reprieving the
 * highest-priority pods first, the candidate tie-breaks of pickOneNodeForPreemption, and the
 * PostFilter messages.
 */
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import { NodeToStatusMap } from '../../framework/fit-error';
import { newStatus } from '../../framework/status';
import type { V1Pod } from '../../framework/v1';
import { Snapshot } from '../../internal/cache/snapshot';
import { makeNode, makePod, testFramework } from '../../testing/wrappers';
import type { DefaultPreemption } from './default-preemption';

function preemptionOver(snapshot: Snapshot): DefaultPreemption {
  const fwk = testFramework(snapshot);
  return fwk.postFilterPlugins[0] as DefaultPreemption;
}

const at = (name: string, node: string, cpu: string, priority: number, start = '2025-01-01T00:00:00Z'): V1Pod => makePod({ name, nodeName: node, cpu, priority, creationTimestamp: start });

describe('DefaultPreemption', () => {
  it('keeps the higher-priority pods it can: only the pods that must go are victims', () => {
    const node = makeNode({ name: 'n', cpu: '4', memory: '8Gi' });
    const pods = [at('p1', 'n', '1', 10), at('p2', 'n', '1', 20), at('p3', 'n', '1', 30), at('p4', 'n', '1', 40)];
    const snapshot = Snapshot.from([node], pods);
    const pl = preemptionOver(snapshot);
    const preemptor = makePod({ cpu: '2', priority: 100 });
    const fwk = testFramework(snapshot);
    const state = new CycleState();
    fwk.runPreFilterPlugins(state, preemptor, snapshot.list());
    const [victims, violations, status] = pl.selectVictimsOnNode(state, preemptor, (snapshot.get('n') as NonNullable<ReturnType<Snapshot['get']>>).clone());
    expect(status).toBeNull();
    expect(violations).toBe(0);
    expect(victims.map((v) => v.metadata.name)).toEqual(['p2', 'p1']);
  });

  it.each([
    ['lowest highest-victim priority', [{ name: 'a', victims: [at('x', 'a', '1', 50)], numPDBViolations: 0 }, { name: 'b', victims: [at('y', 'b', '1', 10)], numPDBViolations: 0 }], 'b'],
    ['then smallest priority sum', [{ name: 'a', victims: [at('x', 'a', '1', 10), at('x2', 'a', '1', 10)], numPDBViolations: 0 }, { name: 'b', victims: [at('y', 'b', '1', 10)], numPDBViolations: 0 }], 'b'],
    ['fewest PDB violations first', [{ name: 'a', victims: [at('x', 'a', '1', 1)], numPDBViolations: 1 }, { name: 'b', victims: [at('y', 'b', '1', 90)], numPDBViolations: 0 }], 'b'],
    [
      'then the latest start of the top victims',
      [{ name: 'a', victims: [at('x', 'a', '1', 10, '2025-01-01T00:00:00Z')], numPDBViolations: 0 }, { name: 'b', victims: [at('y', 'b', '1', 10, '2025-01-01T01:00:00Z')], numPDBViolations: 0 }],
      'b',
    ],
    ['else the first', [{ name: 'a', victims: [at('x', 'a', '1', 10)], numPDBViolations: 0 }, { name: 'b', victims: [at('y', 'b', '1', 10)], numPDBViolations: 0 }], 'a'],
  ])('pickOneNodeForPreemption: %s', (_n, candidates, want) => {
    expect(preemptionOver(new Snapshot()).selectCandidate(candidates)?.name).toBe(want);
  });

  it('a pod with preemptionPolicy Never is not eligible', () => {
    const pl = preemptionOver(new Snapshot());
    const pod = makePod();
    (pod.spec as { preemptionPolicy?: string }).preemptionPolicy = 'Never';
    const m = new NodeToStatusMap();
    m.absentNodesStatus = newStatus('Unschedulable', 'Insufficient cpu');
    expect(pl.postFilter(new CycleState(), pod, m)[1]?.reasons).toEqual(['preemption: not eligible due to preemptionPolicy=Never.']);
  });
});
