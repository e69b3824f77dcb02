import { describe, expect, it } from 'vitest';
import { virtualMsOf } from '../../../../sim/api/time';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { describePod } from './pod';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', uid: 'u1', creationTimestamp: '2025-01-01T11:55:00Z', labels: { app: 'web' } },
  spec: {
    priority: 0,
    serviceAccountName: 'default',
    nodeName: 'node-1',
    containers: [
      {
        name: 'nginx',
        image: 'nginx',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        volumeMounts: [{ name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
      },
    ],
    volumes: [
      {
        name: 'kube-api-access-abcde',
        projected: {
          sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { name: 'kube-root-ca.crt' } }, { downwardAPI: {} }],
        },
      },
    ],
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
  },
  status: {
    phase: 'Running',
    hostIP: '10.0.0.11',
    podIP: '10.244.1.5',
    podIPs: [{ ip: '10.244.1.5' }],
    startTime: '2025-01-01T11:55:00Z',
    qosClass: 'BestEffort',
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
      { type: 'ContainersReady', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ],
    containerStatuses: [
      {
        name: 'nginx',
        ready: true,
        restartCount: 0,
        image: 'nginx',
        imageID: 'docker.io/library/nginx@sha256:abc',
        containerID: 'containerd://abc',
        state: { running: { startedAt: '2025-01-01T11:55:10Z' } },
      },
    ],
  },
} as unknown as KubeObject;

const event = (reason: string, source: string, message: string, first: string, count = 1, last = first) =>
  ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `web.${reason}`, namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
    type: 'Normal',
    reason,
    message,
    source: { component: source },
    firstTimestamp: first,
    lastTimestamp: last,
    count,
  }) as unknown as KubeObject;

const now = virtualMsOf('2025-01-01T12:00:00Z');

describe('kubectl describe pod', () => {
  it('lays out a running pod and its events as kubectl 1.32 does', () => {
    const events = [
      event('Pulled', 'kubelet', 'Container image "nginx" already present on machine', '2025-01-01T11:56:00Z'),
      event('Scheduled', 'default-scheduler', 'Successfully assigned default/web to node-1', '2025-01-01T11:55:00Z'),
      event('BackOff', 'kubelet', 'Back-off restarting failed container', '2025-01-01T11:56:30Z', 7, '2025-01-01T11:59:54Z'),
    ];
    expect(describePod(pod, events, now)).toBe(`Name:             web
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-1/10.0.0.11
Start Time:       Wed, 01 Jan 2025 11:55:00 +0000
Labels:           app=web
Annotations:      <none>
Status:           Running
IP:               10.244.1.5
IPs:
  IP:  10.244.1.5
Containers:
  nginx:
    Container ID:   containerd://abc
    Image:          nginx
    Image ID:       docker.io/library/nginx@sha256:abc
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Wed, 01 Jan 2025 11:55:10 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-abcde (ro)
Conditions:
  Type              Status
  Initialized       True 
  Ready             True 
  ContainersReady   True 
  PodScheduled      True 
Volumes:
  kube-api-access-abcde:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age                 From               Message
  ----    ------     ----                ----               -------
  Normal  Scheduled  5m                  default-scheduler  Successfully assigned default/web to node-1
  Normal  Pulled     4m                  kubelet            Container image "nginx" already present on machine
  Normal  BackOff    6s (x7 over 3m30s)  kubelet            Back-off restarting failed container
`);
  });

  it('prints Events: <none> in the last block and hides the last-applied annotation', () => {
    const bare = { ...pod, metadata: { ...pod.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } } } as KubeObject;
    const text = describePod(bare, [], now);
    expect(text).toContain('Annotations:      <none>\n');
    expect(text.endsWith('Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\nEvents:                      <none>\n')).toBe(true);
  });
});

describe('describe pod: env fieldRefs resolved against the pod (EnvValueRetriever)', () => {
  const envPod = {
    ...pod,
    metadata: { ...pod.metadata, name: 'env-test-pod', labels: { app: 'web', tier: 'fe' } },
    spec: {
      ...(pod['spec'] as object),
      containers: [
        {
          name: 'c',
          image: 'nginx',
          env: [
            { name: 'TEST_CMD_3', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
            { name: 'NS', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
            { name: 'APP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['app']" } } },
            { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
          ],
        },
      ],
    },
  } as unknown as KubeObject;

  it('prints the value before the path, and nothing for a path ExtractFieldPathAsString does not support', () => {
    const text = describePod(envPod, [], virtualMsOf('2025-01-01T12:00:00Z'));
    expect(text).toContain('      TEST_CMD_3:  env-test-pod (v1:metadata.name)\n');
    expect(text).toContain('      NS:          default (v1:metadata.namespace)\n');
    expect(text).toContain("      APP:         web (v1:metadata.labels['app'])\n");
    expect(text).toContain('      NODE:         (v1:spec.nodeName)\n');
  });

  it('resourceFieldRef: the container quantity over the divisor, rounded up; an unset limit is node allocatable', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'dapi', namespace: 'default', creationTimestamp: '2025-01-01T00:00:00Z' },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'busybox',
            resources: { requests: { cpu: '125m', memory: '32Mi' } },
            env: [
              { name: 'CPU', valueFrom: { resourceFieldRef: { containerName: 'c', resource: 'requests.cpu' } } },
              { name: 'CPU_M', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
              { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'requests.memory', divisor: '1Mi' } } },
              { name: 'LIM', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
              { name: 'BAD', valueFrom: { resourceFieldRef: { resource: 'limits.nope' } } },
            ],
          },
        ],
      },
    } as unknown as KubeObject;
    const text = describePod(pod, [], virtualMsOf('2025-01-01T12:00:00Z'));
    // The tab writer aligns these with the Requests lines above them.
    expect(text).toMatch(/\n {6}CPU: +1 \(requests\.cpu\)\n/);
    expect(text).toMatch(/\n {6}CPU_M: +125 \(requests\.cpu\)\n/);
    expect(text).toMatch(/\n {6}MEM: +32 \(requests\.memory\)\n/);
    expect(text).toMatch(/\n {6}LIM: +node allocatable \(limits\.cpu\)\n/);
    expect(text).toMatch(/\n {6}BAD: + \(limits\.nope\)\n/);
  });
});
