/**
 * kubectl's test/cmd/apps.sh DaemonSet and StatefulSet groups, ported onto TestCmd as
 * kubectl-groups.ts ports the others: the generation bumps of `set` and `rollout restart`, and
 * rolling back through the ControllerRevisions the controllers write (`rollout undo`).
 */
import { IMAGES } from './fixtures-workloads';
import { ID_FIELD as id, type TestCmd } from './test-cmd';

const GENERATION = '.metadata.generation';
const IMAGE0 = '(index .spec.template.spec.containers 0).image';
const IMAGE1 = '(index .spec.template.spec.containers 1).image';
const CONTAINER_LEN = '(len .spec.template.spec.containers)';
const ANNOTATIONS = '.metadata.annotations';
const each = (field: string) => `{{range.items}}{{${field}}}:{{end}}`;
const count = `{{range.items}}{{${CONTAINER_LEN}}}{{end}}`;
const DS = 'hack/testdata/rollingupdate-daemonset.yaml';
const DS_RV2 = 'hack/testdata/rollingupdate-daemonset-rv2.yaml';
const STS = 'hack/testdata/rollingupdate-statefulset.yaml';
const STS_RV2 = 'hack/testdata/rollingupdate-statefulset-rv2.yaml';

/** test/cmd/apps.sh run_daemonset_tests. */
export function runDaemonsetTests(t: TestCmd): void {
  t.createAndUseNewNamespace();

  // ### Create a rolling update DaemonSet
  t.getObjectAssert('daemonsets', each(id), '');
  t.succeeds(`kubectl apply -f ${DS}`);
  // Template Generation should be 1
  t.getObjectAssert('daemonsets bind', `{{${GENERATION}}}`, '1');
  t.succeeds(`kubectl apply -f ${DS}`);
  // Template Generation should stay 1
  t.getObjectAssert('daemonsets bind', `{{${GENERATION}}}`, '1');
  // Test set commands
  t.succeeds('kubectl set image daemonsets/bind "*=registry.k8s.io/pause:test-cmd"');
  t.getObjectAssert('daemonsets bind', `{{${GENERATION}}}`, '2');
  t.succeeds('kubectl set env daemonsets/bind foo=bar');
  t.getObjectAssert('daemonsets bind', `{{${GENERATION}}}`, '3');
  t.succeeds('kubectl set resources daemonsets/bind --limits=cpu=200m,memory=512Mi');
  t.getObjectAssert('daemonsets bind', `{{${GENERATION}}}`, '4');
  // pod has field for kubectl set field manager
  t.ifHasString(t.output("kubectl get daemonsets bind --show-managed-fields -o=jsonpath='{.metadata.managedFields[*].manager}'"), 'kubectl-set');
  // Rollout restart should change generation
  t.succeeds('kubectl rollout restart daemonset/bind');
  t.getObjectAssert('daemonsets bind', `{{${GENERATION}}}`, '5');
  // Clean up
  t.succeeds(`kubectl delete -f ${DS}`);
}

/** test/cmd/apps.sh run_daemonset_history_tests. */
export function runDaemonsetHistoryTests(t: TestCmd): void {
  t.createAndUseNewNamespace();

  // ### Test rolling back a DaemonSet
  t.getObjectAssert('daemonsets', each(id), '');
  // Create a DaemonSet (revision 1)
  t.succeeds(`kubectl apply -f ${DS} --record`);
  t.waitObjectAssert('controllerrevisions', each(ANNOTATIONS), '.*rollingupdate-daemonset.yaml --record.*');
  // Rollback to revision 1 - should be no-op
  t.succeeds('kubectl rollout undo daemonset --to-revision=1');
  t.getObjectAssert('daemonset', each(IMAGE0), `${IMAGES.PAUSE_V2}:`);
  t.getObjectAssert('daemonset', count, '1');
  // Update the DaemonSet (revision 2)
  t.succeeds(`kubectl apply -f ${DS_RV2} --record`);
  t.waitObjectAssert('daemonset', each(IMAGE0), `${IMAGES.DAEMONSET_R2}:`);
  t.waitObjectAssert('daemonset', each(IMAGE1), `${IMAGES.DAEMONSET_R2_2}:`);
  t.getObjectAssert('daemonset', count, '2');
  t.waitObjectAssert('controllerrevisions', each(ANNOTATIONS), '.*rollingupdate-daemonset-rv2.yaml --record.*');
  // Rollback to revision 1 with dry-run - should be no-op
  t.succeeds('kubectl rollout undo daemonset --dry-run=client');
  t.succeeds('kubectl rollout undo daemonset --dry-run=server');
  t.getObjectAssert('daemonset', each(IMAGE0), `${IMAGES.DAEMONSET_R2}:`);
  t.getObjectAssert('daemonset', each(IMAGE1), `${IMAGES.DAEMONSET_R2_2}:`);
  t.getObjectAssert('daemonset', count, '2');
  // Rollback to revision 1
  t.succeeds('kubectl rollout undo daemonset --to-revision=1');
  t.waitObjectAssert('daemonset', each(IMAGE0), `${IMAGES.PAUSE_V2}:`);
  t.getObjectAssert('daemonset', count, '1');
  // Rollback to revision 1000000 - should fail
  t.ifHasString(t.output('kubectl rollout undo daemonset --to-revision=1000000'), 'unable to find specified revision');
  t.getObjectAssert('daemonset', each(IMAGE0), `${IMAGES.PAUSE_V2}:`);
  t.getObjectAssert('daemonset', count, '1');
  // Rollback to last revision
  t.succeeds('kubectl rollout undo daemonset');
  t.waitObjectAssert('daemonset', each(IMAGE0), `${IMAGES.DAEMONSET_R2}:`);
  t.waitObjectAssert('daemonset', each(IMAGE1), `${IMAGES.DAEMONSET_R2_2}:`);
  t.getObjectAssert('daemonset', count, '2');
  // Clean up
  t.succeeds(`kubectl delete -f ${DS}`);
}

/** test/cmd/apps.sh run_statefulset_history_tests. */
export function runStatefulsetHistoryTests(t: TestCmd): void {
  t.createAndUseNewNamespace();

  // ### Test rolling back a StatefulSet
  t.getObjectAssert('statefulset', each(id), '');
  // Create a StatefulSet (revision 1)
  t.succeeds(`kubectl apply -f ${STS} --record`);
  t.waitObjectAssert('controllerrevisions', each(ANNOTATIONS), '.*rollingupdate-statefulset.yaml --record.*');
  // Rollback to revision 1 - should be no-op
  t.succeeds('kubectl rollout undo statefulset --to-revision=1');
  t.getObjectAssert('statefulset', each(IMAGE0), `${IMAGES.STATEFULSET_R1}:`);
  t.getObjectAssert('statefulset', count, '1');
  // Update the statefulset (revision 2)
  t.succeeds(`kubectl apply -f ${STS_RV2} --record`);
  t.waitObjectAssert('statefulset', each(IMAGE0), `${IMAGES.STATEFULSET_R2}:`);
  t.waitObjectAssert('statefulset', each(IMAGE1), `${IMAGES.PAUSE_V2}:`);
  t.getObjectAssert('statefulset', count, '2');
  t.waitObjectAssert('controllerrevisions', each(ANNOTATIONS), '.*rollingupdate-statefulset-rv2.yaml --record.*');
  // Rollback to revision 1 with dry-run - should be no-op
  t.succeeds('kubectl rollout undo statefulset --dry-run=client');
  t.succeeds('kubectl rollout undo statefulset --dry-run=server');
  t.getObjectAssert('statefulset', each(IMAGE0), `${IMAGES.STATEFULSET_R2}:`);
  t.getObjectAssert('statefulset', each(IMAGE1), `${IMAGES.PAUSE_V2}:`);
  t.getObjectAssert('statefulset', count, '2');
  // Rollback to revision 1
  t.succeeds('kubectl rollout undo statefulset --to-revision=1');
  t.waitObjectAssert('statefulset', each(IMAGE0), `${IMAGES.STATEFULSET_R1}:`);
  t.getObjectAssert('statefulset', count, '1');
  // Rollback to revision 1000000 - should fail
  t.ifHasString(t.output('kubectl rollout undo statefulset --to-revision=1000000'), 'unable to find specified revision');
  t.getObjectAssert('statefulset', each(IMAGE0), `${IMAGES.STATEFULSET_R1}:`);
  t.getObjectAssert('statefulset', count, '1');
  // Rollback to last revision
  t.succeeds('kubectl rollout undo statefulset');
  t.waitObjectAssert('statefulset', each(IMAGE0), `${IMAGES.STATEFULSET_R2}:`);
  t.waitObjectAssert('statefulset', each(IMAGE1), `${IMAGES.PAUSE_V2}:`);
  t.getObjectAssert('statefulset', count, '2');
  // Clean up - delete newest configuration
  t.succeeds(`kubectl delete -f ${STS_RV2}`);
  // Post-condition: no pods from statefulset controller (wait-for-pods-with-label)
  t.waitObjectAssert('pods -l app=nginx-statefulset', each(id), '');
}
