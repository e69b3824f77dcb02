/**
 * The files of the projected service-account volume the ServiceAccount admission plugin adds
 * (`kube-api-access-xxxxx` at /var/run/secrets/kubernetes.io/serviceaccount): `token`, `ca.crt`,
 * `namespace`. Upstream the kubelet gets the token with a TokenRequest and the CA from the
 * kube-root-ca.crt ConfigMap; the simulated kubelet writes a stand-in token and CA without
 * those requests (the simulation signs nothing), so pods start as fast as before.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { VolumeDirectory } from '../../container/filesystem';
import { serviceAccountToken } from './volume-contents';

const SIMULATED_CA = '-----BEGIN CERTIFICATE-----\nMIIC/jCCAeagAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl\ncm5ldGVzMB4XDTI1MDEwMTAwMDAwMFoXDTM1MDEwMTAwMDAwMFowFTETMBEGA1UE\nAxMKa3ViZXJuZXRlcw==\n-----END CERTIFICATE-----\n';

export function serviceAccountVolumeFiles(pod: Pod): VolumeDirectory {
  return new Map([
    ['ca.crt', SIMULATED_CA],
    ['namespace', pod.metadata?.namespace ?? 'default'],
    ['token', serviceAccountToken(pod)],
  ]);
}
