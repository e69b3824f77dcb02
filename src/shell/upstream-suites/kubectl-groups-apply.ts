/**
 * kubectl's test/cmd/apply.sh run_kubectl_server_side_apply_tests and run_kubectl_apply_tests,
 * ported onto TestCmd as kubectl-groups.ts ports the others. `grep -q X <<< "$(cmd)"` is
 * ifHasString on the output, `! grep -q` ifHasNotString. The CustomResourceDefinition steps are
 * left out: CRDs are not served.
 */
import { ID_FIELD as id, type TestCmd } from './test-cmd';

const LABELS = '.metadata.labels';
const ITEMS = `{{range.items}}{{${id}}}:{{end}}`;
const POD = 'hack/testdata/pod.yaml';
const POD_APPLY = 'hack/testdata/pod-apply.yaml';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** test/cmd/apply.sh run_kubectl_server_side_apply_tests. */
export function runKubectlServerSideApplyTests(t: TestCmd): void {
  t.createAndUseNewNamespace();
  // ## kubectl apply should create the resource that doesn't exist yet
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds(`kubectl apply --server-side -f ${POD}`);
  t.getObjectAssert('pods test-pod', `{{${LABELS}.name}}`, 'test-pod-label');
  // pod has field manager for kubectl server-side apply
  t.ifHasString(t.output(`kubectl get --show-managed-fields -f ${POD} -o=jsonpath='{.metadata.managedFields[*].manager}'`), 'kubectl');
  // pod has custom field manager
  t.succeeds(`kubectl apply --server-side --field-manager=my-field-manager --force-conflicts -f ${POD}`);
  t.ifHasString(t.output(`kubectl get -f ${POD} -o=jsonpath='{.metadata.managedFields[*].manager}'`), 'my-field-manager');
  t.succeeds('kubectl delete pods test-pod');

  // ## kubectl apply --dry-run=server
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds(`kubectl apply --server-side --dry-run=server -f ${POD}`);
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds(`kubectl apply --server-side -f ${POD}`);
  // Upstream's cluster has no scheduler or kubelet, so the pod never changes by itself; here the
  // pod is let run first, or its status writes would move the resourceVersion compared below.
  t.run('sleep 10s');
  const initialResourceVersion = t.output(`kubectl get -f ${POD} -o go-template='{{ .metadata.resourceVersion }}'`);
  t.succeeds(`kubectl apply --server-side --dry-run=server -f ${POD_APPLY}`);
  t.getObjectAssert('pods test-pod', `{{${LABELS}.name}}`, 'test-pod-label');
  const resourceVersion = t.output(`kubectl get -f ${POD} -o go-template='{{ .metadata.resourceVersion }}'`);
  t.ifHasString(resourceVersion, initialResourceVersion);
  t.succeeds(`kubectl delete -f ${POD}`);

  // ## kubectl apply upgrade
  t.getObjectAssert('pods', ITEMS, '');
  // Testing upgrade kubectl client-side apply to server-side apply
  t.succeeds(`kubectl apply -f ${POD}`);
  // test upgrade does not work with non-standard server-side apply field manager
  t.fails(`kubectl apply --server-side --field-manager="not-kubectl" -f ${POD_APPLY}`);
  // test upgrade from client-side apply to server-side apply
  t.succeeds(`kubectl apply --server-side -f ${POD_APPLY}`);
  t.ifHasString(t.output('kubectl get pods test-pod -o yaml'), LAST_APPLIED);
  t.ifHasString(t.output('kubectl apply view-last-applied pod/test-pod -o json'), '"name": "test-pod-applied"');

  // Testing downgrade kubectl server-side apply to client-side apply
  t.succeeds(`kubectl apply --server-side -f ${POD}`);
  t.ifHasString(t.output('kubectl get pods test-pod -o yaml'), LAST_APPLIED);
  t.ifHasString(t.output('kubectl apply view-last-applied pod/test-pod -o json'), '"name": "test-pod-label"');
  t.succeeds(`kubectl apply -f ${POD_APPLY}`);
  t.succeeds(`kubectl delete -f ${POD}`);

  // ## kubectl apply dry-run on CR: left out (CustomResourceDefinitions are not served).

  t.succeeds(`kubectl apply -f - <<__EOF__
apiVersion: v1
kind: ConfigMap
metadata:
  name: test
data:
  key: value
  legacy: unused
__EOF__`);
  t.ifHasString(t.output('kubectl get configmap test -o yaml'), 'legacy: unused');
  t.succeeds(`kubectl apply --server-side -f - <<__EOF__
apiVersion: v1
kind: ConfigMap
metadata:
  name: test
data:
  key: value
  legacy: unused
__EOF__`);
  t.ifHasString(t.output('kubectl get configmap test -o yaml'), 'legacy: unused');
  t.succeeds(`kubectl apply --server-side -f - <<__EOF__
apiVersion: v1
kind: ConfigMap
metadata:
  name: test
data:
  key: value
__EOF__`);
  t.ifHasNotString(t.output('kubectl get configmap test -o yaml'), 'legacy: unused');
  t.succeeds('kubectl delete configmap test');
}

const PODS_NSB = 'pods -n nsb';

/**
 * test/cmd/apply.sh run_kubectl_apply_tests. Left out: the CustomResource dry run and
 * multi-resource-4 (no CustomResourceDefinitions here), --prune's fallback for non-reapable kinds
 * (no PersistentVolumeClaims), and `apply --force` (it recreates Service a with clusterIP
 * 10.0.0.12, outside this cluster's service range, after an update the simulated apiserver
 * refuses with another message than upstream's 'field is immutable').
 */
export function runKubectlApplyTests(t: TestCmd): void {
  const hasAnnotation = () => t.output('kubectl get pods test-pod -o yaml');
  t.createAndUseNewNamespace();
  // ## kubectl apply should create the resource that doesn't exist yet
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds(`kubectl apply -f ${POD}`);
  t.getObjectAssert('pods test-pod', `{{${LABELS}.name}}`, 'test-pod-label');
  t.ifHasString(hasAnnotation(), LAST_APPLIED);
  // pod has field manager for kubectl client-side apply
  t.ifHasString(t.output(`kubectl get --show-managed-fields -f ${POD} -o=jsonpath='{.metadata.managedFields[*].manager}'`), 'kubectl-client-side-apply');
  t.succeeds('kubectl delete pods test-pod');

  // ### set-last-applied
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds(`kubectl create -f ${POD}`);
  t.getObjectAssert('pods test-pod', `{{${LABELS}.name}}`, 'test-pod-label');
  t.ifHasNotString(hasAnnotation(), LAST_APPLIED);
  t.succeeds(`kubectl apply set-last-applied --dry-run=client -f ${POD} --create-annotation=true`);
  t.succeeds(`kubectl apply set-last-applied --dry-run=server -f ${POD} --create-annotation=true`);
  t.ifHasNotString(hasAnnotation(), LAST_APPLIED);
  t.succeeds(`kubectl apply set-last-applied -f ${POD} --create-annotation=true`);
  t.ifHasString(hasAnnotation(), LAST_APPLIED);
  t.succeeds('kubectl delete pods test-pod');

  // ## kubectl apply should be able to clear defaulted fields.
  const retainKeys = () => t.output('kubectl get deployments test-deployment-retainkeys -o yaml');
  t.getObjectAssert('deployments', ITEMS, '');
  t.succeeds('kubectl apply -f hack/testdata/retainKeys/deployment/deployment-before.yaml');
  t.getObjectAssert('deployments', `{{range.items}}{{${id}}}{{end}}`, 'test-deployment-retainkeys');
  for (const defaulted of ['RollingUpdate', 'maxSurge', 'maxUnavailable', 'emptyDir']) t.ifHasString(retainKeys(), defaulted);
  t.succeeds('kubectl apply -f hack/testdata/retainKeys/deployment/deployment-after.yaml');
  t.ifHasString(retainKeys(), 'Recreate');
  t.ifHasNotString(retainKeys(), 'RollingUpdate');
  t.ifHasString(retainKeys(), 'hostPath');
  t.ifHasNotString(retainKeys(), 'emptyDir');
  t.succeeds('kubectl delete deployments test-deployment-retainkeys');

  // ## kubectl apply -f with label selector should only apply matching objects
  t.waitObjectAssert('pods', ITEMS, '');
  t.succeeds('kubectl apply -l unique-label=bingbang -f hack/testdata/filter');
  t.getObjectAssert('pods selector-test-pod', `{{${LABELS}.name}}`, 'selector-test-pod');
  t.ifHasString(t.output('kubectl get pods selector-test-pod-dont-apply'), 'pods "selector-test-pod-dont-apply" not found');
  t.succeeds('kubectl delete pods selector-test-pod');

  // ## kubectl apply --dry-run=server
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds(`kubectl apply --dry-run=true -f ${POD}`);
  t.succeeds(`kubectl apply --dry-run=client -f ${POD}`);
  t.succeeds(`kubectl apply --dry-run=server -f ${POD}`);
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds(`kubectl apply -f ${POD}`);
  const initialResourceVersion = t.run(`kubectl get -f ${POD} -o go-template='{{ .metadata.resourceVersion }}'`).stdout;
  t.succeeds(`kubectl apply --dry-run=client -f ${POD_APPLY}`);
  t.succeeds(`kubectl apply --dry-run=server -f ${POD_APPLY}`);
  t.getObjectAssert('pods test-pod', `{{${LABELS}.name}}`, 'test-pod-label');
  t.ifHasString(t.output(`kubectl get -f ${POD} -o go-template='{{ .metadata.resourceVersion }}'`), initialResourceVersion);
  t.succeeds(`kubectl delete -f ${POD}`);

  // ## kubectl apply --prune
  t.succeeds('kubectl create ns nsb');
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds('kubectl apply --namespace nsb -l prune-group=true -f hack/testdata/prune/a.yaml');
  t.getObjectAssert('pods a -n nsb', `{{${id}}}`, 'a');
  t.succeeds('kubectl apply --namespace nsb --prune -l prune-group=true -f hack/testdata/prune/b.yaml');
  t.waitObjectAssert(PODS_NSB, ITEMS, 'b:');
  t.succeeds('kubectl delete pods b -n nsb');

  // same thing without prune for a sanity check
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds('kubectl apply -l prune-group=true -f hack/testdata/prune/a.yaml');
  t.getObjectAssert('pods a', `{{${id}}}`, 'a');
  t.waitObjectAssert(PODS_NSB, ITEMS, '');
  t.succeeds('kubectl apply -l prune-group=true -f hack/testdata/prune/b.yaml');
  t.getObjectAssert('pods a', `{{${id}}}`, 'a');
  t.getObjectAssert('pods b -n nsb', `{{${id}}}`, 'b');
  t.succeeds('kubectl delete pod/a');
  t.succeeds('kubectl delete pod/b -n nsb');

  // ## kubectl apply --prune requires a --all flag to select everything
  t.ifHasString(t.output('kubectl apply --prune -f hack/testdata/prune'), 'all resources selected for prune without explicitly passing --all');
  t.succeeds('kubectl apply --all --prune -f hack/testdata/prune');
  t.getObjectAssert('pods a', `{{${id}}}`, 'a');
  t.getObjectAssert('pods b -n nsb', `{{${id}}}`, 'b');
  t.succeeds('kubectl delete pod/a');
  t.succeeds('kubectl delete pod/b -n nsb');
  t.succeeds('kubectl delete svc prune-svc');
  t.succeeds('kubectl delete ns nsb');

  // ## kubectl apply --prune --prune-allowlist
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds('kubectl apply --prune -l prune-group=true -f hack/testdata/prune/a.yaml');
  t.getObjectAssert('pods a', `{{${id}}}`, 'a');
  t.succeeds('kubectl apply --prune -l prune-group=true -f hack/testdata/prune/svc.yaml --prune-allowlist core/v1/Service');
  t.getObjectAssert('service prune-svc', `{{${id}}}`, 'prune-svc');
  t.getObjectAssert('pods a', `{{${id}}}`, 'a');
  t.succeeds('kubectl apply --prune -l prune-group=true -f hack/testdata/prune/svc.yaml');
  t.getObjectAssert('service prune-svc', `{{${id}}}`, 'prune-svc');
  t.waitObjectAssert('pods', ITEMS, '');
  t.succeeds('kubectl delete svc prune-svc');

  // ## kubectl apply --prune can prune resources not in the defaulted namespace
  t.succeeds('kubectl create ns nsb');
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds('kubectl apply --namespace nsb -f hack/testdata/prune/a.yaml');
  t.getObjectAssert('pods a -n nsb', `{{${id}}}`, 'a');
  t.succeeds('kubectl apply --namespace nsb -f hack/testdata/prune/b.yaml');
  t.getObjectAssert('pods b -n nsb', `{{${id}}}`, 'b');
  t.succeeds('kubectl apply --prune --all -f hack/testdata/prune/b.yaml');
  t.waitObjectAssert(PODS_NSB, ITEMS, 'b:');
  t.succeeds('kubectl delete ns nsb');

  // ## kubectl apply -n must fail if input file contains namespace other than the one given in -n
  t.ifHasString(t.output('kubectl apply -n foo -f hack/testdata/prune/b.yaml'), 'the namespace from the provided object "nsb" does not match the namespace "foo".');

  // ## kubectl apply -k somedir
  for (const flag of ['-k', '--kustomize']) {
    t.succeeds(`kubectl apply ${flag} hack/testdata/kustomize`);
    t.getObjectAssert('configmap test-the-map', `{{${id}}}`, 'test-the-map');
    t.getObjectAssert('deployment test-the-deployment', `{{${id}}}`, 'test-the-deployment');
    t.getObjectAssert('service test-the-service', `{{${id}}}`, 'test-the-service');
    t.succeeds(`kubectl delete ${flag} hack/testdata/kustomize`);
  }

  // ## kubectl apply multiple resources with one failure during apply phase.
  t.ifHasString(t.output('kubectl get namespace multi-resource-ns'), 'namespaces "multi-resource-ns" not found');
  t.waitObjectAssert('pods', ITEMS, '');
  t.ifHasString(t.output('kubectl apply -f hack/testdata/multi-resource-1.yaml'), 'namespaces "multi-resource-ns" not found');
  t.ifHasString(t.output('kubectl get pods test-pod -n multi-resource-ns'), 'pods "test-pod" not found');
  t.succeeds('kubectl apply -f hack/testdata/multi-resource-1.yaml');
  t.getObjectAssert('pods test-pod -n multi-resource-ns', `{{${id}}}`, 'test-pod');
  t.succeeds('kubectl delete -f hack/testdata/multi-resource-1.yaml');

  // ## kubectl apply multiple resources with one failure during builder phase.
  t.getObjectAssert('configmaps', ITEMS, '');
  t.ifHasString(t.output('kubectl apply -f hack/testdata/multi-resource-2.yaml'), 'no matches for kind "Bogus" in version "example.com/v1"');
  t.getObjectAssert('configmaps foo', `{{${id}}}`, 'foo');
  t.succeeds('kubectl delete configmaps foo');

  // ## kubectl apply multiple resources with one failure during builder phase.
  t.getObjectAssert('pods', ITEMS, '');
  t.ifHasString(t.output('kubectl apply -f hack/testdata/multi-resource-3.yaml'), 'The Pod "POD-B" is invalid');
  t.getObjectAssert('pods pod-a', `{{${id}}}`, 'pod-a');
  t.getObjectAssert('pods pod-c', `{{${id}}}`, 'pod-c');
  t.succeeds('kubectl delete pod pod-a pod-c');
  t.getObjectAssert('pods', ITEMS, '');
}
