/**
 * The manifests test/cmd/core.sh run_rc_tests and apps.sh run_deployment_tests read, under their
 * upstream paths: the guestbook's ReplicationControllers (hack/testdata/frontend-controller.yaml
 * as upstream has it, selector and labels left to the apiserver's defaulting), the user guide's
 * nginx Deployment and the deployments the expose and set-resources steps use. Like the other
 * fixture files, each carries what the assertions look at.
 */

/** legacy-script.sh's image variables these groups assert. */
export const CONTROLLER_IMAGES = {
  DEPLOYMENT_R1: 'registry.k8s.io/nginx:test-cmd',
  DEPLOYMENT_R2: 'registry.k8s.io/nginx:1.7.9',
  PERL: 'registry.k8s.io/perl',
} as const;

/** hack/testdata/frontend-controller.yaml: no selector and no labels; the apiserver defaults both from the template. */
const FRONTEND_CONTROLLER = `apiVersion: v1
kind: ReplicationController
metadata:
  name: frontend
spec:
  replicas: 3
  template:
    metadata:
      labels:
        app: guestbook
        tier: frontend
    spec:
      terminationGracePeriodSeconds: 0
      containers:
      - name: php-redis
        image: gcr.io/google_samples/gb-frontend:v4
        resources:
          requests:
            cpu: 100m
            memory: 100Mi
        env:
        - name: GET_HOSTS_FROM
          value: dns
        ports:
        - containerPort: 80
`;

function redisController(role: 'master' | 'slave', replicas: number): string {
  return `apiVersion: v1
kind: ReplicationController
metadata:
  name: redis-${role}
  labels:
    app: redis
    role: ${role}
    tier: backend
spec:
  replicas: ${replicas}
  template:
    metadata:
      labels:
        app: redis
        role: ${role}
        tier: backend
    spec:
      containers:
      - name: ${role}
        image: registry.k8s.io/e2e-test-images/redis:5.0.5-alpine
        resources:
          requests:
            cpu: 100m
            memory: 100Mi
        env:
        - name: GET_HOSTS_FROM
          value: dns
        ports:
        - containerPort: 6379
`;
}

/** test/fixtures/doc-yaml/user-guide/deployment.yaml: nginx-deployment, 3 replicas, port 80. */
const USER_GUIDE_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  replicas: 3
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
        image: registry.k8s.io/nginx:1.7.9
        ports:
        - containerPort: 80
`;

function exposeDeployment(selector: boolean): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: expose-test-deployment
  labels:
    name: expose-test-deployment
spec:
  replicas: 3
${selector ? '  selector:\n    matchLabels:\n      name: expose-test-deployment\n' : ''}  template:
    metadata:
      labels:
        name: expose-test-deployment
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx:test-cmd
        ports:
        - containerPort: 80
`;
}

/** hack/testdata/pod-with-large-name.yaml: a pod name longer than a Service name may be. */
const POD_WITH_LARGE_NAME = `apiVersion: v1
kind: Pod
metadata:
  name: kubernetes-serve-hostname-testing-sixty-three-characters-in-length
  labels:
    name: kubernetes-serve-hostname
spec:
  containers:
  - name: kubernetes-serve-hostname
    image: registry.k8s.io/serve_hostname
`;

/** test/fixtures/doc-yaml/admin/high-availability/etcd.yaml: the etcd-server pod with two ports. */
const ETCD_POD = `apiVersion: v1
kind: Pod
metadata:
  name: etcd-server
spec:
  hostNetwork: true
  containers:
  - name: etcd-container
    image: registry.k8s.io/etcd:3.5.16-0
    command: ["/bin/sh", "-c", "/usr/local/bin/etcd"]
    ports:
    - name: serverport
      containerPort: 2380
      hostPort: 2380
    - name: clientport
      containerPort: 2379
      hostPort: 2379
`;

/** hack/testdata/deployment-multicontainer-resources.yaml: nginx and perl, no resources set. */
const MULTICONTAINER_RESOURCES = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment-resources
  labels:
    name: nginx-deployment-resources
spec:
  replicas: 3
  selector:
    matchLabels:
      name: nginx
  template:
    metadata:
      labels:
        name: nginx
    spec:
      containers:
      - name: nginx
        image: ${CONTROLLER_IMAGES.DEPLOYMENT_R1}
        ports:
        - containerPort: 80
      - name: perl
        image: ${CONTROLLER_IMAGES.PERL}
`;

/** hack/testdata/deployment-revisionN.yaml: Deployment nginx, the image of revision 1 or 2. */
function deploymentRevision(image: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  labels:
    name: nginx-undo
spec:
  replicas: 3
  selector:
    matchLabels:
      name: nginx-undo
  template:
    metadata:
      labels:
        name: nginx-undo
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports:
        - containerPort: 80
`;
}

/** hack/testdata/deployment-multicontainer.yaml: nginx-deployment with nginx and perl. */
const MULTICONTAINER = MULTICONTAINER_RESOURCES.replace(/nginx-deployment-resources/g, 'nginx-deployment');

/** hack/testdata/deployment-with-UnixUserID.yaml: a pod security context with a Unix user id the validation must accept. */
const WITH_UNIX_USER_ID = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: deployment-with-unixuserid
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
      securityContext:
        runAsUser: 1000190000
        fsGroup: 1000190000
      containers:
      - name: nginx
        image: registry.k8s.io/nginx:test-cmd
`;

/** hack/testdata/secret.yaml: test-set-env-secret with username and password. */
const SET_ENV_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: test-set-env-secret
type: Opaque
data:
  username: YWRtaW4=
  password: MWYyZDFlMmU2N2Rm
`;

export const CONTROLLER_FIXTURES: Readonly<Record<string, string>> = {
  'hack/testdata/deployment-revision1.yaml': deploymentRevision(CONTROLLER_IMAGES.DEPLOYMENT_R1),
  'hack/testdata/deployment-revision2.yaml': deploymentRevision(CONTROLLER_IMAGES.DEPLOYMENT_R2),
  'hack/testdata/deployment-multicontainer.yaml': MULTICONTAINER,
  'hack/testdata/deployment-with-UnixUserID.yaml': WITH_UNIX_USER_ID,
  'hack/testdata/secret.yaml': SET_ENV_SECRET,
  'hack/testdata/frontend-controller.yaml': FRONTEND_CONTROLLER,
  'test/e2e/testing-manifests/guestbook/legacy/redis-master-controller.yaml': redisController('master', 1),
  'test/e2e/testing-manifests/guestbook/legacy/redis-slave-controller.yaml': redisController('slave', 2),
  'test/fixtures/doc-yaml/user-guide/deployment.yaml': USER_GUIDE_DEPLOYMENT,
  'test/fixtures/pkg/kubectl/cmd/expose/appsv1deployment.yaml': exposeDeployment(true),
  'test/fixtures/pkg/kubectl/cmd/expose/appsv1deployment-no-selectors.yaml': exposeDeployment(false),
  'hack/testdata/pod-with-large-name.yaml': POD_WITH_LARGE_NAME,
  'test/fixtures/doc-yaml/admin/high-availability/etcd.yaml': ETCD_POD,
  'hack/testdata/deployment-multicontainer-resources.yaml': MULTICONTAINER_RESOURCES,
};
