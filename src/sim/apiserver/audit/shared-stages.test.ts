/** SharedStages against the plain stage literals it stands for. */
import { describe, expect, it } from 'vitest';
import { SharedStages } from './shared-stages';

describe('SharedStages', () => {
  it('gives the plain stage, the same object while name, outcome, time and detail stay', () => {
    const shared = new SharedStages();
    const a = shared.stage('validation', 'passed', 5);
    expect(a).toEqual({ name: 'validation', outcome: 'passed', at: 5 });
    expect(Object.keys(a)).toEqual(['name', 'outcome', 'at']);
    expect(shared.stage('validation', 'passed', 5)).toBe(a);
    expect(shared.stage('validation', 'passed', 6)).toEqual({ name: 'validation', outcome: 'passed', at: 6 });
    expect(shared.stage('validation', 'failed', 6)).toEqual({ name: 'validation', outcome: 'failed', at: 6 });
    const skipped = shared.stage('x', 'skipped', 6, 'turned off');
    expect(skipped).toEqual({ name: 'x', outcome: 'skipped', detail: 'turned off', at: 6 });
    expect(Object.keys(skipped)).toEqual(['name', 'outcome', 'detail', 'at']);
    expect(shared.stage('x', 'skipped', 6, 'turned off')).toBe(skipped);
    expect(shared.stage('x', 'skipped', 6, 'other')).toEqual({ name: 'x', outcome: 'skipped', detail: 'other', at: 6 });
    expect(shared.stage('x', 'skipped', 6, '')).toEqual({ name: 'x', outcome: 'skipped', at: 6 });
  });
});
