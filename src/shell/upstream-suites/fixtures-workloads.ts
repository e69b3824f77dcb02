/**
 * The DaemonSet and StatefulSet manifests of hack/testdata that test/cmd/apps.sh's history
 * groups apply, under their upstream paths. The DaemonSet's first revision names
 * IMAGE_PAUSE_V2 (legacy-script.sh), which the group asserts; the second adds a container.
 */

/** legacy-script.sh's image variables the groups assert. */
export const IMAGES = {
  PAUSE_V2: 'registry.k8s.io/pause:2.0',
  DAEMONSET_R2: 'registry.k8s.io/pause:latest',
  DAEMONSET_R2_2: 'registry.k8s.io/nginx:test-cmd',
  STATEFULSET_R1: 'registry.k8s.io/nginx-slim:0.7',
  STATEFULSET_R2: 'registry.k8s.io/nginx-slim:0.8',
} as const;

function bindDaemonSet(containers: string): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: bind
  labels:
    service: bind
spec:
  selector:
    matchLabels:
      service: bind
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 10%
  template:
    metadata:
      labels:
        service: bind
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector:
                matchExpressions:
                - key: "service"
                  operator: "In"
                  values: ["bind"]
              topologyKey: "kubernetes.io/hostname"
              namespaces: []
      containers:
${containers}`;
}

function nginxStatefulSet(containers: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: nginx
  labels:
    app: nginx-statefulset
spec:
  selector:
    matchLabels:
      app: nginx-statefulset
  updateStrategy:
    type: RollingUpdate
  serviceName: "nginx"
  replicas: 0
  template:
    metadata:
      labels:
        app: nginx-statefulset
    spec:
      terminationGracePeriodSeconds: 5
      containers:
${containers}`;
}

const NGINX_SLIM = (image: string) => `      - name: nginx
        image: ${image}
        ports:
        - containerPort: 80
          name: web
        command:
        - sh
        - -c
        - 'while true; do sleep 1; done'
`;

export const WORKLOAD_FIXTURES: Readonly<Record<string, string>> = {
  'hack/testdata/rollingupdate-daemonset.yaml': bindDaemonSet(`      - name: kubernetes-pause
        image: ${IMAGES.PAUSE_V2}
`),
  'hack/testdata/rollingupdate-daemonset-rv2.yaml': bindDaemonSet(`      - name: kubernetes-pause
        image: ${IMAGES.DAEMONSET_R2}
      - name: app
        image: ${IMAGES.DAEMONSET_R2_2}
`),
  'hack/testdata/rollingupdate-statefulset.yaml': nginxStatefulSet(NGINX_SLIM(IMAGES.STATEFULSET_R1)),
  'hack/testdata/rollingupdate-statefulset-rv2.yaml': nginxStatefulSet(`${NGINX_SLIM(IMAGES.STATEFULSET_R2)}      - name: pause
        image: ${IMAGES.PAUSE_V2}
        ports:
        - containerPort: 81
          name: web-2
`),
};
