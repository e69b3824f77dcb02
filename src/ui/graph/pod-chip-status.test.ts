import { describe, expect, it } from 'vitest';
import { chipColour, shortName } from './pod-chip-status';

describe('pod chips', () => {
  it("colour kubectl's STATUS words by what a learner tells apart", () => {
    expect(chipColour('Running')).toBe('running');
    expect(chipColour('Pending')).toBe('pending');
    expect(chipColour('ContainerCreating')).toBe('creating');
    expect(chipColour('Init:0/2')).toBe('creating');
    expect(chipColour('CrashLoopBackOff')).toBe('failing');
    expect(chipColour('Error')).toBe('failing');
    expect(chipColour('Init:CrashLoopBackOff')).toBe('failing');
    expect(chipColour('ExitCode:3')).toBe('failing');
    expect(chipColour('Terminating')).toBe('terminating');
    expect(chipColour('Completed')).toBe('completed');
    expect(chipColour('SomethingNew')).toBe('other');
  });

  it('shorten long generated names to their start and random suffix', () => {
    expect(shortName('crasher')).toBe('crasher');
    expect(shortName('nginx-deployment-7d9c5b8f4-x2x9z')).toBe('nginx…x2x9z');
  });
});
