/**
 * kubectl's test/cmd/get.sh run_kubectl_get_tests, ported onto TestCmd as kubectl-groups.ts ports
 * the others.
 */
import { ID_FIELD as id, type TestCmd } from './test-cmd';

const ITEMS = `{{range.items}}{{${id}}}:{{end}}`;
const VALID_POD = 'test/fixtures/doc-yaml/admin/limitrange/valid-pod.yaml';
const found = (name: string) => `{{range.items}}{{ if eq ${id} "${name}" }}found{{end}}{{end}}:`;

/** test/cmd/get.sh run_kubectl_get_tests. */
export function runKubectlGetTests(t: TestCmd): void {
  t.createAndUseNewNamespace();
  // ### Test retrieval of non-existing pods
  t.getObjectAssert('pods', ITEMS, '');
  t.ifHasString(t.output('kubectl get pods abc'), 'pods "abc" not found');
  // ### Test retrieval of non-existing POD with output flag specified
  t.ifHasString(t.output('kubectl get pods abc -o name'), 'pods "abc" not found');

  // ### Test retrieval of pods when none exist with non-human readable output format flag specified
  for (const format of ['-o json', '-o yaml', '-o name', "-o jsonpath='{.items}'", "-o go-template='{{.items}}'", '-o custom-columns=NAME:.metadata.name']) {
    t.ifHasNotString(t.output(`kubectl get pods ${format}`), 'No resources found');
  }

  // ### Test retrieval of pods when none exist, with human-readable output format flag specified
  t.ifHasNotString(t.output('kubectl get foobar'), 'No resources found');
  t.ifHasString(t.output('kubectl get pods'), 'No resources found');
  t.ifHasNotString(t.output('kubectl get pods --ignore-not-found'), 'No resources found');
  t.ifHasString(t.output('kubectl get pods -o wide'), 'No resources found');

  // ### Test retrieval of non-existing POD with json output flag specified
  const json = t.output('kubectl get pods abc -o json');
  t.ifHasString(json, 'pods "abc" not found');
  t.ifHasNotString(json, 'List');

  // ### Test kubectl get all
  const all = t.output('kubectl --v=6 --namespace default get all --chunk-size=0');
  t.ifHasString(all, '/api/v1/namespaces/default/pods 200 OK');
  t.ifHasString(all, '/api/v1/namespaces/default/replicationcontrollers 200 OK');
  t.ifHasString(all, '/api/v1/namespaces/default/services 200 OK');
  t.ifHasString(all, '/apis/apps/v1/namespaces/default/daemonsets 200 OK');
  t.ifHasString(all, '/apis/apps/v1/namespaces/default/deployments 200 OK');
  t.ifHasString(all, '/apis/apps/v1/namespaces/default/replicasets 200 OK');
  t.ifHasString(all, '/apis/apps/v1/namespaces/default/statefulsets 200 OK');
  t.ifHasString(all, '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers 200');
  t.ifHasString(all, '/apis/batch/v1/namespaces/default/jobs 200 OK');
  t.ifHasNotString(all, '/apis/extensions/v1beta1/namespaces/default/daemonsets 200 OK');
  t.ifHasNotString(all, '/apis/extensions/v1beta1/namespaces/default/deployments 200 OK');
  t.ifHasNotString(all, '/apis/extensions/v1beta1/namespaces/default/replicasets 200 OK');

  // ### Test kubectl get chunk size
  const chunked = t.output('kubectl --v=6 get clusterrole --chunk-size=10');
  t.ifHasString(chunked, '/clusterroles?limit=10 200 OK');
  t.ifHasString(chunked, '/v1/clusterroles?continue=');
  // ### Test kubectl get chunk size defaults to 500
  t.ifHasString(t.output('kubectl --v=6 get clusterrole'), '/clusterroles?limit=500 200 OK');
  // ### Test kubectl get accumulates pages
  const pages = t.output('kubectl get namespaces --chunk-size=1 --no-headers');
  t.ifHasString(pages, 'default');
  t.ifHasString(pages, 'kube-public');
  t.ifHasString(pages, 'kube-system');

  // ### Test kubectl get chunk size does not result in a --watch error when resource list is served in multiple chunks
  for (const name of ['one', 'two', 'three']) t.getObjectAssert('configmaps', found(name), ':');
  for (const name of ['one', 'two', 'three']) t.succeeds(`kubectl create cm ${name}`);
  t.ifHasNotString(t.output('kubectl get configmap --chunk-size=1 --watch --request-timeout=1s'), 'watch is only supported on individual resources');
  t.ifHasNotString(t.output('kubectl get configmap --chunk-size=1 --watch-only --request-timeout=1s'), 'watch is only supported on individual resources');

  // ### Test --allow-missing-template-keys
  t.createAndUseNewNamespace();
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds(`kubectl create -f ${VALID_POD}`);
  t.succeeds('kubectl get pods -o json');
  t.getObjectAssert('pods', ITEMS, 'valid-pod:');
  t.succeeds("kubectl get pod valid-pod -o jsonpath='{.missing}'");
  t.succeeds("kubectl get pod valid-pod -o go-template='{{.missing}}'");
  t.ifHasString(t.output(`kubectl get pod valid-pod --template="{{${id}}}:"`), 'valid-pod:');
  t.ifHasString(t.output("kubectl get pod valid-pod --allow-missing-template-keys=false -o jsonpath='{.missing}'"), 'missing is not found');
  t.ifHasString(t.output("kubectl get pod valid-pod --allow-missing-template-keys=false -o go-template='{{.missing}}'"), 'map has no entry for key "missing"');
  // ## check --subresource=status works
  t.ifHasString(t.output('kubectl get pod valid-pod --subresource=status'), 'valid-pod');
  // ## check --subresource=scale returns an error for pods
  t.ifHasString(t.output('kubectl get pod valid-pod --subresource=scale'), 'the server could not find the requested resource');

  // ### Test kubectl get watch
  const watched = t.output('kubectl get pods -w --request-timeout=1');
  t.ifHasString(watched, 'STATUS');
  t.ifHasString(watched, 'valid-pod');
  const named = t.output('kubectl get pods/valid-pod -o name -w --request-timeout=1');
  t.ifHasNotString(named, 'STATUS');
  t.ifHasString(named, 'pod/valid-pod');
  const yaml = t.output('kubectl get pods/valid-pod -o yaml -w --request-timeout=1');
  t.ifHasNotString(yaml, 'STATUS');
  t.ifHasString(yaml, 'name: valid-pod');
  t.ifHasString(t.output('kubectl get pods/invalid-pod -w --request-timeout=1'), '"invalid-pod" not found');
  t.succeeds('kubectl delete pods valid-pod');

  // ### Test 'kubectl get -f <file> -o <non default printer>' prints all the items in the file's list
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds('kubectl create -f test/fixtures/doc-yaml/user-guide/multi-pod.yaml');
  t.ifHasString(t.output('kubectl get -f test/fixtures/doc-yaml/user-guide/multi-pod.yaml -o jsonpath="{..metadata.name}"'), 'redis-master valid-pod');
  t.succeeds('kubectl delete pods redis-master valid-pod');

  // ### Test 'kubectl get -k <dir>' prints all the items built from a kustomization directory
  // The ConfigMaps asserts name test-the-map, as create.sh's same steps do since every namespace
  // holds kube-root-ca.crt; get.sh as stored here predates that.
  const theMap = 'configmaps --field-selector=metadata.name=test-the-map';
  t.getObjectAssert(theMap, ITEMS, '');
  t.getObjectAssert('deployment', ITEMS, '');
  t.getObjectAssert('services', ITEMS, '');
  t.succeeds('kubectl apply -k hack/testdata/kustomize');
  const built = t.output('kubectl get -k hack/testdata/kustomize -o jsonpath="{..metadata.name}"');
  t.ifHasString(built, 'test-the-map');
  t.ifHasString(built, 'test-the-deployment');
  t.ifHasString(built, 'test-the-service');
  t.succeeds('kubectl delete -k hack/testdata/kustomize');
  t.getObjectAssert(theMap, ITEMS, '');
  t.getObjectAssert('deployment', ITEMS, '');
  t.getObjectAssert('services', ITEMS, '');
}
