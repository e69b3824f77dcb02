/**
 * The files of test/cmd/apply.sh's later steps, under upstream's paths. multi-resource-1..3 and
 * retainKeys/deployment/deployment-before.yaml are upstream's text as kubernetes/kubernetes holds
 * it; deployment-after.yaml is held here only in its extensions/v1beta1 form, so it is written as
 * apps/v1 with the selector that version requires, the fields the steps look at unchanged
 * (strategy Recreate, the volume a hostPath).
 */

export const APPLY_FIXTURES: Readonly<Record<string, string>> = {
  'hack/testdata/multi-resource-1.yaml': `# Tests that initial failures to not block subsequent applies.
# Pod must be before namespace, so it initially fails. Second
# apply of pod should succeed, since namespace finally exists.
apiVersion: v1
kind: Pod
metadata:
  name: test-pod
  namespace: multi-resource-ns
  labels:
    name: test-pod-label
spec:
  containers:
  - name: kubernetes-pause
    image: registry.k8s.io/pause:3.7
---
apiVersion: v1
kind: Namespace
metadata:
  name: multi-resource-ns
`,
  'hack/testdata/multi-resource-2.yaml': `# Simple test that errors should not block apply of valid
# resources. The ConfigMap should successfully apply, while
# the custom resource fails because the CRD is missing.
apiVersion: v1
kind: ConfigMap
metadata:
  name: foo
---
apiVersion: example.com/v1
kind: Bogus
metadata:
  name: foo
`,
  'hack/testdata/multi-resource-3.yaml': `# Test failures do not block the apply for valid resources.
# pod-a and pod-c should apply, while POD-B is invalid
# because of the capitialization.
apiVersion: v1
kind: Pod
metadata:
  name: pod-a
spec:
  containers:
  - name: kubernetes-pause
    image: registry.k8s.io/pause:3.7
---
apiVersion: v1
kind: Pod
metadata:
  name: POD-B
spec:
  containers:
  - name: kubernetes-pause
    image: registry.k8s.io/pause:3.7
---
apiVersion: v1
kind: Pod
metadata:
  name: pod-c
spec:
  containers:
  - name: kubernetes-pause
    image: registry.k8s.io/pause:3.7

`,
  'hack/testdata/retainKeys/deployment/deployment-before.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: test-deployment-retainkeys
  labels:
    app: nginx
spec:
  replicas: 1
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
      volumes:
      - name: test-volume
`,
  'hack/testdata/retainKeys/deployment/deployment-after.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: test-deployment-retainkeys
spec:
  strategy:
    type: Recreate
  replicas: 1
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
      volumes:
      - name: test-volume
        hostPath:
          path: /data
`,
};
