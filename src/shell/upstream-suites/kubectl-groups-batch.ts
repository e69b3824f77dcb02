/**
 * kubectl's test/cmd/batch.sh, ported onto TestCmd as kubectl-groups.ts ports the others. The
 * CronJob's schedule (`59 23 31 2 *`, February 31st) never fires, so the only Job is the one
 * created from it by hand; its pod is scheduled and runs here, which the assertions do not read.
 */
import { ID_FIELD as id, type TestCmd } from './test-cmd';

/** hack/lib/test.sh's IMAGE_PERL. */
const IMAGE_PERL = 'registry.k8s.io/perl';
const PI = `--image=${IMAGE_PERL} -- perl -Mbignum=bpi -wle 'print bpi(20)'`;
const found = (name: string) => `{{range.items}}{{ if eq ${id} "${name}" }}found{{end}}{{end}}:`;

/** test/cmd/batch.sh run_job_tests. */
export function runJobTests(t: TestCmd): void {
  t.createAndUseNewNamespace();

  // ### Create a new namespace
  t.getObjectAssert('namespaces', found('test-jobs'), ':');
  t.succeeds('kubectl create namespace test-jobs');
  t.getObjectAssert('namespaces/test-jobs', `{{${id}}}`, 'test-jobs');

  // Pre-condition: cronjob does not exist
  t.getObjectAssert('cronjob --namespace=test-jobs', found('pi'), ':');
  // Dry-run create CronJob
  t.succeeds(`kubectl create cronjob pi --dry-run=client --schedule="59 23 31 2 *" --namespace=test-jobs ${PI}`);
  t.succeeds(`kubectl create cronjob pi --dry-run=server --schedule="59 23 31 2 *" --namespace=test-jobs ${PI}`);
  t.getObjectAssert('cronjob', found('pi'), ':');
  // ### Create a cronjob in a specific namespace
  t.succeeds(`kubectl create cronjob pi --schedule="59 23 31 2 *" --namespace=test-jobs ${PI}`);
  t.getObjectAssert('cronjob/pi --namespace=test-jobs', `{{${id}}}`, 'pi');
  t.succeeds('kubectl get cronjob/pi --namespace=test-jobs');
  t.succeeds('kubectl describe cronjob/pi --namespace=test-jobs');
  // Describe command should respect the chunk size parameter
  t.describeResourceChunkSizeAssert('cronjobs', 'events', '--namespace=test-jobs');

  // ### Create a job in dry-run mode
  t.ifHasString(t.output('kubectl create job test-job --from=cronjob/pi --dry-run=true --namespace=test-jobs -o name'), 'job.batch/test-job');
  // Post-condition: The test-job wasn't created actually
  t.getObjectAssert('jobs', `{{range.items}}{{${id}}}{{end}}`, '');

  // Pre-condition: job does not exist
  t.getObjectAssert('job --namespace=test-jobs', found('test-jobs'), ':');
  // ### Dry-run create a job in a specific namespace
  t.succeeds('kubectl create job test-job --from=cronjob/pi --namespace=test-jobs --dry-run=client');
  t.succeeds('kubectl create job test-job --from=cronjob/pi --namespace=test-jobs --dry-run=server');
  t.getObjectAssert('job --namespace=test-jobs', found('test-jobs'), ':');
  // ### Create a job in a specific namespace
  t.succeeds('kubectl create job test-job --from=cronjob/pi --namespace=test-jobs');
  t.getObjectAssert('job/test-job --namespace=test-jobs', `{{${id}}}`, 'test-job');
  t.succeeds('kubectl get job/test-job --namespace=test-jobs');
  t.succeeds('kubectl describe job/test-job --namespace=test-jobs');
  // Describe command should respect the chunk size parameter
  t.describeResourceChunkSizeAssert('jobs', 'events', '--namespace=test-jobs');
  // Clean up
  t.succeeds('kubectl delete job test-job --namespace=test-jobs');
  t.succeeds('kubectl delete cronjob pi --namespace=test-jobs');
  t.succeeds('kubectl delete namespace test-jobs');
}
