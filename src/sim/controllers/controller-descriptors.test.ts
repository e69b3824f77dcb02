/** `--controllers` as upstream's IsControllerEnabled reads it: names, aliases, `-name`, `*`. */
import { describe, expect, it } from 'vitest';
import { isControllerEnabled, newControllerDescriptors, unknownControllers, type ControllerDescriptor } from './controller-descriptors';

const descriptors = newControllerDescriptors();
const sa = descriptors.get('serviceaccount-controller') as ControllerDescriptor;
const optIn: ControllerDescriptor = { ...sa, name: 'bootstrap-signer-controller', aliases: ['bootstrapsigner'], disabledByDefault: true };

describe('isControllerEnabled', () => {
  it('enables everything not disabled by default with *', () => {
    expect(isControllerEnabled(sa, ['*'])).toBe(true);
    expect(isControllerEnabled(optIn, ['*'])).toBe(false);
  });
  it('lets a name or alias enable and -name disable, first match wins', () => {
    expect(isControllerEnabled(optIn, ['*', 'bootstrapsigner'])).toBe(true);
    expect(isControllerEnabled(sa, ['*', '-serviceaccount'])).toBe(false);
    expect(isControllerEnabled(sa, ['-serviceaccount-controller', '*'])).toBe(false);
    expect(isControllerEnabled(sa, ['root-ca-cert-publisher'])).toBe(false);
  });
  it('names the unknown entries', () => {
    expect(unknownControllers(descriptors, ['*', '-serviceaccount', 'nope', '-gone'])).toEqual(['nope', '-gone']);
  });
});

describe('the controllers built so far', () => {
  it('carry upstream names, aliases and the service accounts they act as', () => {
    const rows = [...newControllerDescriptors().values()].map((d) => `${d.name} [${d.aliases.join(',')}] as ${d.serviceAccount}`);
    expect(rows).toEqual([
      'serviceaccount-controller [serviceaccount] as service-account-controller',
      'disruption-controller [disruption] as disruption-controller',
      'root-ca-certificate-publisher-controller [root-ca-cert-publisher] as root-ca-cert-publisher',
      'clusterrole-aggregation-controller [clusterrole-aggregation] as clusterrole-aggregation-controller',
      'namespace-controller [namespace] as namespace-controller',
      'node-lifecycle-controller [nodelifecycle] as node-controller',
      // "taint-manager uses existing cluster role from node-controller"
      'taint-eviction-controller [] as node-controller',
      'endpoints-controller [endpoint] as endpoint-controller',
      'endpointslice-controller [endpointslice] as endpointslice-controller',
      'endpointslice-mirroring-controller [endpointslicemirroring] as endpointslicemirroring-controller',
      'replicationcontroller-controller [replicationcontroller] as replication-controller',
      'horizontal-pod-autoscaler-controller [horizontalpodautoscaling] as horizontal-pod-autoscaler',
      'replicaset-controller [replicaset] as replicaset-controller',
      'deployment-controller [deployment] as deployment-controller',
      'daemonset-controller [daemonset] as daemon-set-controller',
      'statefulset-controller [statefulset] as statefulset-controller',
      'job-controller [job] as job-controller',
      'cronjob-controller [cronjob] as cronjob-controller',
      'ttl-after-finished-controller [ttl-after-finished] as ttl-after-finished-controller',
      'resourcequota-controller [resourcequota] as resourcequota-controller',
      'garbage-collector-controller [garbagecollector] as generic-garbage-collector',
    ]);
  });
});
