import { describe, expect, it } from 'vitest';
import { admissionAttributes, fakeAdmissionContext, namespaceObject, podObject, rejectionOf } from '../fake-admission-context';
import { enforcePolicy, podSecurity } from './admission';

const enforce = (level: string, extra: Record<string, string> = {}) => fakeAdmissionContext({ namespaces: [namespaceObject('default', { labels: { 'pod-security.kubernetes.io/enforce': level, ...extra } })] });

describe('PodSecurity', () => {
  const plugin = podSecurity();
  const check = (context: ReturnType<typeof enforce>, pod = podObject('x', [{ name: 'c' }])) => plugin.validate?.(admissionAttributes('CREATE', 'pods', pod), context);

  it('lists every restricted violation of a plain pod, in upstream order', () => {
    expect(rejectionOf(() => check(enforce('restricted'))).message).toBe(
      'pods "x" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), ' +
        'unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), ' +
        'runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), ' +
        'seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
  });

  it('admits a pod that meets restricted', () => {
    const pod = podObject(
      'x',
      [{ name: 'c', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } }],
      { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, volumes: [{ name: 'token', projected: { sources: [] } }] },
    );
    expect(() => check(enforce('restricted'), pod)).not.toThrow();
  });

  it('checks baseline: host namespaces, privileged, hostPath, hostPort, capabilities', () => {
    const pod = podObject(
      'x',
      [
        { name: 'a', securityContext: { privileged: true, capabilities: { add: ['NET_ADMIN', 'CHOWN'] } }, ports: [{ containerPort: 80, hostPort: 8080 }] },
        { name: 'b', securityContext: { privileged: true } },
      ],
      { hostNetwork: true, hostPID: true, volumes: [{ name: 'root', hostPath: { path: '/' } }] },
    );
    expect(rejectionOf(() => check(enforce('baseline', { 'pod-security.kubernetes.io/enforce-version': 'v1.31' }), pod)).message).toBe(
      'pods "x" is forbidden: violates PodSecurity "baseline:v1.31": host namespaces (hostNetwork=true, hostPID=true), hostPort (container "a" uses hostPort 8080), ' +
        'privileged (containers "a", "b" must not set securityContext.privileged=true), ' +
        'non-default capabilities (container "a" must not include "NET_ADMIN" in securityContext.capabilities.add), hostPath volumes (volume "root")',
    );
  });

  it('puts baseline violations before restricted ones, and names restricted volume types', () => {
    const pod = podObject('x', [{ name: 'c', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } }], {
      hostIPC: true,
      volumes: [{ name: 'root', hostPath: { path: '/' } }],
    });
    expect(rejectionOf(() => check(enforce('restricted'), pod)).message).toBe(
      'pods "x" is forbidden: violates PodSecurity "restricted:latest": host namespaces (hostIPC=true), restricted volume types (volume "root" uses restricted volume type "hostPath")',
    );
  });

  it('admits anything under privileged or without a label, and only pods', () => {
    const pod = podObject('x', [{ name: 'c', securityContext: { privileged: true } }], { hostNetwork: true });
    expect(() => check(enforce('privileged'), pod)).not.toThrow();
    expect(() => check(fakeAdmissionContext({ namespaces: [namespaceObject('default')] }), pod)).not.toThrow();
    const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' } };
    expect(() => plugin.validate?.(admissionAttributes('CREATE', 'deployments', deploy), enforce('restricted'))).not.toThrow();
  });

  it('skips pod updates that change nothing that matters', () => {
    const pod = podObject('x', [{ name: 'c' }]);
    const relabelled = { ...pod, metadata: { ...pod.metadata, labels: { a: 'b' } } };
    expect(() => plugin.validate?.(admissionAttributes('UPDATE', 'pods', relabelled, { oldObject: pod }), enforce('restricted'))).not.toThrow();
    const newImage = podObject('x', [{ name: 'c', image: 'nginx:2' }]);
    expect(() => plugin.validate?.(admissionAttributes('UPDATE', 'pods', newImage, { oldObject: pod }), enforce('restricted'))).toThrow();
  });

  it('reads the level and version labels, failing closed on a bad level', () => {
    expect(enforcePolicy({})).toEqual({ level: 'privileged', version: 'latest' });
    expect(enforcePolicy({ 'pod-security.kubernetes.io/enforce': 'strict' })).toEqual({ level: 'restricted', version: 'latest' });
    expect(enforcePolicy({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.30' })).toEqual({ level: 'baseline', version: 'v1.30' });
  });
});
