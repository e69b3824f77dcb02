/**
 * kubectl's test/cmd/create.sh, ported onto TestCmd as kubectl-groups.ts ports the others.
 */
import { ID_FIELD as id, type TestCmd } from './test-cmd';

const IMAGE_PERL = 'registry.k8s.io/perl';
const IMAGE0 = '(index .spec.template.spec.containers 0).image';
const each = `{{range.items}}{{${id}}}:{{end}}`;

/** test/cmd/create.sh run_kubectl_create_dry_run_tests. */
export function runKubectlCreateDryRunTests(t: TestCmd): void {
  t.createAndUseNewNamespace();
  t.getObjectAssert('pods', each, '');
  t.succeeds('kubectl create --dry-run=client -f hack/testdata/pod.yaml');
  t.succeeds('kubectl create --dry-run=server -f hack/testdata/pod.yaml');
  t.getObjectAssert('pods', each, '');
}

/** test/cmd/create.sh run_kubectl_create_filter_tests: `create -l` keeps what matches of a directory's files. */
export function runKubectlCreateFilterTests(t: TestCmd): void {
  t.createAndUseNewNamespace();
  t.getObjectAssert('pods', each, '');
  t.succeeds('kubectl create -l unique-label=bingbang -f hack/testdata/filter');
  t.getObjectAssert('pods selector-test-pod', '{{.metadata.labels.name}}', 'selector-test-pod');
  t.ifHasString(t.output('kubectl get pods selector-test-pod-dont-apply'), 'pods "selector-test-pod-dont-apply" not found');
  t.succeeds('kubectl delete pods selector-test-pod');
}

/** test/cmd/create.sh run_kubectl_create_error_tests: `create` with nothing, and `--raw` posting a pod's YAML where a Namespace goes. */
export function runKubectlCreateErrorTests(t: TestCmd): void {
  t.createAndUseNewNamespace();
  // Passing no arguments to create is an error
  t.fails('kubectl create');
  // Posting a pod to namespaces should fail.  Also tests --raw forcing the post location
  t.ifHasString(t.output('kubectl create --raw /api/v1/namespaces -f test/fixtures/doc-yaml/admin/limitrange/valid-pod.yaml --v=8'), 'the object provided is unrecognized (must be of type Namespace)');
  t.ifHasString(t.output('kubectl create --raw /api/v1/namespaces -f test/fixtures/doc-yaml/admin/limitrange/valid-pod.yaml --edit'), 'raw and --edit are mutually exclusive');
}

/** test/cmd/create.sh run_create_job_tests. */
export function runCreateJobTests(t: TestCmd): void {
  t.createAndUseNewNamespace();
  // Test kubectl create job
  t.succeeds('kubectl create job test-job --image=registry.k8s.io/nginx:test-cmd');
  t.getObjectAssert('job test-job', `{{${IMAGE0}}}`, 'registry.k8s.io/nginx:test-cmd');
  t.succeeds('kubectl delete job test-job');
  // Test kubectl create job with command
  t.succeeds(`kubectl create job test-job-pi --image=${IMAGE_PERL} -- perl -Mbignum=bpi -wle 'print bpi(20)'`);
  t.getObjectAssert('job test-job-pi', `{{${IMAGE0}}}`, IMAGE_PERL);
  t.succeeds('kubectl delete job test-job-pi');
  // Test kubectl create job from cronjob
  t.succeeds(`kubectl create cronjob test-pi --schedule="* */5 * * *" --image=${IMAGE_PERL} -- perl -Mbignum=bpi -wle 'print bpi(10)'`);
  t.succeeds('kubectl create job my-pi --from=cronjob/test-pi');
  t.ifHasString(t.output("kubectl get job my-pi -o go-template='{{(index .spec.template.spec.containers 0).command}}'"), 'perl -Mbignum=bpi -wle print bpi(10)');
  t.succeeds('kubectl delete job my-pi');
  t.succeeds('kubectl delete cronjob test-pi');
}

const KUSTOMIZE_DIR = 'hack/testdata/kustomize';

/**
 * test/cmd/create.sh run_kubectl_create_kustomization_directory_tests: `create -k` makes the
 * kustomization's prefixed ConfigMap, Deployment and Service; `delete -k` removes them.
 */
export function runKubectlCreateKustomizationDirectoryTests(t: TestCmd): void {
  // Upstream runs this group in the namespace the groups before it left in the context, not in
  // default (where the kubernetes Service is); a fresh TestCmd starts in default.
  t.createAndUseNewNamespace();
  t.getObjectAssert('configmaps --field-selector=metadata.name=test-the-map', each, '');
  t.getObjectAssert('deployment', each, '');
  t.getObjectAssert('services', each, '');
  t.succeeds(`kubectl create -k ${KUSTOMIZE_DIR}`);
  t.getObjectAssert('configmap test-the-map', `{{${id}}}`, 'test-the-map');
  t.getObjectAssert('deployment test-the-deployment', `{{${id}}}`, 'test-the-deployment');
  t.getObjectAssert('service test-the-service', `{{${id}}}`, 'test-the-service');
  t.succeeds(`kubectl delete -k ${KUSTOMIZE_DIR}`);
}
