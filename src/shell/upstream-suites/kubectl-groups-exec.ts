/**
 * kubectl's test/cmd/exec.sh groups, ported onto TestCmd as kubectl-groups.ts ports the others.
 * Upstream runs them with no kubelet, so a pod is never bound and `exec` can only be checked for
 * the errors it does not give; here the pods are scheduled and run, and the same assertions hold.
 */
import type { TestCmd } from './test-cmd';

/** test/cmd/exec.sh run_kubectl_exec_pod_tests. */
export function runKubectlExecPodTests(t: TestCmd): void {
  t.createAndUseNewNamespace();

  // ### Test execute non-existing POD
  t.ifHasString(t.output('kubectl exec abc -- date'), 'pods "abc" not found');

  // ### Test execute multiple resources
  const multiple = t.output(`kubectl exec -f - -- echo test <<__EOF__
apiVersion: v1
kind: Pod
metadata:
  name: test
spec:
  containers:
  - name: nginx
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: test2
spec:
  containers:
  - name: nginx
    image: nginx
__EOF__`);
  t.ifHasString(multiple, 'cannot exec into multiple objects at a time');

  // ### Test execute existing POD
  t.succeeds('kubectl create -f hack/testdata/pod.yaml');
  // Upstream has no kubelet, so exec stops at "does not have a host assigned"; here the pod is
  // bound and started, and exec right away would meet the kubelet's "container not found" while
  // the image is pulled. Let it start first, so the assertion is about kubectl's arguments.
  t.run('sleep 10s');
  const existing = t.output('kubectl exec test-pod date');
  t.ifHasNotString(existing, 'pods "test-pod" not found');
  t.ifHasNotString(existing, 'pod or type/name must be specified');

  // Clean up
  t.succeeds('kubectl delete pods test-pod');
}

/** test/cmd/exec.sh run_kubectl_exec_resource_name_tests. */
export function runKubectlExecResourceNameTests(t: TestCmd): void {
  t.createAndUseNewNamespace();

  // ### Test execute invalid resource type
  t.ifHasString(t.output('kubectl exec foo/bar date'), 'error:');

  // ### Test execute non-existing resources
  t.ifHasString(t.output('kubectl exec deployments/bar date'), '"bar" not found');

  t.succeeds('kubectl create -f hack/testdata/pod.yaml');
  t.succeeds('kubectl create -f hack/testdata/frontend-replicaset.yaml');
  t.succeeds('kubectl create -f hack/testdata/configmap.yaml');
  // Upstream has no kubelet, so exec stops at "does not have a host assigned"; here the pod is
  // bound and started, and exec right away would meet the kubelet's "container not found" while
  // the image is pulled. Let it start first, so the assertion is about kubectl's arguments.
  t.run('sleep 10s');

  // ### Test execute non-implemented resources
  t.ifHasString(t.output('kubectl exec configmap/test-set-env-config date'), 'not implemented');

  // ### Test execute exists and valid resource type.
  const pod = t.output('kubectl exec pods/test-pod date');
  t.ifHasNotString(pod, 'not found');
  t.ifHasNotString(pod, 'pod, type/name or --filename must be specified');

  const rs = t.output('kubectl exec replicaset/frontend date');
  t.ifHasNotString(rs, 'not found');
  t.ifHasNotString(rs, 'pod, type/name or --filename must be specified');

  // Clean up
  t.succeeds('kubectl delete pods/test-pod');
  t.succeeds('kubectl delete replicaset/frontend');
  t.succeeds('kubectl delete configmap/test-set-env-config');
}
