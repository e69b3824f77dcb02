import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { RESOURCES, apiVersionOf } from '../resources';
import { strictDecodingError, strictDecodingMessage, unknownFields, withoutUnknownFields } from './strict-decoding';

function manifests(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text).map((doc) => doc.toJSON() as Record<string, unknown>);
}

describe('unknownFields: typos at every depth', () => {
  it('finds a typo in a container, with the index in the path', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', imagee: 'nginx' }] },
    };
    expect(unknownFields(pod)).toEqual(['spec.containers[1].imagee']);
  });

  it('finds typos in the pod spec, the root and metadata, in document order', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metdata: { name: 'x' },
      metadata: { name: 'web', lables: { app: 'web' } },
      spec: { restartPolicyy: 'Always', containers: [{ name: 'c', image: 'nginx', port: 80 }] },
    };
    expect(unknownFields(pod)).toEqual(['metdata', 'metadata.lables', 'spec.restartPolicyy', 'spec.containers[0].port']);
  });

  it('matches field names case-sensitively, as sigs.k8s.io/json does', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', Image: 'nginx' }] } };
    expect(unknownFields(pod)).toEqual(['spec.containers[0].Image']);
  });

  it('finds a typo deep in a deployment template', () => {
    const [deployment] = manifests(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx
        resources: {requests: {cpu: 100m}, limit: {cpu: 200m}}
        readinessProbe: {httpGet: {path: /, port: http, hots: x}}
`);
    expect(unknownFields(deployment)).toEqual([
      'spec.template.spec.containers[0].resources.limit',
      'spec.template.spec.containers[0].readinessProbe.httpGet.hots',
    ]);
  });

  it('finds a typo in a service port', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetport: 8080 }] } };
    expect(unknownFields(svc)).toEqual(['spec.ports[0].targetport']);
  });

  it('does not look under an unknown field', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spek: { containers: [{ imagee: 'x' }] } };
    expect(unknownFields(pod)).toEqual(['spek']);
  });

  it('reports the unknown fields of upstream\'s field validation test, in its order', () => {
    // test/integration/apiserver/field_validation_test.go invalidBodyJSON, POST with
    // fieldValidation=Strict. Its duplicate keys collapse when parsed, so only the unknown ones remain:
    // upstream prints duplicate "metadata.name", unknown "metadata.unknownMeta", unknown
    // "spec.unknown1", unknown "spec.unknownDupe", duplicate "spec.paused", unknown
    // "spec.template.spec.containers[0].unknownNested", duplicate "...imagePullPolicy".
    const body = JSON.parse(`{
      "apiVersion": "apps/v1", "kind": "Deployment",
      "metadata": {"name": "dupename", "name": "test", "labels": {"app": "nginx"}, "unknownMeta": "metaVal"},
      "spec": {
        "unknown1": "val1", "unknownDupe": "valDupe", "unknownDupe": "valDupe2", "paused": true, "paused": false,
        "selector": {"matchLabels": {"app": "nginx"}},
        "template": {"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": [{
          "name": "nginx", "image": "nginx:latest", "unknownNested": "val1",
          "imagePullPolicy": "Always", "imagePullPolicy": "Never"}]}}}}`) as unknown;
    const paths = unknownFields(body);
    expect(paths).toEqual(['metadata.unknownMeta', 'spec.unknown1', 'spec.unknownDupe', 'spec.template.spec.containers[0].unknownNested']);
    expect(strictDecodingError(paths)).toBe(
      'strict decoding error: unknown field "metadata.unknownMeta", unknown field "spec.unknown1", unknown field "spec.unknownDupe", unknown field "spec.template.spec.containers[0].unknownNested"',
    );
  });

  it('visits keys sorted when asked, as upstream does for patched objects', () => {
    // Same test file, strategic-merge and merge patch: "... unknown field
    // \"spec.template.spec.containers[0].unknownNested\", unknown field \"spec.unknown1\", unknown field \"spec.unknownDupe\"".
    const patched = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        unknown1: 'val1',
        unknownDupe: 'valDupe2',
        paused: false,
        selector: { matchLabels: { app: 'nginx' } },
        template: { spec: { containers: [{ name: 'nginx', unknownNested: 'val1', imagePullPolicy: 'Never' }] } },
      },
    };
    expect(unknownFields(patched, { sortKeys: true })).toEqual([
      'spec.template.spec.containers[0].unknownNested',
      'spec.unknown1',
      'spec.unknownDupe',
    ]);
    expect(unknownFields(patched)).toEqual(['spec.unknown1', 'spec.unknownDupe', 'spec.template.spec.containers[0].unknownNested']);
  });

  it('stops at 100 errors, as sigs.k8s.io/json does', () => {
    const spec: Record<string, number> = {};
    for (let i = 0; i < 150; i++) spec[`x${i}`] = i;
    const paths = unknownFields({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
    expect(paths).toHaveLength(100);
    expect(paths[99]).toBe('spec.x99');
  });
});

describe('unknownFields: maps and anything-goes types', () => {
  it('accepts any key in labels, annotations, data and resource lists', () => {
    const objects = manifests(`
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  labels: {app.kubernetes.io/name: cfg, anything-at-all: "yes"}
  annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}"}
data: {game.properties: "lives=3", imagee: typo-looking-but-a-key}
binaryData: {blob: aGVsbG8=}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  nodeSelector: {disktype: ssd}
  containers:
  - name: c
    image: nginx
    resources:
      requests: {cpu: 100m, memory: 64Mi, example.com/gpu: "1"}
      limits: {memory: 128Mi}
---
apiVersion: v1
kind: Secret
metadata: {name: s}
type: Opaque
data: {password: cGFzcw==}
stringData: {username: admin}
`);
    for (const object of objects) expect(unknownFields(object)).toEqual([]);
  });

  it('still checks the fields of struct values inside maps and arrays', () => {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n' },
      status: { capacity: { cpu: '4' }, conditions: [{ type: 'Ready', status: 'True', reson: 'KubeletReady' }] },
    };
    expect(unknownFields(node)).toEqual(['status.conditions[0].reson']);
  });

  it('takes anything inside managedFields[].fieldsV1, which unmarshals itself', () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'c',
        managedFields: [
          {
            manager: 'kubectl',
            operation: 'Apply',
            apiVersion: 'v1',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:data': { 'f:key': {} }, 'f:metadata': { '.': {}, 'k:{"name":"x"}': {} } },
            time: '2024-01-01T00:00:00Z',
          },
        ],
      },
    };
    expect(unknownFields(cm)).toEqual([]);
  });
});

describe('unknownFields: what it leaves to others', () => {
  it('returns nothing for kinds or apiVersions we do not serve', () => {
    expect(unknownFields({ apiVersion: 'v1', kind: 'Widget', spec: { x: 1 } })).toEqual([]);
    expect(unknownFields({ apiVersion: 'apps/v2', kind: 'Deployment', spec: { x: 1 } })).toEqual([]);
    expect(unknownFields({ kind: 'Pod', spek: 1 })).toEqual([]);
    expect(unknownFields('not an object')).toEqual([]);
  });

  it('ignores values of the wrong JSON type and nulls (decode errors, not strict errors)', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', creationTimestamp: null }, spec: { containers: 'oops', affinity: null } };
    expect(unknownFields(pod)).toEqual([]);
  });
});

const EVERY_KIND = `
apiVersion: v1
kind: Binding
metadata: {name: web-0, namespace: default}
target: {apiVersion: v1, kind: Node, name: node-1}
---
apiVersion: v1
kind: Endpoints
metadata: {name: web}
subsets:
- addresses: [{ip: 10.244.1.5, nodeName: node-1, targetRef: {kind: Pod, name: web-0, namespace: default}}]
  ports: [{name: http, port: 8080, protocol: TCP}]
---
apiVersion: v1
kind: Event
metadata: {name: web-0.17a, namespace: default}
involvedObject: {kind: Pod, name: web-0, namespace: default, uid: 1234}
reason: Scheduled
message: Successfully assigned default/web-0 to node-1
type: Normal
source: {component: default-scheduler}
firstTimestamp: "2024-01-01T00:00:00Z"
lastTimestamp: "2024-01-01T00:00:00Z"
count: 1
reportingComponent: default-scheduler
---
apiVersion: v1
kind: LimitRange
metadata: {name: limits}
spec:
  limits:
  - type: Container
    default: {cpu: 500m}
    defaultRequest: {cpu: 100m}
    max: {memory: 1Gi}
---
apiVersion: v1
kind: Namespace
metadata: {name: team-a, labels: {kubernetes.io/metadata.name: team-a}}
spec: {finalizers: [kubernetes]}
status: {phase: Active}
---
apiVersion: v1
kind: Node
metadata: {name: node-1, labels: {kubernetes.io/hostname: node-1}}
spec:
  podCIDR: 10.244.1.0/24
  taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]
status:
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  addresses: [{type: InternalIP, address: 172.18.0.2}]
  conditions: [{type: Ready, status: "True", lastHeartbeatTime: "2024-01-01T00:00:00Z", reason: KubeletReady}]
  nodeInfo: {kubeletVersion: v1.32.0, containerRuntimeVersion: containerd://1.7.0, architecture: amd64, operatingSystem: linux, osImage: Debian, kernelVersion: "6.1", bootID: b, machineID: m, systemUUID: s, kubeProxyVersion: v1.32.0}
---
apiVersion: v1
kind: Pod
metadata:
  name: web-0
  namespace: default
  ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: web, uid: u, controller: true, blockOwnerDeletion: true}]
spec:
  serviceAccountName: default
  securityContext: {runAsNonRoot: true, fsGroup: 2000}
  initContainers: [{name: init, image: busybox, command: [sh, -c, "true"]}]
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 80, name: http}]
    env: [{name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}, {name: MODE, value: prod}]
    envFrom: [{configMapRef: {name: cfg}}]
    volumeMounts: [{name: data, mountPath: /data}]
    livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 5, periodSeconds: 10}
    lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}
  volumes:
  - {name: data, persistentVolumeClaim: {claimName: data-web-0}}
  - {name: cfg, configMap: {name: cfg, items: [{key: a, path: a.txt}]}}
  - {name: tmp, emptyDir: {sizeLimit: 1Gi}}
  tolerations: [{key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}]
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}}
  topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway}]
status:
  phase: Running
  podIP: 10.244.1.5
  podIPs: [{ip: 10.244.1.5}]
  conditions: [{type: Ready, status: "True"}]
  containerStatuses: [{name: web, ready: true, restartCount: 0, image: nginx:1.27, imageID: "", started: true, state: {running: {startedAt: "2024-01-01T00:00:00Z"}}}]
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: quota}
spec: {hard: {pods: "10", requests.cpu: "4"}}
status: {hard: {pods: "10"}, used: {pods: "1"}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: builder}
secrets: [{name: builder-token}]
imagePullSecrets: [{name: regcred}]
automountServiceAccountToken: false
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http, nodePort: 30080, protocol: TCP}]
  sessionAffinity: ClientIP
  sessionAffinityConfig: {clientIP: {timeoutSeconds: 10800}}
  ipFamilyPolicy: SingleStack
status: {loadBalancer: {}}
---
apiVersion: apps/v1
kind: ControllerRevision
metadata:
  name: agent-6c8478b66d
  labels: {app: agent, controller-revision-hash: 6c8478b66d}
  ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: u, controller: true, blockOwnerDeletion: true}]
data: {spec: {template: {$patch: replace, metadata: {labels: {app: agent}}, spec: {containers: [{name: agent, image: agent:1}]}}}}
revision: 1
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 0}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostNetwork: true
      containers: [{name: agent, image: agent:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, annotations: {deployment.kubernetes.io/revision: "1"}}
spec:
  replicas: 3
  revisionHistoryLimit: 10
  progressDeadlineSeconds: 600
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx, resources: {limits: {cpu: 500m}}}]}
status: {replicas: 3, readyReplicas: 3, observedGeneration: 1, conditions: [{type: Available, status: "True", lastUpdateTime: "2024-01-01T00:00:00Z"}]}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-5d4f, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u}]}
spec:
  replicas: 3
  selector: {matchLabels: {app: web, pod-template-hash: 5d4f}}
  template:
    metadata: {labels: {app: web, pod-template-hash: 5d4f}}
    spec: {containers: [{name: web, image: nginx}]}
status: {replicas: 3, fullyLabeledReplicas: 3, availableReplicas: 3}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: nginx}
spec:
  replicas: 3
  minReadySeconds: 0
  selector: {app: nginx}
  template:
    metadata: {labels: {app: nginx}}
    spec: {containers: [{name: nginx, image: nginx}]}
status: {replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1, conditions: [{type: ReplicaFailure, status: "True", reason: FailedCreate}]}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 3
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
  behavior: {scaleDown: {stabilizationWindowSeconds: 300, selectPolicy: Max, policies: [{type: Percent, value: 100, periodSeconds: 15}]}}
status: {currentReplicas: 1, desiredReplicas: 1, currentMetrics: [{type: Resource, resource: {name: cpu, current: {averageUtilization: 10}}}], conditions: [{type: AbleToScale, status: "True", reason: ReadyForNewScale}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 2
  podManagementPolicy: Parallel
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
  persistentVolumeClaimRetentionPolicy: {whenDeleted: Retain, whenScaled: Retain}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: hello}
spec:
  schedule: "* * * * *"
  concurrencyPolicy: Forbid
  startingDeadlineSeconds: 30
  successfulJobsHistoryLimit: 3
  jobTemplate:
    metadata: {labels: {app: hello}}
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: hello, image: busybox:1.28, command: [/bin/sh, -c, date]}]
status: {lastScheduleTime: "2024-01-01T00:01:00Z", active: [{kind: Job, name: hello-28397821, namespace: default, apiVersion: batch/v1}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  backoffLimit: 4
  completions: 1
  ttlSecondsAfterFinished: 100
  template:
    spec:
      restartPolicy: Never
      containers: [{name: pi, image: perl, command: [perl, -Mbignum=bpi, -wle, "print bpi(2000)"]}]
status: {succeeded: 1, startTime: "2024-01-01T00:00:00Z", completionTime: "2024-01-01T00:01:00Z"}
---
apiVersion: coordination.k8s.io/v1
kind: Lease
metadata: {name: node-1, namespace: kube-node-lease}
spec: {holderIdentity: node-1, leaseDurationSeconds: 40, renewTime: "2024-01-01T00:00:00.000000Z"}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-abc, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints:
- addresses: [10.244.1.5]
  conditions: {ready: true, serving: true, terminating: false}
  nodeName: node-1
  targetRef: {kind: Pod, name: web-0, namespace: default}
ports: [{name: http, port: 8080, protocol: TCP}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: [{apiGroups: [""], resources: [pods], verbs: [get, list, watch]}, {nonResourceURLs: [/healthz], verbs: [get]}]
aggregationRule: {clusterRoleSelectors: [{matchLabels: {rbac.example.com/aggregate: "true"}}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: read-all}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
subjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader, namespace: default}
rules: [{apiGroups: [""], resources: [pods, pods/log], resourceNames: [web-0], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-pods, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
subjects: [{kind: ServiceAccount, name: default, namespace: default}]
---
apiVersion: authorization.k8s.io/v1
kind: SelfSubjectAccessReview
spec: {resourceAttributes: {namespace: default, verb: get, resource: pods}}
status: {allowed: true, reason: ""}
---
apiVersion: authorization.k8s.io/v1
kind: SelfSubjectRulesReview
spec: {namespace: default}
status: {resourceRules: [{verbs: [get], apiGroups: [""], resources: [pods]}], nonResourceRules: [], incomplete: false}
---
apiVersion: authentication.k8s.io/v1
kind: SelfSubjectReview
status: {userInfo: {username: kubernetes-admin, groups: ["system:masters", "system:authenticated"], extra: {scopes: [a]}}}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
globalDefault: false
description: for the web tier
preemptionPolicy: Never
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: default, generation: 1}
spec: {minAvailable: 1, selector: {matchLabels: {app: web}}, unhealthyPodEvictionPolicy: IfHealthyBudget}
status:
  observedGeneration: 1
  disruptedPods: {web-1: "2025-01-01T00:00:10Z"}
  disruptionsAllowed: 0
  currentHealthy: 1
  desiredHealthy: 1
  expectedPods: 2
  conditions: [{type: DisruptionAllowed, status: "False", observedGeneration: 1, lastTransitionTime: "2025-01-01T00:00:10Z", reason: InsufficientPods, message: ""}]
`;

describe('unknownFields: valid objects of every kind we serve', () => {
  const objects = [...manifests(EVERY_KIND)];
  const configMapAndSecret = manifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}');
  objects.push(...configMapAndSecret);

  it('covers every served kind', () => {
    const covered = new Set(objects.map((o) => `${String(o.apiVersion)} ${String(o.kind)}`));
    const missing = RESOURCES.map((r) => `${apiVersionOf(r)} ${r.kind}`).filter((k) => !covered.has(k));
    expect(missing).toEqual([]);
  });

  it.each(objects.map((o) => [`${String(o.apiVersion)} ${String(o.kind)}`, o] as const))('%s has no unknown fields', (_name, object) => {
    expect(unknownFields(object)).toEqual([]);
  });

  it('and each kind does reject a typo at its root', () => {
    for (const object of objects) expect(unknownFields({ ...object, spek: {} })).toEqual(['spek']);
  });
});

describe('strictDecodingMessage', () => {
  it('prints the 400 message the apiserver returns on create', () => {
    expect(strictDecodingMessage('v1', 'Pod', ['spec.containers[0].imagee'])).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"',
    );
    expect(strictDecodingMessage('apps/v1', 'Deployment', ['spec.replica', 'spec.template.spec.containers[0].imagee'])).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagee"',
    );
  });
});

describe('withoutUnknownFields', () => {
  it('drops the fields the type does not declare, at every depth, and leaves the input as it was', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { anyKey: 'kept' }, colour: 'blue' },
      spek: {},
      spec: {
        replicas: 2,
        template: {
          metadata: { annotations: { 'a/b': 'kept' } },
          spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', imagee: 'nginx', resources: { requests: { cpu: '1' } } }] },
        },
      },
    };
    const before = structuredClone(deployment);
    const pruned = withoutUnknownFields(deployment);
    expect(pruned).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { anyKey: 'kept' } },
      spec: {
        replicas: 2,
        template: {
          metadata: { annotations: { 'a/b': 'kept' } },
          spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', resources: { requests: { cpu: '1' } } }] },
        },
      },
    });
    expect(unknownFields(pruned)).toEqual([]);
    expect(deployment).toEqual(before);
    // What was not changed is shared, not copied.
    expect(pruned.spec.template.spec.containers[0]).toBe(deployment.spec.template.spec.containers[0]);
  });

  it('returns the very object when nothing is unknown, and anything not a served kind as it is', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'nginx' }] } };
    expect(withoutUnknownFields(pod)).toBe(pod);
    const foreign = { apiVersion: 'example.com/v1', kind: 'Widget', anything: 1 };
    expect(withoutUnknownFields(foreign)).toBe(foreign);
    expect(withoutUnknownFields('text')).toBe('text');
  });
});
