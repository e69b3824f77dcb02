/**
 * hack/testdata/kustomize, byte for byte: the kustomization test/cmd's create.sh, apply.sh and
 * get.sh build with `-k` (its `nameprefix:` is matched case-insensitively, as encoding/json
 * does). The text is upstream's: the four files' SHA-256 sums are those of the Git LFS pointers
 * a mirror of kubernetes/kubernetes keeps for them (kustomization.yaml b688259c...,
 * configmap.yaml 78d9149b..., deployment.yaml 738c8052...; service.yaml as kubernetes holds it).
 */

export const KUSTOMIZE_FIXTURES: Readonly<Record<string, string>> = {
  'hack/testdata/kustomize/kustomization.yaml': `nameprefix: test-
resources:
- deployment.yaml
- service.yaml
- configmap.yaml
`,
  'hack/testdata/kustomize/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: the-map
data:
  altGreeting: "Good Morning!"
  enableRisky: "false"
`,
  'hack/testdata/kustomize/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: the-deployment
  labels:
    deployment: hello
spec:
  replicas: 3
  selector:
    matchLabels:
      deployment: hello
  template:
    metadata:
      labels:
        deployment: hello
    spec:
      containers:
      - name: the-container
        image: monopole/hello:1
        command: ["/hello",
                  "--port=8080",
                  "--enableRiskyFeature=$(ENABLE_RISKY)"]
        ports:
        - containerPort: 8080
        env:
        - name: ALT_GREETING
          valueFrom:
            configMapKeyRef:
              name: the-map
              key: altGreeting
        - name: ENABLE_RISKY
          valueFrom:
            configMapKeyRef:
              name: the-map
              key: enableRisky
`,
  'hack/testdata/kustomize/service.yaml': `kind: Service
apiVersion: v1
metadata:
  name: the-service
spec:
  selector:
    deployment: hello
  type: LoadBalancer
  ports:
  - protocol: TCP
    port: 8666
    targetPort: 8080
`,
};
