/**
 * Manifests standing in for the files upstream's test/cmd groups read (test/fixtures/...,
 * hack/testdata/...), under the same paths so the ported commands read as upstream writes them.
 * Each is written here to carry what the assertions look at (names, labels, the env references),
 * not copied.
 */
import { APPLY_FIXTURES } from './fixtures-apply';
import { CONTROLLER_FIXTURES } from './fixtures-controllers';
import { CREATE_FIXTURES } from './fixtures-create';
import { KUSTOMIZE_FIXTURES } from './fixtures-kustomize';
import { WORKLOAD_FIXTURES } from './fixtures-workloads';

/** test/fixtures/doc-yaml/admin/limitrange/valid-pod.yaml: a pod `valid-pod`, label name=valid-pod. */
const VALID_POD = `apiVersion: v1
kind: Pod
metadata:
  name: valid-pod
  labels:
    name: valid-pod
spec:
  containers:
  - name: kubernetes-serve-hostname
    image: registry.k8s.io/serve_hostname
    resources:
      limits:
        cpu: "1"
        memory: 512Mi
`;

/** hack/testdata/pod-with-api-env.yaml: env from a secret key, a config map key and a fieldRef. */
const POD_WITH_API_ENV = `apiVersion: v1
kind: Pod
metadata:
  name: env-test-pod
spec:
  containers:
  - name: test-container
    image: registry.k8s.io/busybox
    command: ["/bin/sh", "-c", "env"]
    env:
    - name: TEST_CMD_1
      valueFrom:
        secretKeyRef:
          name: test-secret
          key: key-1
    - name: TEST_CMD_2
      valueFrom:
        configMapKeyRef:
          name: test-configmap
          key: key-2
    - name: TEST_CMD_3
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
  restartPolicy: Never
`;

/** test/e2e/testing-manifests/kubectl/agnhost-primary-pod.yaml: a second pod, `agnhost-primary`. */
const AGNHOST_PRIMARY_POD = `apiVersion: v1
kind: Pod
metadata:
  name: agnhost-primary
  labels:
    name: agnhost-primary
    app: agnhost
    role: primary
spec:
  containers:
  - name: primary
    image: registry.k8s.io/e2e-test-images/agnhost:2.45
    ports:
    - containerPort: 6379
`;

/** hack/testdata/pod.yaml: `test-pod`, labelled name=test-pod-label. */
const TEST_POD = `apiVersion: v1
kind: Pod
metadata:
  name: test-pod
  labels:
    name: test-pod-label
spec:
  containers:
  - name: kubernetes-pause
    image: registry.k8s.io/pause:3.10
`;

/** hack/testdata/pod-apply.yaml: test-pod again, its label changed to test-pod-applied (image as pod.yaml's). */
const TEST_POD_APPLY = `apiVersion: v1
kind: Pod
metadata:
  name: test-pod
  labels:
    name: test-pod-applied
spec:
  containers:
  - name: kubernetes-pause
    image: registry.k8s.io/pause:3.10
`;

/** test/e2e/testing-manifests/guestbook/redis-master-service.yaml. */
const REDIS_MASTER_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: redis-master
  labels:
    app: redis
    role: master
    tier: backend
spec:
  ports:
  - port: 6379
    targetPort: 6379
  selector:
    app: redis
    role: master
    tier: backend
`;

/** test/e2e/testing-manifests/guestbook/redis-slave-service.yaml. */
const REDIS_SLAVE_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: redis-slave
  labels:
    app: redis
    role: slave
    tier: backend
spec:
  ports:
  - port: 6379
  selector:
    app: redis
    role: slave
    tier: backend
`;

/** hack/testdata/frontend-replicaset.yaml: ReplicaSet `frontend`, 3 replicas of the guestbook front end. */
const FRONTEND_REPLICASET = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
  labels:
    app: guestbook
    tier: frontend
spec:
  replicas: 3
  selector:
    matchLabels:
      app: guestbook
      tier: frontend
  template:
    metadata:
      labels:
        app: guestbook
        tier: frontend
    spec:
      containers:
      - name: php-redis
        image: gcr.io/google_samples/gb-frontend:v3
        resources:
          requests:
            cpu: 100m
            memory: 100Mi
        ports:
        - containerPort: 80
`;

/** hack/testdata/configmap.yaml: ConfigMap `test-set-env-config` with two keys. */
const TEST_SET_ENV_CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: test-set-env-config
data:
  key-1: value-1
  key-2: value-2
`;

/** hack/testdata/scale-deploy-N.yaml: Deployments scale-1 and scale-2 labelled run=hello, scale-3 not. */
function scaleDeploy(n: number, run: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: scale-${n}
  labels:
    run: ${run}
spec:
  replicas: 1
  selector:
    matchLabels:
      run: ${run}
  template:
    metadata:
      labels:
        run: ${run}
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx:1.7.9
`;
}

/** hack/testdata/redis-slave-replicaset.yaml: ReplicaSet `redis-slave`, 2 replicas. */
const REDIS_SLAVE_REPLICASET = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: redis-slave
  labels:
    app: redis
    tier: backend
    role: slave
spec:
  replicas: 2
  selector:
    matchLabels:
      app: redis
      tier: backend
      role: slave
  template:
    metadata:
      labels:
        app: redis
        tier: backend
        role: slave
    spec:
      containers:
      - name: slave
        image: gcr.io/google_samples/gb-redisslave:v1
        ports:
        - containerPort: 6379
`;

/** test/fixtures/doc-yaml/user-guide/multi-pod.yaml: two pods, redis-master then valid-pod, in one file. */
const MULTI_POD = `apiVersion: v1
kind: Pod
metadata:
  name: redis-master
  labels:
    name: redis-master
spec:
  containers:
  - name: master
    image: registry.k8s.io/redis:e2e
    ports:
    - containerPort: 6379
---
${VALID_POD}`;

export const UPSTREAM_FIXTURES: Readonly<Record<string, string>> = {
  'test/fixtures/doc-yaml/admin/limitrange/valid-pod.yaml': VALID_POD,
  'hack/testdata/pod-with-api-env.yaml': POD_WITH_API_ENV,
  'test/e2e/testing-manifests/kubectl/agnhost-primary-pod.yaml': AGNHOST_PRIMARY_POD,
  'hack/testdata/pod.yaml': TEST_POD,
  'hack/testdata/pod-apply.yaml': TEST_POD_APPLY,
  'test/e2e/testing-manifests/guestbook/redis-master-service.yaml': REDIS_MASTER_SERVICE,
  'test/e2e/testing-manifests/guestbook/redis-slave-service.yaml': REDIS_SLAVE_SERVICE,
  'hack/testdata/frontend-replicaset.yaml': FRONTEND_REPLICASET,
  'hack/testdata/configmap.yaml': TEST_SET_ENV_CONFIG,
  'hack/testdata/scale-deploy-1.yaml': scaleDeploy(1, 'hello'),
  'hack/testdata/scale-deploy-2.yaml': scaleDeploy(2, 'hello'),
  'hack/testdata/scale-deploy-3.yaml': scaleDeploy(3, 'goodbye'),
  'hack/testdata/redis-slave-replicaset.yaml': REDIS_SLAVE_REPLICASET,
  'test/fixtures/doc-yaml/user-guide/multi-pod.yaml': MULTI_POD,
  ...WORKLOAD_FIXTURES,
  ...CONTROLLER_FIXTURES,
  ...CREATE_FIXTURES,
  ...KUSTOMIZE_FIXTURES,
  ...APPLY_FIXTURES,
};
