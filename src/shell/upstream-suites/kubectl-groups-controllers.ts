/**
 * kubectl's test/cmd groups that need the replication controller and HorizontalPodAutoscalers:
 * core.sh run_rc_tests and apps.sh run_deployment_tests, ported onto TestCmd as
 * kubectl-groups.ts ports the others (same commands, same expected values, same order). Upstream
 * runs no scheduler; here pods are also scheduled and run, which these assertions do not look at.
 * What the shell has not got (sed, grep, awk, brace expansion) is written out or left out, and
 * said so where it happens.
 */
import { CONTROLLER_FIXTURES, CONTROLLER_IMAGES as IMAGES } from './fixtures-controllers';
import { ID_FIELD as id, type TestCmd } from './test-cmd';

const ITEMS = `{{range.items}}{{${id}}}:{{end}}`;
const RC_REPLICAS = '.spec.replicas';
const DEPLOYMENT_REPLICAS = '.spec.replicas';
const PORT_FIELD = '(index .spec.ports 0).port';
const PORT_NAME = '(index .spec.ports 0).name';
const SECOND_PORT_FIELD = '(index .spec.ports 1).port';
const SECOND_PORT_NAME = '(index .spec.ports 1).name';
/**
 * legacy-script.sh runTests' hpa_*_field as 1.27+ exports them: since autoscaling/v2 became the
 * preferred version (kubernetes PR 114358), `kubectl get hpa` reads v2, and hpa_cpu_field is
 * `(index .spec.metrics 0).resource.target.averageUtilization` (v1's targetCPUUtilizationPercentage before).
 */
const HPA_FIELDS = '{{.spec.minReplicas}} {{.spec.maxReplicas}} {{(index .spec.metrics 0).resource.target.averageUtilization}}';
const IMAGE0 = '(index .spec.template.spec.containers 0).image';
const IMAGE1 = '(index .spec.template.spec.containers 1).image';
const FRONTEND = 'hack/testdata/frontend-controller.yaml';
const RESOURCES = 'hack/testdata/deployment-multicontainer-resources.yaml';
const limitsCpu = (i: number) => `{{range.items}}{{(index .spec.template.spec.containers ${i}).resources.limits.cpu}}:{{end}}`;
const requestsCpu = (i: number) => `{{range.items}}{{(index .spec.template.spec.containers ${i}).resources.requests.cpu}}:{{end}}`;

/** test/cmd/core.sh run_rc_tests. */
export function runRcTests(t: TestCmd): void {
  t.createAndUseNewNamespace();

  // ### Create and stop controller, make sure it doesn't leak pods
  t.getObjectAssert('rc', ITEMS, '');
  t.succeeds(`kubectl create -f ${FRONTEND}`);
  t.succeeds('kubectl delete rc frontend');
  t.waitObjectAssert('pods -l "name=frontend"', ITEMS, '');

  // ### Create replication controller frontend from JSON
  t.getObjectAssert('rc', ITEMS, '');
  t.succeeds(`kubectl create -f ${FRONTEND}`);
  t.getObjectAssert('rc', ITEMS, 'frontend:');
  t.describeObjectAssert('rc', 'frontend', 'Name:', 'Pod Template:', 'Labels:', 'Selector:', 'Replicas:', 'Pods Status:', 'Volumes:', 'GET_HOSTS_FROM:');
  t.describeObjectEventsAssert('rc', 'frontend');
  t.describeObjectEventsAssert('rc', 'frontend', false);
  t.describeObjectEventsAssert('rc', 'frontend', true);
  t.describeResourceAssert('rc', 'Name:', 'Name:', 'Pod Template:', 'Labels:', 'Selector:', 'Replicas:', 'Pods Status:', 'Volumes:', 'GET_HOSTS_FROM:');
  t.describeResourceEventsAssert('rc');
  t.describeResourceEventsAssert('rc', false);
  t.describeResourceEventsAssert('rc', true);
  t.describeResourceChunkSizeAssert('replicationcontrollers', 'events');

  // ### Scale replication controller frontend with current-replicas and replicas
  t.getObjectAssert('rc frontend', `{{${RC_REPLICAS}}}`, '3');
  t.succeeds('kubectl scale --current-replicas=3 --replicas=2 replicationcontrollers frontend');
  t.getObjectAssert('rc frontend', `{{${RC_REPLICAS}}}`, '2');

  // ### Scale replication controller frontend with (wrong) current-replicas and replicas
  t.getObjectAssert('rc frontend', `{{${RC_REPLICAS}}}`, '2');
  t.fails('kubectl scale --current-replicas=3 --replicas=2 replicationcontrollers frontend');
  t.getObjectAssert('rc frontend', `{{${RC_REPLICAS}}}`, '2');

  // ### Scale replication controller frontend with replicas only
  t.getObjectAssert('rc frontend', `{{${RC_REPLICAS}}}`, '2');
  t.succeeds('kubectl scale  --replicas=3 replicationcontrollers frontend');
  t.getObjectAssert('rc frontend', `{{${RC_REPLICAS}}}`, '3');

  // ### Scale replication controller from JSON with replicas only
  t.getObjectAssert('rc frontend', `{{${RC_REPLICAS}}}`, '3');
  t.succeeds(`kubectl scale  --replicas=2 -f ${FRONTEND}`);
  t.getObjectAssert('rc frontend', `{{${RC_REPLICAS}}}`, '2');
  t.succeeds('kubectl delete rc frontend');

  // ### Scale multiple replication controllers
  t.succeeds('kubectl create -f test/e2e/testing-manifests/guestbook/legacy/redis-master-controller.yaml');
  t.succeeds('kubectl create -f test/e2e/testing-manifests/guestbook/legacy/redis-slave-controller.yaml');
  t.succeeds('kubectl scale rc/redis-master rc/redis-slave --replicas=4');
  t.getObjectAssert('rc redis-master', `{{${RC_REPLICAS}}}`, '4');
  t.getObjectAssert('rc redis-slave', `{{${RC_REPLICAS}}}`, '4');
  // Upstream's `redis-{master,slave}` is bash brace expansion, written out here.
  t.succeeds('kubectl delete rc redis-master redis-slave');

  // ### Scale a deployment
  t.succeeds('kubectl create -f test/fixtures/doc-yaml/user-guide/deployment.yaml');
  t.succeeds('kubectl scale --current-replicas=3 --replicas=1 deployment/nginx-deployment');
  t.getObjectAssert('deployment nginx-deployment', `{{${DEPLOYMENT_REPLICAS}}}`, '1');
  t.succeeds('kubectl delete deployment/nginx-deployment');

  // ### Expose deployments by creating a service
  t.ifHasString(t.output('kubectl expose -f test/fixtures/pkg/kubectl/cmd/expose/appsv1deployment.yaml --port 80'), 'service/expose-test-deployment exposed');
  t.succeeds('kubectl delete service/expose-test-deployment');
  t.ifHasString(t.output('kubectl expose -f test/fixtures/pkg/kubectl/cmd/expose/appsv1deployment-no-selectors.yaml --port 80'), 'invalid deployment: no selectors');

  // ### Expose a deployment as a service
  t.succeeds('kubectl create -f test/fixtures/doc-yaml/user-guide/deployment.yaml');
  t.getObjectAssert('deployment nginx-deployment', `{{${DEPLOYMENT_REPLICAS}}}`, '3');
  t.succeeds('kubectl expose deployment/nginx-deployment');
  t.getObjectAssert('service nginx-deployment', `{{${PORT_FIELD}}}`, '80');
  t.succeeds('kubectl delete deployment/nginx-deployment service/nginx-deployment');

  // ### Expose replication controller as service
  t.succeeds(`kubectl create -f ${FRONTEND}`);
  t.getObjectAssert('rc frontend', `{{${RC_REPLICAS}}}`, '3');
  t.succeeds('kubectl expose rc frontend --port=80');
  t.getObjectAssert('service frontend', `{{${PORT_NAME}}} {{${PORT_FIELD}}}`, '<no value> 80');
  t.succeeds('kubectl expose service frontend --port=443 --name=frontend-2');
  t.getObjectAssert('service frontend-2', `{{${PORT_NAME}}} {{${PORT_FIELD}}}`, '<no value> 443');
  t.succeeds('kubectl create -f test/fixtures/doc-yaml/admin/limitrange/valid-pod.yaml');
  t.succeeds('kubectl expose pod valid-pod --port=444 --name=frontend-3');
  t.getObjectAssert('service frontend-3', `{{${PORT_NAME}}} {{${PORT_FIELD}}}`, '<no value> 444');
  t.succeeds('kubectl expose service frontend --name=frontend-4');
  t.getObjectAssert('service frontend-4', `{{${PORT_FIELD}}}`, '80');
  t.succeeds('kubectl delete pod valid-pod');
  t.succeeds('kubectl delete service frontend frontend-2 frontend-3 frontend-4');

  // ### Expose negative invalid resource test
  t.ifHasString(t.output('kubectl expose nodes 127.0.0.1'), 'cannot expose');

  // ### Try to generate a service with invalid name (exceeding maximum valid size)
  t.ifHasString(t.output('kubectl expose -f hack/testdata/pod-with-large-name.yaml --name=invalid-large-service-name-that-has-more-than-sixty-three-characters --port=8081'), 'metadata.name: Invalid value');
  t.ifHasString(t.output('kubectl expose -f hack/testdata/pod-with-large-name.yaml --port=8081'), 'kubernetes-serve-hostname-testing-sixty-three-characters-in-len exposed');
  t.run('kubectl delete svc kubernetes-serve-hostname-testing-sixty-three-characters-in-len');

  // ### Expose multiport object as a new service
  t.ifHasString(t.output('kubectl expose -f test/fixtures/doc-yaml/admin/high-availability/etcd.yaml --selector=test=etcd'), 'etcd-server exposed');
  t.getObjectAssert('service etcd-server', `{{${PORT_NAME}}} {{${PORT_FIELD}}}`, 'port-1 2380');
  t.getObjectAssert('service etcd-server', `{{${SECOND_PORT_NAME}}} {{${SECOND_PORT_FIELD}}}`, 'port-2 2379');
  t.run('kubectl delete svc etcd-server');

  // ### Delete replication controller with id
  t.getObjectAssert('rc', ITEMS, 'frontend:');
  t.succeeds('kubectl delete rc frontend');
  t.getObjectAssert('rc', ITEMS, '');

  // ### Create two replication controllers
  t.getObjectAssert('rc', ITEMS, '');
  t.succeeds(`kubectl create -f ${FRONTEND}`);
  t.succeeds('kubectl create -f test/e2e/testing-manifests/guestbook/legacy/redis-slave-controller.yaml');
  t.getObjectAssert('rc', ITEMS, 'frontend:redis-slave:');

  // ### Delete multiple controllers at once
  t.getObjectAssert('rc', ITEMS, 'frontend:redis-slave:');
  t.succeeds('kubectl delete rc frontend redis-slave');
  t.getObjectAssert('rc', ITEMS, '');

  // ### Auto scale replication controller
  t.getObjectAssert('rc', ITEMS, '');
  t.succeeds(`kubectl create -f ${FRONTEND}`);
  t.getObjectAssert('rc', ITEMS, 'frontend:');
  t.succeeds(`kubectl autoscale -f ${FRONTEND} --max=2 --cpu-percent=70`);
  t.getObjectAssert('hpa frontend', HPA_FIELDS, '1 2 70');
  t.succeeds('kubectl delete hpa frontend');
  t.succeeds('kubectl autoscale rc frontend --min=2 --max=3');
  t.getObjectAssert('hpa frontend', HPA_FIELDS, '2 3 80');
  t.succeeds('kubectl delete hpa frontend');
  t.fails('kubectl autoscale rc frontend');
  t.succeeds('kubectl delete rc frontend');

  // ## Set resource limits/request of a deployment
  t.getObjectAssert('deployment', ITEMS, '');
  t.succeeds(`kubectl set resources -f ${RESOURCES} -c=perl --limits=cpu=300m --requests=cpu=300m --local -o yaml`);
  t.fails(`kubectl set resources -f ${RESOURCES} -c=perl --limits=cpu=300m --requests=cpu=300m --dry-run=client -o yaml`);
  t.succeeds(`kubectl create -f ${RESOURCES}`);
  t.getObjectAssert('deployment', ITEMS, 'nginx-deployment-resources:');
  t.getObjectAssert('deployment', `{{range.items}}{{${IMAGE0}}}:{{end}}`, `${IMAGES.DEPLOYMENT_R1}:`);
  t.getObjectAssert('deployment', `{{range.items}}{{${IMAGE1}}}:{{end}}`, `${IMAGES.PERL}:`);
  t.succeeds('kubectl set resources deployment nginx-deployment-resources --limits=cpu=100m');
  t.getObjectAssert('deployment', limitsCpu(0), '100m:');
  t.getObjectAssert('deployment', limitsCpu(1), '100m:');
  t.fails('kubectl set resources deployment nginx-deployment-resources -c=redis --limits=cpu=100m');
  t.succeeds('kubectl set resources deployment nginx-deployment-resources -c=nginx --limits=cpu=200m');
  t.getObjectAssert('deployment', limitsCpu(0), '200m:');
  t.getObjectAssert('deployment', limitsCpu(1), '100m:');
  t.succeeds(`kubectl set resources -f ${RESOURCES} -c=perl --limits=cpu=300m --requests=cpu=300m`);
  t.getObjectAssert('deployment', limitsCpu(0), '200m:');
  t.getObjectAssert('deployment', limitsCpu(1), '300m:');
  t.getObjectAssert('deployment', requestsCpu(1), '300m:');
  t.succeeds('kubectl set resources deployment nginx-deployment-resources -c=perl --limits=cpu=400m --requests=cpu=400m --dry-run=client -o yaml');
  t.succeeds('kubectl set resources deployment nginx-deployment-resources -c=perl --limits=cpu=400m --requests=cpu=400m --dry-run=server -o yaml');
  t.fails('kubectl set resources deployment nginx-deployment-resources -c=perl --limits=cpu=400m --requests=cpu=400m --local -o yaml');
  t.getObjectAssert('deployment', limitsCpu(0), '200m:');
  t.getObjectAssert('deployment', limitsCpu(1), '300m:');
  t.getObjectAssert('deployment', requestsCpu(1), '300m:');
  t.succeeds('kubectl delete deployment nginx-deployment-resources');
}

const CONTAINER_NAME = '(index .spec.template.spec.containers 0).name';
const FOUND_HPA = '{{range.items}}{{ if eq .metadata.name "nginx-deployment" }}found{{end}}{{end}}:';
const MULTI = 'hack/testdata/deployment-multicontainer.yaml';

/** The NewReplicaSet line's name in `kubectl describe deployment NAME` (upstream: `grep NewReplicaSet | awk '{print $2}'`). */
function newReplicaSetOf(t: TestCmd, deployment: string): string {
  const line = t.output(`kubectl describe deployment ${deployment}`).split('\n').find((l) => l.includes('NewReplicaSet')) ?? '';
  return line.trim().split(/\s+/)[1] ?? '';
}

/** test/cmd/apps.sh run_deployment_tests. */
export function runDeploymentTests(t: TestCmd): void {
  t.createAndUseNewNamespace();
  // Test kubectl create deployment (using default - old generator)
  t.succeeds('kubectl create deployment test-nginx-extensions --image=k8s.gcr.io/nginx:test-cmd');
  t.getObjectAssert('deploy test-nginx-extensions', `{{${CONTAINER_NAME}}}`, 'nginx');
  t.ifHasNotString(t.output("kubectl get deployment.apps/test-nginx-extensions -o jsonpath='{.spec.revisionHistoryLimit}'"), '2');
  t.ifHasString(t.output("kubectl get deployment.apps -o=jsonpath='{.items[0].apiVersion}'"), 'apps/v1');
  t.succeeds('kubectl delete deployment test-nginx-extensions');

  // Test kubectl create deployment
  t.succeeds('kubectl create deployment test-nginx-apps --image=k8s.gcr.io/nginx:test-cmd');
  t.getObjectAssert('deploy test-nginx-apps', `{{${CONTAINER_NAME}}}`, 'nginx');
  t.ifHasString(t.output("kubectl get deployment/test-nginx-apps -o jsonpath='{.spec.revisionHistoryLimit}'"), '10');
  t.ifHasString(t.output("kubectl get deployment.apps -o=jsonpath='{.items[0].apiVersion}'"), 'apps/v1');
  t.describeResourceAssert('rs', 'Name:', 'Pod Template:', 'Labels:', 'Selector:', 'Controlled By', 'Replicas:', 'Pods Status:', 'Volumes:');
  t.describeResourceAssert('pods', 'Name:', 'Image:', 'Node:', 'Labels:', 'Status:', 'Controlled By');
  t.succeeds('kubectl delete deployment test-nginx-apps');

  // ### Test kubectl create deployment with image and command
  t.getObjectAssert('deployment', ITEMS, '');
  t.succeeds('kubectl create deployment nginx-with-command --dry-run=client --image=k8s.gcr.io/nginx:test-cmd -- /bin/sleep infinity');
  t.succeeds('kubectl create deployment nginx-with-command --dry-run=server --image=k8s.gcr.io/nginx:test-cmd -- /bin/sleep infinity');
  t.getObjectAssert('deployment', ITEMS, '');
  t.succeeds('kubectl create deployment nginx-with-command --image=k8s.gcr.io/nginx:test-cmd -- /bin/sleep infinity');
  t.getObjectAssert('deploy nginx-with-command', `{{${CONTAINER_NAME}}}`, 'nginx');
  t.succeeds('kubectl delete deployment nginx-with-command');

  // ### Test kubectl create deployment should not fail validation
  t.getObjectAssert('deployment', ITEMS, '');
  t.succeeds('kubectl create -f hack/testdata/deployment-with-UnixUserID.yaml');
  t.getObjectAssert('deployment', ITEMS, 'deployment-with-unixuserid:');
  t.succeeds('kubectl delete deployment deployment-with-unixuserid');

  // ### Test cascading deletion
  t.getObjectAssert('deployment', ITEMS, '');
  t.succeeds('kubectl create -f test/fixtures/doc-yaml/user-guide/deployment.yaml');
  t.waitObjectAssert('rs', '{{range.items}}{{.spec.replicas}}{{end}}', '3');
  t.succeeds('kubectl delete deployment nginx-deployment --cascade');
  t.waitObjectAssert('rs', ITEMS, '');

  // ## Test that rs is not deleted when deployment is deleted with cascading strategy set to orphan.
  t.getObjectAssert('deployment', ITEMS, '');
  t.getObjectAssert('rs', ITEMS, '');
  t.succeeds('kubectl create deployment nginx-deployment --image=k8s.gcr.io/nginx:test-cmd');
  t.waitObjectAssert('rs', '{{range.items}}{{.spec.replicas}}{{end}}', '1');
  t.succeeds('kubectl delete deployment nginx-deployment --cascade=orphan');
  t.waitObjectAssert('deployment', ITEMS, '');
  t.getObjectAssert('rs', '{{range.items}}{{.spec.replicas}}{{end}}', '1');
  const orphan = t.run(`kubectl get rs -o template --template="{{range.items}}{{${id}}}{{end}}"`).stdout;
  t.succeeds(`kubectl delete rs ${orphan}`);

  // ### Auto scale deployment
  t.getObjectAssert('deployment', ITEMS, '');
  t.getObjectAssert('hpa', FOUND_HPA, ':');
  t.succeeds('kubectl create -f test/fixtures/doc-yaml/user-guide/deployment.yaml');
  t.getObjectAssert('deployment', ITEMS, 'nginx-deployment:');
  t.succeeds('kubectl autoscale deployment nginx-deployment --dry-run=client --min=2 --max=3');
  t.succeeds('kubectl autoscale deployment nginx-deployment --dry-run=server --min=2 --max=3');
  t.getObjectAssert('hpa', FOUND_HPA, ':');
  t.succeeds('kubectl autoscale deployment nginx-deployment --min=2 --max=3');
  t.getObjectAssert('hpa nginx-deployment', HPA_FIELDS, '2 3 80');
  t.succeeds('kubectl delete hpa nginx-deployment');
  t.succeeds('kubectl delete deployment.apps nginx-deployment');

  // ### Rollback a deployment
  t.getObjectAssert('deployment', ITEMS, '');
  t.succeeds('kubectl create -f hack/testdata/deployment-revision1.yaml');
  // Upstream's commands take real time, in which the Deployment controller makes revision 1's
  // ReplicaSet; here the simulated clock moves only when told.
  t.run('sleep 1');
  t.getObjectAssert('deployment', ITEMS, 'nginx:');
  t.getObjectAssert('deployment', `{{range.items}}{{${IMAGE0}}}:{{end}}`, `${IMAGES.DEPLOYMENT_R1}:`);
  t.succeeds('kubectl rollout undo deployment nginx --to-revision=1');
  t.getObjectAssert('deployment', `{{range.items}}{{${IMAGE0}}}:{{end}}`, `${IMAGES.DEPLOYMENT_R1}:`);
  t.succeeds('kubectl apply -f hack/testdata/deployment-revision2.yaml');
  t.run('sleep 1');
  t.getObjectAssert('deployment.apps', `{{range.items}}{{${IMAGE0}}}:{{end}}`, `${IMAGES.DEPLOYMENT_R2}:`);
  // Upstream pipes the client dry run through `grep "test-cmd"`.
  t.ifHasString(t.output('kubectl rollout undo deployment nginx --dry-run=client'), 'test-cmd');
  t.succeeds('kubectl rollout undo deployment nginx --dry-run=server');
  t.getObjectAssert('deployment.apps', `{{range.items}}{{${IMAGE0}}}:{{end}}`, `${IMAGES.DEPLOYMENT_R2}:`);
  t.succeeds('kubectl rollout undo deployment nginx --to-revision=1');
  t.run('sleep 1');
  t.getObjectAssert('deployment', `{{range.items}}{{${IMAGE0}}}:{{end}}`, `${IMAGES.DEPLOYMENT_R1}:`);
  t.fails('kubectl rollout undo deployment nginx --to-revision=1000000');
  t.getObjectAssert('deployment', `{{range.items}}{{${IMAGE0}}}:{{end}}`, `${IMAGES.DEPLOYMENT_R1}:`);
  t.succeeds('kubectl rollout undo deployment nginx');
  t.run('sleep 1');
  t.getObjectAssert('deployment', `{{range.items}}{{${IMAGE0}}}:{{end}}`, `${IMAGES.DEPLOYMENT_R2}:`);
  t.succeeds('kubectl rollout pause deployment nginx');
  t.fails('kubectl rollout undo deployment nginx');
  t.fails('kubectl rollout restart deployment nginx');
  t.succeeds('kubectl rollout resume deployment nginx');
  t.succeeds('kubectl rollout undo deployment nginx');
  // Upstream: `kubectl get rs "${newrs}" -o yaml | grep "deployment.kubernetes.io/revision-history: 1,3"`.
  t.ifHasString(t.output(`kubectl get rs ${newReplicaSetOf(t, 'nginx')} -o yaml`), 'deployment.kubernetes.io/revision-history: 1,3');
  t.fails('kubectl rollout status deployment/nginx --revision=3');
  t.succeeds('kubectl rollout restart deployment/nginx');
  t.run('sleep 1');
  t.ifHasString(t.output(`kubectl get rs ${newReplicaSetOf(t, 'nginx')} -o yaml`), 'deployment.kubernetes.io/revision: "6"');
  t.ifHasString(t.output("kubectl get deployment nginx --show-managed-fields -o=jsonpath='{.metadata.managedFields[*].manager}'"), 'kubectl-rollout');
  // Upstream makes nginx2 with `sed "s/name: nginx$/name: nginx2/"` piped to create; the shell has no sed, so the edited manifest is written out.
  t.succeeds(`kubectl create -f - <<EOF\n${(CONTROLLER_FIXTURES['hack/testdata/deployment-revision1.yaml'] ?? '').replace(/name: nginx$/m, 'name: nginx2')}EOF`);
  t.succeeds('kubectl delete deployment nginx2');
  t.succeeds('kubectl delete deployment nginx');

  // ### Set image of a deployment
  t.getObjectAssert('deployment', ITEMS, '');
  t.succeeds(`kubectl create -f ${MULTI}`);
  t.getObjectAssert('deployment', ITEMS, 'nginx-deployment:');
  const images = (first: string, second: string) => {
    t.getObjectAssert('deployment', `{{range.items}}{{${IMAGE0}}}:{{end}}`, `${first}:`);
    t.getObjectAssert('deployment', `{{range.items}}{{${IMAGE1}}}:{{end}}`, `${second}:`);
  };
  images(IMAGES.DEPLOYMENT_R1, IMAGES.PERL);
  t.succeeds(`kubectl set image deployment nginx-deployment nginx="${IMAGES.DEPLOYMENT_R2}" --dry-run=client`);
  t.succeeds(`kubectl set image deployment nginx-deployment nginx="${IMAGES.DEPLOYMENT_R2}" --dry-run=server`);
  images(IMAGES.DEPLOYMENT_R1, IMAGES.PERL);
  t.succeeds(`kubectl set image deployment nginx-deployment nginx="${IMAGES.DEPLOYMENT_R2}"`);
  images(IMAGES.DEPLOYMENT_R2, IMAGES.PERL);
  t.fails('kubectl set image deployment nginx-deployment redis=redis');
  t.succeeds(`kubectl set image deployments --all nginx="${IMAGES.DEPLOYMENT_R1}"`);
  images(IMAGES.DEPLOYMENT_R1, IMAGES.PERL);
  t.succeeds(`kubectl set image -f ${MULTI} nginx="${IMAGES.DEPLOYMENT_R2}"`);
  images(IMAGES.DEPLOYMENT_R2, IMAGES.PERL);
  t.succeeds(`kubectl set image -f ${MULTI} nginx="${IMAGES.DEPLOYMENT_R1}" --local -o yaml`);
  images(IMAGES.DEPLOYMENT_R2, IMAGES.PERL);
  t.succeeds(`kubectl set image deployment nginx-deployment "*=${IMAGES.DEPLOYMENT_R1}"`);
  images(IMAGES.DEPLOYMENT_R1, IMAGES.DEPLOYMENT_R1);
  t.succeeds(`kubectl set image deployment nginx-deployment "*=${IMAGES.DEPLOYMENT_R1}"`);
  images(IMAGES.DEPLOYMENT_R1, IMAGES.DEPLOYMENT_R1);
  t.succeeds('kubectl delete deployment nginx-deployment');

  // ### Set env of a deployment
  t.getObjectAssert('deployment', ITEMS, '');
  t.succeeds(`kubectl create -f ${MULTI}`);
  t.succeeds('kubectl create -f hack/testdata/configmap.yaml');
  t.succeeds('kubectl create -f hack/testdata/secret.yaml');
  t.getObjectAssert('deployment', ITEMS, 'nginx-deployment:');
  t.getObjectAssert('configmaps/test-set-env-config', `{{${id}}}`, 'test-set-env-config');
  t.getObjectAssert('secret', ITEMS, 'test-set-env-secret:');
  t.succeeds('kubectl set env deployment nginx-deployment --keys=key-2 --from=configmap/test-set-env-config');
  t.getObjectAssert('deploy nginx-deployment', '{{ (index (index .spec.template.spec.containers 0).env 0).name}}', 'KEY_2');
  t.getObjectAssert('deploy nginx-deployment', '{{ len (index .spec.template.spec.containers 0).env }}', '1');
  t.succeeds('kubectl set env deployment nginx-deployment --dry-run=client --from=configmap/test-set-env-config');
  t.succeeds('kubectl set env deployment nginx-deployment --dry-run=server --from=configmap/test-set-env-config');
  t.getObjectAssert('deploy nginx-deployment', '{{ len (index .spec.template.spec.containers 0).env }}', '1');
  t.succeeds('kubectl set env deployment nginx-deployment --from=configmap/test-set-env-config');
  t.getObjectAssert('deploy nginx-deployment', '{{ len (index .spec.template.spec.containers 0).env }}', '2');
  t.succeeds('kubectl set env deployment nginx-deployment env=prod');
  t.succeeds('kubectl set env deployment nginx-deployment superenv=superprod -c=nginx');
  t.succeeds('kubectl set env deployment nginx-deployment --keys=username --from=secret/test-set-env-secret');
  t.succeeds('kubectl set env deployment nginx-deployment --from=secret/test-set-env-secret');
  t.succeeds('kubectl set env deployment nginx-deployment env-');
  t.succeeds('kubectl delete deployment nginx-deployment');
  t.succeeds('kubectl delete configmap test-set-env-config');
  t.succeeds('kubectl delete secret test-set-env-secret');
}
