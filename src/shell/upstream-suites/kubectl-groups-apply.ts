/**
 * kubectl's test/cmd/apply.sh run_kubectl_server_side_apply_tests, ported onto TestCmd as
 * kubectl-groups.ts ports the others. `grep -q X <<< "$(cmd)"` is ifHasString on the output,
 * `! grep -q` ifHasNotString. The CustomResourceDefinition step is left out: CRDs are not served.
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
