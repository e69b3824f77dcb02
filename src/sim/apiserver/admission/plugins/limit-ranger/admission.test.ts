import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../api/kube-object';
import { admissionAttributes, fakeAdmissionContext, podObject, rejectionOf } from '../fake-admission-context';
import { Quantity } from '../../../../api/quantity';
import { LIMIT_RANGER_ANNOTATION, limitRanger, ratioString } from './admission';

const limitRange = (name: string, limits: Record<string, unknown>[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name, namespace: 'default' },
  spec: { limits },
});

/** Mutating then validating, as the chain runs them; returns the admitted pod. */
function admitPod(ranges: KubeObject[], pod: KubeObject): KubeObject {
  const plugin = limitRanger();
  const context = fakeAdmissionContext({ limitranges: ranges });
  const admitted = plugin.admit?.(admissionAttributes('CREATE', 'pods', pod), context) ?? pod;
  plugin.validate?.(admissionAttributes('CREATE', 'pods', admitted), context);
  return admitted;
}

const reject = (ranges: KubeObject[], pod: KubeObject) => rejectionOf(() => admitPod(ranges, pod));
const spec = (pod: KubeObject) => pod['spec'] as { containers: { resources?: unknown }[]; initContainers?: { resources?: unknown }[] };

describe('LimitRanger', () => {
  it('fills default requests and limits and says so in the kubernetes.io/limit-ranger annotation', () => {
    const range = limitRange('defaults', [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }]);
    const pod = podObject('web', [{ name: 'app' }, { name: 'side', resources: { requests: { cpu: '200m' } } }], {
      initContainers: [{ name: 'setup', image: 'busybox', resources: { limits: { cpu: '1', memory: '64Mi' } } }],
    });
    const admitted = admitPod([range], pod);
    expect(admitted.metadata.annotations?.[LIMIT_RANGER_ANNOTATION]).toBe(
      'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app; ' +
        'memory request for container side; cpu, memory limit for container side; cpu, memory request for init container setup',
    );
    expect(spec(admitted).containers[0]?.resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(spec(admitted).containers[1]?.resources).toEqual({ requests: { cpu: '200m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(spec(admitted).initContainers?.[0]?.resources).toEqual({ limits: { cpu: '1', memory: '64Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    // The pod handed in is not changed in place.
    expect(spec(pod).containers[0]?.resources).toBeUndefined();
  });

  it('defaults the limit to max and the request to the limit, as the LimitRange defaulting does', () => {
    const admitted = admitPod([limitRange('max', [{ type: 'Container', max: { cpu: '1' } }])], podObject('web', [{ name: 'app' }]));
    expect(spec(admitted).containers[0]?.resources).toEqual({ limits: { cpu: '1' }, requests: { cpu: '1' } });
  });

  it('changes nothing when the namespace has no LimitRange or the pod sets everything', () => {
    const plugin = limitRanger();
    const pod = podObject('web', [{ name: 'app', resources: { requests: { cpu: '1' }, limits: { cpu: '1' } } }]);
    expect(plugin.admit?.(admissionAttributes('CREATE', 'pods', pod), fakeAdmissionContext())).toBeUndefined();
    const range = limitRange('d', [{ type: 'Container', default: { cpu: '1' }, defaultRequest: { cpu: '1' } }]);
    expect(plugin.admit?.(admissionAttributes('CREATE', 'pods', pod), fakeAdmissionContext({ limitranges: [range] }))).toBeUndefined();
  });

  it('rejects a container above the maximum with upstream message', () => {
    const status = reject([limitRange('max', [{ type: 'Container', max: { cpu: '1' } }])], podObject('web', [{ name: 'app', resources: { limits: { cpu: '2' } } }]));
    expect(status.code).toBe(403);
    expect(status.reason).toBe('Forbidden');
    expect(status.message).toBe('pods "web" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  });

  it('rejects below the minimum, for the request and for the limit', () => {
    const range = limitRange('min', [{ type: 'Container', min: { memory: '100Mi' } }]);
    expect(reject([range], podObject('web', [{ name: 'app', resources: { requests: { memory: '50Mi' }, limits: { memory: '1Gi' } } }])).message).toBe(
      'pods "web" is forbidden: minimum memory usage per Container is 100Mi, but request is 50Mi',
    );
    expect(reject([range], podObject('web', [{ name: 'app', resources: { requests: { memory: '100Mi' }, limits: { memory: '64Mi' } } }])).message).toBe(
      'pods "web" is forbidden: minimum memory usage per Container is 100Mi, but limit is 64Mi',
    );
  });

  it('rejects a limit/request ratio above maxLimitRequestRatio, printing it to six decimals', () => {
    const range = limitRange('ratio', [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }]);
    expect(reject([range], podObject('web', [{ name: 'app', resources: { requests: { cpu: '250m' }, limits: { cpu: '1' } } }])).message).toBe(
      'pods "web" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000',
    );
    expect(reject([range], podObject('web', [{ name: 'app', resources: { limits: { cpu: '1' } } }])).message).toBe(
      'pods "web" is forbidden: cpu max limit to request ratio per Container is 2, but no request is specified or request is 0',
    );
    expect(() => admitPod([range], podObject('web', [{ name: 'app', resources: { requests: { cpu: '500m' }, limits: { cpu: '1' } } }]))).not.toThrow();
  });

  it('checks Pod limits against the sum over containers', () => {
    const range = limitRange('pod', [{ type: 'Pod', max: { memory: '1Gi' } }]);
    const pod = podObject('web', [
      { name: 'a', resources: { limits: { memory: '768Mi' } } },
      { name: 'b', resources: { limits: { memory: '768Mi' } } },
    ]);
    expect(reject([range], pod).message).toBe('pods "web" is forbidden: maximum memory usage per Pod is 1Gi, but limit is 1536Mi');
  });

  it('lists several violations of one LimitRange together', () => {
    const range = limitRange('max', [{ type: 'Container', max: { cpu: '1', memory: '1Gi' } }]);
    const pod = podObject('web', [{ name: 'app', resources: { limits: { cpu: '2', memory: '2Gi' } } }]);
    expect(reject([range], pod).message).toBe(
      'pods "web" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi]',
    );
  });

  it('leaves pod updates alone: container resources cannot change', () => {
    const plugin = limitRanger();
    const range = limitRange('max', [{ type: 'Container', max: { cpu: '1' } }]);
    const pod = podObject('web', [{ name: 'app', resources: { limits: { cpu: '2' } } }]);
    const context = fakeAdmissionContext({ limitranges: [range] });
    expect(() => plugin.validate?.(admissionAttributes('UPDATE', 'pods', pod, { oldObject: pod }), context)).not.toThrow();
  });

  it('rounds the ratio half to even', () => {
    expect(ratioString(Quantity.parse('1'), Quantity.parse('3'))).toBe('0.333333');
    expect(ratioString(Quantity.parse('2'), Quantity.parse('3'))).toBe('0.666667');
    expect(ratioString(Quantity.parse('1500m'), Quantity.parse('1'))).toBe('1.500000');
  });
});
