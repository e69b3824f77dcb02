import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { podConfigMapNames, podSecretNames } from './pod-references';

const pod: Pod = {
  metadata: { name: 'p', namespace: 'default' },
  spec: {
    initContainers: [{ name: 'init', envFrom: [{ configMapRef: { name: 'cm-init' } }, { secretRef: { name: 's-init' } }] }],
    containers: [{ name: 'app', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cm-env', key: 'a' } } }, { name: 'B', valueFrom: { secretKeyRef: { name: 's-env', key: 'b' } } }] }],
    volumes: [
      // The admission plugin's service-account volume: its ConfigMap is not counted, its (absent) secrets would be.
      { name: 'kube-api-access-abcde', projected: { sources: [{ serviceAccountToken: { path: 'token' } }, { configMap: { name: 'kube-root-ca.crt' } }] } },
      { name: 'cfg', configMap: { name: 'cm-vol' } },
      { name: 'sec', secret: { secretName: 's-vol' } },
      { name: 'both', projected: { sources: [{ configMap: { name: 'cm-proj' } }, { secret: { name: 's-proj' } }, { configMap: { name: 'cm-vol' } }] } },
    ],
  },
};

describe('pod references', () => {
  it('lists the ConfigMaps and Secrets in visiting order (init containers, containers, volumes), repeats kept', () => {
    expect(podConfigMapNames(pod)).toEqual(['cm-init', 'cm-env', 'cm-vol', 'cm-proj', 'cm-vol']);
    expect(podSecretNames(pod)).toEqual(['s-init', 's-env', 's-vol', 's-proj']);
  });

  it('answers an empty list for a pod that names nothing', () => {
    const bare: Pod = { spec: { containers: [{ name: 'app' }], volumes: [{ name: 'kube-api-access-x', projected: { sources: [{ configMap: { name: 'kube-root-ca.crt' } }] } }] } };
    expect(podConfigMapNames(bare)).toEqual([]);
    expect(podSecretNames(bare)).toEqual([]);
  });
});
