import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatAge, humanDuration } from './format-age';
import { simulatedTimestamp } from '../sim/api/time';

interface DurationCase {
  seconds: number;
  expect: string;
  test: string;
}
const vectors = JSON.parse(readFileSync('reference/vectors/kubectl-printing.json', 'utf8')) as {
  age: { human_duration: DurationCase[] };
};

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each(vectors.age.human_duration.map((c) => [c.seconds, c.expect, c.test] as const))('%d s prints %s (%s)', (seconds, expected) => {
    expect(humanDuration(seconds * 1000)).toBe(expected);
  });
});

describe('formatAge', () => {
  it('measures against the simulated clock', () => {
    expect(formatAge(190_000, simulatedTimestamp(0))).toBe('3m10s');
    expect(formatAge(5_000, undefined)).toBe('<unknown>');
  });
});
