import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../api/kube-object';
import { admissionAttributes, fakeAdmissionContext, podObject, rejectionOf } from '../fake-admission-context';
import { serviceAccount } from './admission';

const account = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'default' }, ...extra });

interface Spec {
  serviceAccountName?: string;
  serviceAccount?: string;
  volumes?: { name: string; projected?: unknown }[];
  containers: { volumeMounts?: unknown[] }[];
  initContainers?: { volumeMounts?: unknown[] }[];
  imagePullSecrets?: unknown[];
}
const spec = (pod: KubeObject | undefined) => pod?.['spec'] as Spec;

describe('ServiceAccount', () => {
  const plugin = serviceAccount();

  it('defaults the account to default and mounts the projected kube-api-access volume in every container', () => {
    const context = fakeAdmissionContext({ serviceaccounts: [account('default')] }, { seed: 7 });
    const pod = podObject('web', [{ name: 'app' }, { name: 'side' }], { initContainers: [{ name: 'init', image: 'busybox' }] });
    const admitted = plugin.admit?.(admissionAttributes('CREATE', 'pods', pod), context);
    const s = spec(admitted);
    expect(s.serviceAccountName).toBe('default');
    expect(s.serviceAccount).toBe('default');
    const volume = s.volumes?.[0];
    expect(volume?.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume).toEqual({
      name: volume?.name,
      projected: {
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
        defaultMode: 420,
      },
    });
    const mount = { name: volume?.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
    expect(s.containers.map((c) => c.volumeMounts)).toEqual([[mount], [mount]]);
    expect(s.initContainers?.[0]?.volumeMounts).toEqual([mount]);
    // The suffix comes from the simulation's random source: the same seed, the same name.
    const again = plugin.admit?.(admissionAttributes('CREATE', 'pods', pod), fakeAdmissionContext({ serviceaccounts: [account('default')] }, { seed: 7 }));
    expect(spec(again).volumes?.[0]?.name).toBe(volume?.name);
  });

  it('rejects a pod whose service account does not exist, as Forbidden', () => {
    const context = fakeAdmissionContext({ serviceaccounts: [account('default')] });
    const pod = podObject('web', [{ name: 'app' }], { serviceAccountName: 'builder' });
    const status = rejectionOf(() => plugin.admit?.(admissionAttributes('CREATE', 'pods', pod), context));
    expect([status.code, status.reason]).toEqual([403, 'Forbidden']);
    expect(status.message).toBe('pods "web" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found');
    expect(rejectionOf(() => plugin.validate?.(admissionAttributes('CREATE', 'pods', pod), context)).message).toBe(status.message);
  });

  it('rejects pods in a namespace whose default account is not there yet', () => {
    const status = rejectionOf(() => plugin.admit?.(admissionAttributes('CREATE', 'pods', podObject('web', [{ name: 'app' }])), fakeAdmissionContext()));
    expect(status.message).toBe('pods "web" is forbidden: error looking up service account default/default: serviceaccount "default" not found');
  });

  it('does not mount the token when the pod or the account opts out, and keeps an existing mount', () => {
    const context = fakeAdmissionContext({ serviceaccounts: [account('default'), account('quiet', { automountServiceAccountToken: false })] });
    const optOut = podObject('a', [{ name: 'app' }], { automountServiceAccountToken: false });
    expect(spec(plugin.admit?.(admissionAttributes('CREATE', 'pods', optOut), context)).volumes).toBeUndefined();
    const quiet = podObject('b', [{ name: 'app' }], { serviceAccountName: 'quiet' });
    expect(spec(plugin.admit?.(admissionAttributes('CREATE', 'pods', quiet), context)).volumes).toBeUndefined();
    const own = podObject('c', [{ name: 'app', volumeMounts: [{ name: 'mine', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] }], { volumes: [{ name: 'mine', emptyDir: {} }] });
    const s = spec(plugin.admit?.(admissionAttributes('CREATE', 'pods', own), context));
    expect(s.volumes).toEqual([{ name: 'mine', emptyDir: {} }]);
    expect(s.containers[0]?.volumeMounts).toHaveLength(1);
  });

  it("copies the account's imagePullSecrets when the pod names none", () => {
    const context = fakeAdmissionContext({ serviceaccounts: [account('default', { imagePullSecrets: [{ name: 'registry' }] })] });
    expect(spec(plugin.admit?.(admissionAttributes('CREATE', 'pods', podObject('a', [{ name: 'app' }])), context)).imagePullSecrets).toEqual([{ name: 'registry' }]);
  });

  it('enforces mountable secrets for accounts that ask for it', () => {
    const strict = account('default', { metadata: { name: 'default', namespace: 'default', annotations: { 'kubernetes.io/enforce-mountable-secrets': 'true' } }, secrets: [{ name: 'ok' }] });
    const context = fakeAdmissionContext({ serviceaccounts: [strict] });
    const pod = podObject('a', [{ name: 'app' }], { volumes: [{ name: 'creds', secret: { secretName: 'db' } }] });
    expect(rejectionOf(() => plugin.admit?.(admissionAttributes('CREATE', 'pods', pod), context)).message).toBe(
      'pods "a" is forbidden: volume with secret.secretName="db" is not allowed because service account default does not reference that secret',
    );
  });

  it('leaves mirror pods unchanged but forbids them service accounts', () => {
    const mirror = podObject('static-web-node1', [{ name: 'app' }], { serviceAccountName: 'default' });
    mirror.metadata.annotations = { 'kubernetes.io/config.mirror': 'abc' };
    const status = rejectionOf(() => plugin.admit?.(admissionAttributes('CREATE', 'pods', mirror), fakeAdmissionContext()));
    expect(status.message).toBe('pods "static-web-node1" is forbidden: a mirror pod may not reference service accounts');
    const plain = podObject('static-web-node1', [{ name: 'app' }]);
    plain.metadata.annotations = { 'kubernetes.io/config.mirror': 'abc' };
    expect(plugin.admit?.(admissionAttributes('CREATE', 'pods', plain), fakeAdmissionContext())).toBeUndefined();
  });

  it('ignores other resources and pod updates', () => {
    const context = fakeAdmissionContext();
    const pod = podObject('web', [{ name: 'app' }]);
    expect(plugin.admit?.(admissionAttributes('UPDATE', 'pods', pod, { oldObject: pod }), context)).toBeUndefined();
    expect(() => plugin.validate?.(admissionAttributes('UPDATE', 'pods', pod, { oldObject: pod }), context)).not.toThrow();
    expect(plugin.admit?.(admissionAttributes('CREATE', 'configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } }), context)).toBeUndefined();
  });
});
