/**
 * kubectl's test/cmd/wait.sh, ported onto TestCmd as kubectl-groups.ts ports the others.
 */
import { ID_FIELD as id, type TestCmd } from './test-cmd';

/** test/cmd/wait.sh run_wait_tests. */
export function runWaitTests(t: TestCmd): void {
  t.createAndUseNewNamespace();

  // ### Wait for deletion using --all flag
  t.succeeds('kubectl create deployment test-1 --image=busybox');
  t.succeeds('kubectl create deployment test-2 --image=busybox');
  t.getObjectAssert('deployments', '{{range .items}}{{.metadata.name}},{{end}}', 'test-1,test-2,');

  // wait with jsonpath will time out for busybox deployment (its `sh` exits at once, so no
  // replica is ever ready; upstream has no kubelet at all)
  t.ifHasString(t.output('kubectl wait --for=jsonpath=.status.readyReplicas=1 deploy/test-1'), 'timed out');

  // Upstream deletes in the background (`( sleep 2 && kubectl delete deployment --all ) &`) while
  // wait runs; the shell has no `&`, so the deletion is sent first, in the foreground policy, which
  // keeps each Deployment until the garbage collector has removed its ReplicaSet and pods.
  t.succeeds('kubectl delete deployment --all --cascade=foreground --wait=false');
  const deleted = t.output('kubectl wait deployment --for=delete --all');
  t.ifHasString(deleted, 'test-1 condition met');
  t.ifHasString(deleted, 'test-2 condition met');

  // create test data to test timeout error is occurred in correct time
  t.succeeds(`kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: dtest
  name: dtest
spec:
  replicas: 3
  selector:
    matchLabels:
      app: dtest
  template:
    metadata:
      labels:
        app: dtest
    spec:
      containers:
      - name: bb
        image: busybox
        command: ["/bin/sh", "-c", "sleep infinity"]
EOF`);
  t.waitObjectAssert('deployments', `{{range.items}}{{${id}}}{{end}}`, 'dtest');
  // Upstream also times the command with `date +%s` (1 to 2 s); here the timeout is simulated time.
  t.ifHasString(t.output('kubectl wait pod --selector=app=dtest --for=condition=InvalidCondition --timeout=1s'), 'timed out waiting for the condition ');
  t.succeeds('kubectl delete deployment dtest');

  t.succeeds('kubectl create deployment test-3 --image=busybox');
  t.ifHasString(t.output("kubectl wait --for=jsonpath='{.status.replicas}' deploy/test-3"), 'deployment.apps/test-3 condition met');
  t.succeeds('kubectl delete deployment test-3');
}
