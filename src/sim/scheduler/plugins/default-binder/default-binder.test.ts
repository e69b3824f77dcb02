/** DefaultBinder: hands the binding to the component's binder and reports its answer. */
import { describe, expect, it } from 'vitest';
import { Status, type MaybeStatus } from '../../framework/status';
import { makePod } from '../../testing/wrappers';
import { DefaultBinder } from './default-binder';

describe('DefaultBinder', () => {
  it.each([
    ['bound', null, null],
    ['conflict', Status.error('pod p is already assigned to node "x"'), 'Error'],
  ])('%s', (_n, answer, code) => {
    const calls: string[] = [];
    let got: MaybeStatus | undefined;
    new DefaultBinder((pod, node, done) => {
      calls.push(`${pod.metadata.name} -> ${node}`);
      done(answer);
    }).bind(null, makePod({ name: 'p' }), 'n1', (s) => (got = s));
    expect(calls).toEqual(['p -> n1']);
    expect(got?.code ?? null).toBe(code);
  });
});
