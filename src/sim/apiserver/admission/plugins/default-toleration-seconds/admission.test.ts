import { describe, expect, it } from 'vitest';
import { admissionAttributes, podObject } from '../fake-admission-context';
import { defaultTolerationSeconds } from './admission';

const tolerationsOf = (pod: unknown) => (pod as { spec: { tolerations?: unknown[] } } | undefined)?.spec.tolerations;

describe('DefaultTolerationSeconds', () => {
  const plugin = defaultTolerationSeconds();
  const admit = (spec: Record<string, unknown>) => plugin.admit?.(admissionAttributes('CREATE', 'pods', podObject('web', [{ name: 'app' }], spec)), {} as never);

  it('adds the not-ready and unreachable NoExecute tolerations for 300 s', () => {
    expect(tolerationsOf(admit({}))).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('keeps what the pod has and adds only what is missing', () => {
    const own = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 6000 };
    const other = { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' };
    expect(tolerationsOf(admit({ tolerations: [other, own] }))).toEqual([
      other,
      own,
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('counts an empty key or an empty effect as tolerating', () => {
    expect(admit({ tolerations: [{ operator: 'Exists' }] })).toBeUndefined();
    expect(admit({ tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }, { operator: 'Exists', effect: 'NoExecute' }] })).toBeUndefined();
  });

  it('takes other durations and leaves subresources and other kinds alone', () => {
    const custom = defaultTolerationSeconds({ notReadySeconds: 30, unreachableSeconds: 60 });
    const pod = podObject('web', [{ name: 'app' }]);
    const added = tolerationsOf(custom.admit?.(admissionAttributes('CREATE', 'pods', pod), {} as never)) as { tolerationSeconds: number }[];
    expect(added.map((t) => t.tolerationSeconds)).toEqual([30, 60]);
    expect(plugin.admit?.(admissionAttributes('UPDATE', 'pods', pod, { subresource: 'status', oldObject: pod }), {} as never)).toBeUndefined();
  });
});
