import { describe, expect, it } from 'vitest';
import { conflictingTaints, parseTaints, reorganizeTaints, taintsAlreadyThere, taintToString, type Taint } from './taint-spec';

// Cases after kubectl's utils_test.go / taint_test.go: what parses, and the error text of what does not.
describe('parseTaints', () => {
  const cases: readonly { args: string[]; add?: Taint[]; remove?: Taint[]; error?: string }[] = [
    { args: ['foo=bar:NoSchedule'], add: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], remove: [] },
    { args: ['foo:NoExecute'], add: [{ key: 'foo', value: '', effect: 'NoExecute' }], remove: [] },
    { args: ['example.com/foo=:PreferNoSchedule'], add: [{ key: 'example.com/foo', value: '', effect: 'PreferNoSchedule' }], remove: [] },
    { args: ['foo:NoSchedule-', 'bar-'], add: [], remove: [{ key: 'foo', effect: 'NoSchedule' }, { key: 'bar', effect: '' }] },
    { args: ['foo=bar:NoSchedule-'], add: [], remove: [{ key: 'foo', effect: 'NoSchedule' }] },
    // With no effect the whole argument is the key, so the key's validation answers first.
    {
      args: ['foo=bar'],
      error:
        "invalid taint spec: foo=bar, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    },
    { args: ['foo'], error: 'invalid taint spec: foo' },
    { args: ['foo=bar:NoRun'], error: 'invalid taint effect: NoRun, unsupported taint effect' },
    { args: ['foo=bar=baz:NoSchedule'], error: 'invalid taint spec: foo=bar=baz:NoSchedule' },
    { args: ['a:b:NoSchedule'], error: 'invalid taint spec: a:b:NoSchedule' },
    {
      args: ['foo=b@r:NoSchedule'],
      error:
        "invalid taint spec: foo=b@r:NoSchedule, a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    },
    {
      args: ['-foo:NoSchedule'],
      error:
        "invalid taint spec: -foo:NoSchedule, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    },
    { args: ['foo=a:NoSchedule', 'foo=b:NoSchedule'], error: 'duplicated taints with the same key and effect: {foo b NoSchedule <nil>}' },
  ];
  it.each(cases)('$args', ({ args, add, remove, error }) => {
    const parsed = parseTaints(args);
    if (error) expect(parsed).toEqual({ error });
    else expect(parsed).toEqual({ add, remove });
  });
});

describe('conflictingTaints', () => {
  it('names a taint both added and removed (by key alone or key and effect)', () => {
    expect(conflictingTaints({ add: [{ key: 'a', effect: 'NoSchedule' }], remove: [{ key: 'a', effect: '' }] })).toBe(
      'can not both modify and remove the following taint(s) in the same command: {"a":""}',
    );
    expect(conflictingTaints({ add: [{ key: 'a', effect: 'NoSchedule' }], remove: [{ key: 'a', effect: 'NoExecute' }] })).toBeUndefined();
  });
});

describe('reorganizeTaints', () => {
  const a: Taint = { key: 'a', value: '1', effect: 'NoSchedule' };
  const b: Taint = { key: 'b', value: '', effect: 'NoExecute', timeAdded: '2025-01-01T00:00:00Z' };
  const cases: readonly { name: string; old: Taint[]; overwrite?: boolean; add?: Taint[]; remove?: Taint[]; want: ReturnType<typeof reorganizeTaints> }[] = [
    { name: 'adding to an untainted node', old: [], add: [a], want: { operation: 'tainted', taints: [a] } },
    { name: 'new taints go first, the others keep timeAdded', old: [b], add: [a], want: { operation: 'tainted', taints: [a, b] } },
    { name: 'removing by key and effect', old: [a, b], remove: [{ key: 'a', effect: 'NoSchedule' }], want: { operation: 'untainted', taints: [b] } },
    { name: 'removing by key alone', old: [a, { ...a, effect: 'NoExecute' }], remove: [{ key: 'a', effect: '' }], want: { operation: 'untainted', taints: [] } },
    { name: 'adding and removing', old: [b], add: [a], remove: [{ key: 'b', effect: '' }], want: { operation: 'modified', taints: [a] } },
    { name: '--overwrite is always modified', old: [a], overwrite: true, add: [{ ...a, value: '2' }], want: { operation: 'modified', taints: [{ ...a, value: '2' }] } },
    { name: 'a removal that finds nothing', old: [a], remove: [{ key: 'x', effect: 'NoSchedule' }, { key: 'y', effect: '' }], want: { errors: ['taint "x:NoSchedule" not found', 'taint "y" not found'] } },
  ];
  it.each(cases)('$name', ({ old, overwrite, add, remove, want }) => {
    expect(reorganizeTaints(old, overwrite ?? false, add ?? [], remove ?? [])).toEqual(want);
  });

  it('finds the keys an add would duplicate', () => {
    expect(taintsAlreadyThere([a, b], [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'NoExecute' }])).toBe('a,b');
    expect(taintsAlreadyThere([a], [{ key: 'a', effect: 'NoExecute' }])).toBe('');
  });

  it('prints taints as Taint.ToString', () => {
    expect([a, b, { key: 'k' }, { key: 'k', value: 'v' }].map(taintToString)).toEqual(['a=1:NoSchedule', 'b:NoExecute', 'k', 'k=v:']);
  });
});
