/**
 * kubectl's test/cmd/apps.sh groups that the simulated controllers can carry, ported onto
 * TestCmd as kubectl-groups.ts ports the others. Upstream runs kube-controller-manager but no
 * scheduler; here pods are also scheduled and run, which these assertions do not look at.
 */
import { ID_FIELD as id, type TestCmd } from './test-cmd';

const ITEMS = `{{range.items}}{{${id}}}:{{end}}`;
const RS_REPLICAS = '.spec.replicas';
const POD_CONTAINER_NAME = '(index .spec.containers 0).name';
const GENERATION = '.metadata.generation';
const FRONTEND = 'hack/testdata/frontend-replicaset.yaml';

/** test/cmd/apps.sh run_rs_tests. */
export function runRsTests(t: TestCmd): void {
  t.createAndUseNewNamespace();

  // ### Create and stop a replica set, make sure it doesn't leak pods
  t.getObjectAssert('rs', ITEMS, '');
  t.succeeds(`kubectl create -f ${FRONTEND}`);
  t.succeeds('kubectl delete rs frontend');
  t.waitObjectAssert('pods -l "tier=frontend"', ITEMS, '');

  // ### Create and then delete a replica set with cascading strategy set to orphan
  t.getObjectAssert('rs', ITEMS, '');
  t.succeeds(`kubectl create -f ${FRONTEND}`);
  t.waitObjectAssert('pods -l "tier=frontend"', `{{range.items}}{{${POD_CONTAINER_NAME}}}:{{end}}`, 'php-redis:php-redis:php-redis:');
  t.succeeds('kubectl delete rs frontend --cascade=orphan');
  t.waitObjectAssert('rs', ITEMS, '');
  t.getObjectAssert('pods -l "tier=frontend"', `{{range.items}}{{${POD_CONTAINER_NAME}}}:{{end}}`, 'php-redis:php-redis:php-redis:');
  t.succeeds('kubectl delete pods -l "tier=frontend"');
  t.getObjectAssert('pods', ITEMS, '');

  // ### Create replica set frontend from YAML
  t.getObjectAssert('rs', ITEMS, '');
  t.succeeds(`kubectl create -f ${FRONTEND}`);
  t.getObjectAssert('rs', ITEMS, 'frontend:');
  t.describeObjectAssert('rs', 'frontend', 'Name:', 'Pod Template:', 'Labels:', 'Selector:', 'Replicas:', 'Pods Status:', 'Volumes:');
  t.describeObjectEventsAssert('rs', 'frontend');
  t.describeObjectEventsAssert('rs', 'frontend', false);
  t.describeObjectEventsAssert('rs', 'frontend', true);
  t.describeResourceAssert('rs', 'Name:', 'Pod Template:', 'Labels:', 'Selector:', 'Replicas:', 'Pods Status:', 'Volumes:');
  t.describeResourceEventsAssert('rs');
  t.describeResourceEventsAssert('rs', false);
  t.describeResourceEventsAssert('rs', true);
  t.describeResourceAssert('pods', 'Name:', 'Image:', 'Node:', 'Labels:', 'Status:', 'Controlled By');

  // ### Scale replica set frontend with current-replicas and replicas
  t.getObjectAssert('rs frontend', `{{${RS_REPLICAS}}}`, '3');
  t.succeeds('kubectl scale --dry-run=client --current-replicas=3 --replicas=2 replicasets frontend');
  t.succeeds('kubectl scale --dry-run=server --current-replicas=3 --replicas=2 replicasets frontend');
  t.getObjectAssert('rs frontend', `{{${RS_REPLICAS}}}`, '3');
  t.succeeds('kubectl scale --current-replicas=3 --replicas=2 replicasets frontend');
  t.getObjectAssert('rs frontend', `{{${RS_REPLICAS}}}`, '2');

  // Set up three deploy, two deploy have same label
  for (const n of [1, 2, 3]) t.succeeds(`kubectl create -f hack/testdata/scale-deploy-${n}.yaml`);
  const replicasOf = (expected: [string, string, string]) => {
    for (const [i, want] of expected.entries()) t.getObjectAssert(`deploy scale-${i + 1}`, '{{.spec.replicas}}', want);
  };
  replicasOf(['1', '1', '1']);
  // Test kubectl scale --all with dry run
  t.succeeds('kubectl scale deploy --replicas=3 --all --dry-run=client');
  t.succeeds('kubectl scale deploy --replicas=3 --all --dry-run=server');
  replicasOf(['1', '1', '1']);
  // Test kubectl scale --selector
  t.succeeds('kubectl scale deploy --replicas=2 -l run=hello');
  replicasOf(['2', '2', '1']);
  // Test kubectl scale --all
  t.succeeds('kubectl scale deploy --replicas=3 --all');
  replicasOf(['3', '3', '3']);
  t.succeeds('kubectl delete rs frontend');
  t.succeeds('kubectl delete deploy scale-1 scale-2 scale-3');

  // ### Expose replica set as service
  t.succeeds(`kubectl create -f ${FRONTEND}`);
  t.getObjectAssert('rs frontend', `{{${RS_REPLICAS}}}`, '3');
  t.succeeds('kubectl expose rs frontend --port=80');
  t.getObjectAssert('service frontend', '{{(index .spec.ports 0).name}} {{(index .spec.ports 0).port}}', '<no value> 80');
  t.succeeds('kubectl delete service frontend');

  // Test set commands
  t.getObjectAssert('rs frontend', `{{${GENERATION}}}`, '1');
  t.succeeds('kubectl set image rs/frontend "*=k8s.gcr.io/pause:test-cmd"');
  t.getObjectAssert('rs frontend', `{{${GENERATION}}}`, '2');
  t.succeeds('kubectl set env rs/frontend foo=bar');
  t.getObjectAssert('rs frontend', `{{${GENERATION}}}`, '3');
  t.succeeds('kubectl set resources rs/frontend --dry-run=client --limits=cpu=200m,memory=512Mi');
  t.succeeds('kubectl set resources rs/frontend --dry-run=server --limits=cpu=200m,memory=512Mi');
  t.getObjectAssert('rs frontend', `{{${GENERATION}}}`, '3');
  t.succeeds('kubectl set resources rs/frontend --limits=cpu=200m,memory=512Mi');
  t.getObjectAssert('rs frontend', `{{${GENERATION}}}`, '4');
  t.succeeds('kubectl set serviceaccount rs/frontend --dry-run=client serviceaccount1');
  t.succeeds('kubectl set serviceaccount rs/frontend --dry-run=server serviceaccount1');
  t.getObjectAssert('rs frontend', `{{${GENERATION}}}`, '4');
  t.succeeds('kubectl set serviceaccount rs/frontend serviceaccount1');
  t.getObjectAssert('rs frontend', `{{${GENERATION}}}`, '5');
  t.ifHasString(t.output("kubectl get rs frontend --show-managed-fields -o=jsonpath='{.metadata.managedFields[*].manager}'"), 'kubectl-set');

  // ### Delete replica set with id
  t.getObjectAssert('rs', ITEMS, 'frontend:');
  t.succeeds('kubectl delete rs frontend');
  t.getObjectAssert('rs', ITEMS, '');

  // ### Create two replica sets, delete them at once
  t.getObjectAssert('rs', ITEMS, '');
  t.succeeds(`kubectl create -f ${FRONTEND}`);
  t.succeeds('kubectl create -f hack/testdata/redis-slave-replicaset.yaml');
  t.getObjectAssert('rs', ITEMS, 'frontend:redis-slave:');
  t.succeeds('kubectl delete rs frontend redis-slave');
  t.getObjectAssert('rs', ITEMS, '');

  // The HorizontalPodAutoscaler block runs only `if kube::test::if_supports_resource
  // horizontalpodautoscalers`; the simulated apiserver does not serve them, so it is skipped as
  // upstream skips it on such a server.
}
