/**
 * kubectl's own command-line suite (kubernetes/kubernetes test/cmd/*.sh), ported group by group
 * onto TestCmd: the same commands and the same expected values, in the same order, each group
 * naming the upstream file and function it follows. What upstream does with tools the simulator's
 * shell has not got (sed over a dumped pod, an $EDITOR script, `kubectl taint`...) is left out and
 * said so where it happens. Groups that need components not simulated yet are in PENDING_GROUPS.
 */
import { runRsTests } from './kubectl-groups-apps';
import { runDeploymentTests, runRcTests } from './kubectl-groups-controllers';
import { runClusterrolesTests, runRoleTests } from './kubectl-groups-rbac';
import { runWaitTests } from './kubectl-groups-wait';
import { runJobTests } from './kubectl-groups-batch';
import { runCreateJobTests, runKubectlCreateDryRunTests, runKubectlCreateErrorTests, runKubectlCreateFilterTests, runKubectlCreateKustomizationDirectoryTests } from './kubectl-groups-create';
import { runDaemonsetHistoryTests, runDaemonsetTests, runStatefulsetHistoryTests } from './kubectl-groups-workload-history';
import { runKubectlGetTests } from './kubectl-groups-get';
import { runKubectlExecPodTests, runKubectlExecResourceNameTests } from './kubectl-groups-exec';
import { runKubectlApplyTests, runKubectlServerSideApplyTests } from './kubectl-groups-apply';
import { ID_FIELD as id, TestCmd } from './test-cmd';

export interface KubectlGroup {
  /** `test/cmd/core.sh` */
  readonly file: string;
  /** `run_pod_tests` */
  readonly fn: string;
  readonly run: (t: TestCmd) => void;
}

const VALID_POD = 'test/fixtures/doc-yaml/admin/limitrange/valid-pod.yaml';
const ITEMS = `{{range.items}}{{${id}}}:{{end}}`;
const found = (name: string) => `{{range.items}}{{ if eq ${id} "${name}" }}found{{end}}{{end}}:`;

/** test/cmd/core.sh run_pod_tests, from its start to the priority class (then it needs the scheduler's pods). */
function runPodTests(t: TestCmd): void {
  // ### Create POD valid-pod from JSON
  t.createAndUseNewNamespace();
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds(`kubectl create -f ${VALID_POD}`);
  t.succeeds('kubectl get pods -o json');
  t.getObjectAssert('pods', ITEMS, 'valid-pod:');
  t.getObjectAssert('pod valid-pod', `{{${id}}}`, 'valid-pod');
  t.getObjectAssert('pod/valid-pod', `{{${id}}}`, 'valid-pod');
  t.getObjectAssert('pods/valid-pod', `{{${id}}}`, 'valid-pod');
  // pod has field manager for kubectl create
  t.ifHasString(t.output(`kubectl get --show-managed-fields -f ${VALID_POD} -o=jsonpath='{.metadata.managedFields[*].manager}'`), 'kubectl-create');
  t.getObjectJsonpathAssert('pods', `{.items[*]${id}}`, 'valid-pod');
  t.getObjectJsonpathAssert('pod valid-pod', `{${id}}`, 'valid-pod');
  t.getObjectJsonpathAssert('pod/valid-pod', `{${id}}`, 'valid-pod');
  t.getObjectJsonpathAssert('pods/valid-pod', `{${id}}`, 'valid-pod');
  t.describeObjectAssert('pods', 'valid-pod', 'Name:', 'Image:', 'Node:', 'Labels:', 'Status:');
  t.describeResourceAssert('pods', 'Name:', 'Image:', 'Node:', 'Labels:', 'Status:');

  // ### Delete POD valid-pod by id
  t.getObjectAssert('pods', ITEMS, 'valid-pod:');
  t.succeeds('kubectl delete pod valid-pod --grace-period=0 --force');
  t.getObjectAssert('pods', ITEMS, '');

  // ### Delete POD valid-pod by id with --now
  t.succeeds(`kubectl create -f ${VALID_POD}`);
  t.getObjectAssert('pods', ITEMS, 'valid-pod:');
  t.succeeds('kubectl delete pod valid-pod --now');
  t.getObjectAssert('pods', ITEMS, '');

  // ### Delete POD valid-pod by id with --grace-period=0 (succeeds without --force by waiting)
  t.succeeds(`kubectl create -f ${VALID_POD}`);
  t.getObjectAssert('pods', ITEMS, 'valid-pod:');
  t.succeeds('kubectl delete pod valid-pod --grace-period=0');
  t.getObjectAssert('pods', ITEMS, '');

  // ### Create POD valid-pod from dumped YAML: upstream pipes `get -o yaml` through sed, which the
  // shell has not got; the dump is re-created from the fixture instead.
  t.createAndUseNewNamespace();
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds(`kubectl create -f ${VALID_POD}`);
  t.getObjectAssert('pods', ITEMS, 'valid-pod:');

  // ### Delete POD valid-pod from JSON
  t.getObjectAssert('pods', ITEMS, 'valid-pod:');
  t.succeeds(`kubectl delete -f ${VALID_POD} --grace-period=0 --force`);
  t.getObjectAssert('pods', ITEMS, '');

  // ### Create POD valid-pod from JSON
  t.createAndUseNewNamespace();
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds(`kubectl create -f ${VALID_POD}`);
  t.getObjectAssert('pods', ITEMS, 'valid-pod:');

  // ### Delete POD valid-pod with label
  t.getObjectAssert("pods -l'name in (valid-pod)'", ITEMS, 'valid-pod:');
  t.succeeds("kubectl delete pods -l'name in (valid-pod)' --grace-period=0 --force");
  t.getObjectAssert("pods -l'name in (valid-pod)'", ITEMS, '');

  // ### Create POD valid-pod from YAML
  t.createAndUseNewNamespace();
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds(`kubectl create -f ${VALID_POD}`);
  t.getObjectAssert('pods', ITEMS, 'valid-pod:');
  t.ifHasString(t.output('kubectl get pods --field-selector metadata.name=valid-pod'), 'valid-pod');
  const phase = t.run("kubectl get pod valid-pod -o go-template='{{ .status.phase }}'").stdout;
  t.ifHasString(t.output(`kubectl get pods --field-selector status.phase="${phase}"`), 'valid-pod');

  // ### Delete PODs with no parameter mustn't kill everything
  t.getObjectAssert('pods', ITEMS, 'valid-pod:');
  t.fails('kubectl delete pods');
  t.getObjectAssert('pods', ITEMS, 'valid-pod:');

  // ### Delete PODs with --all and a label selector is not permitted
  t.getObjectAssert('pods', ITEMS, 'valid-pod:');
  t.fails("kubectl delete --all pods -l'name in (valid-pod)'");
  t.getObjectAssert('pods', ITEMS, 'valid-pod:');

  // ### Delete all PODs
  t.getObjectAssert('pods', ITEMS, 'valid-pod:');
  t.succeeds('kubectl delete --all pods --grace-period=0 --force');
  t.getObjectAssert("pods -l'name in (valid-pod)'", ITEMS, '');

  // Detailed tests for describe pod output
  t.getObjectAssert('namespaces', found('test-kubectl-describe-pod'), ':');
  t.succeeds('kubectl create namespace test-kubectl-describe-pod');
  t.getObjectAssert('namespaces/test-kubectl-describe-pod', `{{${id}}}`, 'test-kubectl-describe-pod');

  // ### Create a generic secret
  t.getObjectAssert('secrets --namespace=test-kubectl-describe-pod', ITEMS, '');
  t.succeeds('kubectl create secret generic test-secret --dry-run=client --from-literal=key-1=value1 --type=test-type --namespace=test-kubectl-describe-pod');
  t.succeeds('kubectl create secret generic test-secret --dry-run=server --from-literal=key-1=value1 --type=test-type --namespace=test-kubectl-describe-pod');
  t.getObjectAssert('secrets --namespace=test-kubectl-describe-pod', ITEMS, '');
  t.succeeds('kubectl create secret generic test-secret --from-literal=key-1=value1 --type=test-type --namespace=test-kubectl-describe-pod');
  t.getObjectAssert('secret/test-secret --namespace=test-kubectl-describe-pod', `{{${id}}}`, 'test-secret');
  t.getObjectAssert('secret/test-secret --namespace=test-kubectl-describe-pod', '{{.type}}', 'test-type');

  // ### Create a generic configmap
  t.getObjectAssert('configmaps --namespace=test-kubectl-describe-pod', found('test-configmap'), ':');
  t.succeeds('kubectl create configmap test-configmap --from-literal=key-2=value2 --namespace=test-kubectl-describe-pod');
  t.getObjectAssert('configmap/test-configmap --namespace=test-kubectl-describe-pod', `{{${id}}}`, 'test-configmap');

  // ### Create a pod disruption budget with minAvailable
  t.getObjectAssert('pdb --namespace=test-kubectl-describe-pod', found('test-pdb-1'), ':');
  t.succeeds('kubectl create pdb test-pdb-1 --dry-run=client --selector=app=rails --min-available=2 --namespace=test-kubectl-describe-pod');
  t.succeeds('kubectl create pdb test-pdb-1 --dry-run=server --selector=app=rails --min-available=2 --namespace=test-kubectl-describe-pod');
  t.getObjectAssert('pdb --namespace=test-kubectl-describe-pod', found('test-pdb-1'), ':');
  t.succeeds('kubectl create pdb test-pdb-1 --selector=app=rails --min-available=2 --namespace=test-kubectl-describe-pod');
  t.getObjectAssert('pdb/test-pdb-1 --namespace=test-kubectl-describe-pod', '{{.spec.minAvailable}}', '2');
  t.succeeds('kubectl create pdb test-pdb-2 --selector=app=rails --min-available=50% --namespace=test-kubectl-describe-pod');
  t.getObjectAssert('pdb/test-pdb-2 --namespace=test-kubectl-describe-pod', '{{.spec.minAvailable}}', '50%');
  // ### Create a pod disruption budget with maxUnavailable
  t.succeeds('kubectl create pdb test-pdb-3 --selector=app=rails --max-unavailable=2 --namespace=test-kubectl-describe-pod');
  t.getObjectAssert('pdb/test-pdb-3 --namespace=test-kubectl-describe-pod', '{{.spec.maxUnavailable}}', '2');
  t.succeeds('kubectl create pdb test-pdb-4 --selector=app=rails --max-unavailable=50% --namespace=test-kubectl-describe-pod');
  t.getObjectAssert('pdb/test-pdb-4 --namespace=test-kubectl-describe-pod', '{{.spec.maxUnavailable}}', '50%');
  // ### Fail creating a pod disruption budget if both maxUnavailable and minAvailable specified
  t.fails('kubectl create pdb test-pdb --selector=app=rails --min-available=2 --max-unavailable=3 --namespace=test-kubectl-describe-pod');

  // Create a pod that consumes secret, configmap, and downward API keys as envs
  t.getObjectAssert('pods --namespace=test-kubectl-describe-pod', ITEMS, '');
  t.succeeds('kubectl create -f hack/testdata/pod-with-api-env.yaml --namespace=test-kubectl-describe-pod');
  const env = ['TEST_CMD_1', "<set to the key 'key-1' in secret 'test-secret'>", 'TEST_CMD_2', "<set to the key 'key-2' of config map 'test-configmap'>", 'TEST_CMD_3', 'env-test-pod (v1:metadata.name)'];
  t.describeObjectAssert('pods --namespace=test-kubectl-describe-pod', 'env-test-pod', ...env);
  t.describeResourceAssert('pods --namespace=test-kubectl-describe-pod', ...env);
  t.succeeds('kubectl delete pod env-test-pod --namespace=test-kubectl-describe-pod');
  t.succeeds('kubectl delete secret test-secret --namespace=test-kubectl-describe-pod');
  t.succeeds('kubectl delete configmap test-configmap --namespace=test-kubectl-describe-pod');
  t.succeeds('kubectl delete namespace test-kubectl-describe-pod');

  // ### Priority Class
  t.getObjectAssert('priorityclasses', found('test-priorityclass'), ':');
  t.succeeds('kubectl create priorityclass test-priorityclass --dry-run=client');
  t.succeeds('kubectl create priorityclass test-priorityclass --dry-run=server');
  t.getObjectAssert('priorityclasses', found('test-priorityclass'), ':');
  t.succeeds('kubectl create priorityclass test-priorityclass');
  t.getObjectAssert('priorityclasses', found('test-priorityclass'), 'found:');
  t.succeeds('kubectl delete priorityclass test-priorityclass');

  // ### Create two PODs
  t.createAndUseNewNamespace();
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds(`kubectl create -f ${VALID_POD}`);
  t.succeeds('kubectl create -f test/e2e/testing-manifests/kubectl/agnhost-primary-pod.yaml');
  t.getObjectAssert('pods', ITEMS, 'agnhost-primary:valid-pod:');
}

/** test/cmd/delete.sh run_kubectl_delete_allnamespaces_tests (the namespaces' names are fixed here, not dated). */
function runKubectlDeleteAllnamespacesTests(t: TestCmd): void {
  const [one, two] = ['namespace-one', 'namespace-two'];
  t.succeeds(`kubectl create namespace ${one}`);
  t.succeeds(`kubectl create namespace ${two}`);
  t.succeeds(`kubectl create configmap one --namespace=${one}`);
  t.succeeds(`kubectl create configmap two --namespace=${two}`);
  t.succeeds(`kubectl label configmap one --namespace=${one} deletetest=true`);
  t.succeeds(`kubectl label configmap two --namespace=${two} deletetest=true`);
  // dry-run
  t.succeeds('kubectl delete configmap --dry-run=client -l deletetest=true --all-namespaces');
  t.succeeds('kubectl delete configmap --dry-run=server -l deletetest=true --all-namespaces');
  t.run(`kubectl config set-context --current --namespace=${one}`);
  t.getObjectAssert('configmap -l deletetest', ITEMS, 'one:');
  t.run(`kubectl config set-context --current --namespace=${two}`);
  t.getObjectAssert('configmap -l deletetest', ITEMS, 'two:');
  t.succeeds('kubectl delete configmap -l deletetest=true --all-namespaces');
  t.run(`kubectl config set-context --current --namespace=${one}`);
  t.getObjectAssert('configmap -l deletetest', ITEMS, '');
  t.run(`kubectl config set-context --current --namespace=${two}`);
  t.getObjectAssert('configmap -l deletetest', ITEMS, '');
}

/**
 * test/cmd/template-output.sh run_template_output_tests: the commands the simulator has. Left out:
 * autoscale, taint, auth reconcile, create job --from=cronjob (commands not simulated),
 * `expose -f` of a ReplicaSet file, `create secret tls` (key and certificate files).
 */
function runTemplateOutputTests(t: TestCmd): void {
  const tmpl = '--template="{{ .metadata.name }}:"';
  t.createAndUseNewNamespace();
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds(`kubectl create -f ${VALID_POD}`);
  t.succeeds('kubectl get pods -o json');
  t.getObjectAssert('pods', ITEMS, 'valid-pod:');
  t.ifHasString(t.output(`kubectl patch --dry-run=client pods/valid-pod -p '{"patched":"value3"}' --type=merge ${tmpl}`), 'valid-pod:');
  t.ifHasString(t.output(`kubectl label --dry-run=client pods/valid-pod label=value ${tmpl}`), 'valid-pod:');
  t.ifHasString(t.output(`kubectl annotate --dry-run=client pods/valid-pod annotation=value ${tmpl}`), 'valid-pod:');
  t.ifHasString(t.output(`kubectl apply --dry-run=client -f ${VALID_POD} ${tmpl}`), 'valid-pod:');
  t.ifHasString(t.output(`kubectl create -f ${VALID_POD} --dry-run=client ${tmpl}`), 'valid-pod:');
  t.ifHasString(t.output(`kubectl run --dry-run=client ${tmpl} pi --image=perl --restart=OnFailure -- perl -Mbignum=bpi -wle 'print bpi(2000)'`), 'pi:');
  t.ifHasString(t.output(`kubectl create clusterrole ${tmpl} --verb get myclusterrole --non-resource-url /logs/ --resource pods`), 'myclusterrole:');
  t.ifHasString(t.output(`kubectl create clusterrolebinding foo --clusterrole=myclusterrole ${tmpl}`), 'foo:');
  t.ifHasString(t.output(`kubectl create configmap cm --dry-run=client ${tmpl}`), 'cm:');
  t.ifHasString(t.output(`kubectl create deployment deploy --image=nginx ${tmpl}`), 'deploy:');
  t.ifHasString(t.output(`kubectl create ns bar --dry-run=client ${tmpl}`), 'bar:');
  t.ifHasString(t.output(`kubectl create rolebinding foo --clusterrole=myclusterrole --dry-run=client ${tmpl}`), 'foo:');
  t.ifHasString(t.output(`kubectl create role --dry-run=client ${tmpl} --verb get myrole --resource pods`), 'myrole:');
  t.ifHasString(t.output(`kubectl create quota foo --dry-run=client ${tmpl}`), 'foo:');
  t.ifHasString(t.output(`kubectl create priorityclass foo --dry-run=client ${tmpl}`), 'foo:');
  t.ifHasString(t.output(`kubectl create poddisruptionbudget foo --dry-run=client --selector=foo --min-available=1 ${tmpl}`), 'foo:');
  t.ifHasString(t.output(`kubectl create serviceaccount foo --dry-run=client ${tmpl}`), 'foo:');
  t.ifHasString(t.output(`kubectl set env pod/valid-pod --dry-run=client A=B ${tmpl}`), 'valid-pod:');
  t.ifHasString(t.output(`kubectl set image pod/valid-pod --dry-run=client kubernetes-serve-hostname=nginx ${tmpl}`), 'valid-pod:');
  t.ifHasString(t.output(`kubectl set resources pod/valid-pod --limits=memory=256Mi --dry-run=client ${tmpl}`), 'valid-pod:');
  t.ifHasString(t.output(`kubectl set serviceaccount pod/valid-pod deployer --dry-run=client ${tmpl}`), 'valid-pod:');
  t.ifHasString(t.output(`kubectl set subject clusterrolebinding/foo --user=foo --dry-run=client ${tmpl}`), 'foo:');
  t.ifHasString(t.output(`kubectl create secret docker-registry foo --docker-username user --docker-password pass --docker-email foo@bar.baz --dry-run=client ${tmpl}`), 'foo:');
  t.ifHasString(t.output(`kubectl create secret generic foo --from-literal=key1=value1 --dry-run=client ${tmpl}`), 'foo:');
  t.ifHasString(t.output(`kubectl create service clusterip foo --dry-run=client --tcp=8080 ${tmpl}`), 'foo:');
  t.ifHasString(t.output(`kubectl create service externalname foo --dry-run=client --external-name=bar ${tmpl}`), 'foo:');
  t.ifHasString(t.output(`kubectl create service loadbalancer foo --dry-run=client --tcp=8080 ${tmpl}`), 'foo:');
  t.ifHasString(t.output(`kubectl create service nodeport foo --dry-run=client --tcp=8080 ${tmpl}`), 'foo:');
  t.ifHasString(t.output('kubectl config view'), 'kind: Config');
  t.ifHasString(t.output(`kubectl rollout pause deploy/deploy ${tmpl}`), 'deploy:');
  t.ifHasString(t.output(`kubectl rollout history deploy/deploy ${tmpl}`), 'deploy:');
  t.ifHasString(t.output(`kubectl rollout resume deploy/deploy ${tmpl}`), 'deploy:');
  t.ifHasString(t.output(`kubectl rollout undo deploy/deploy --to-revision=1 ${tmpl}`), 'deploy:');
  t.ifHasString(t.output('kubectl config view --template="{{ .kind }}:"'), 'Config');
  t.ifHasString(t.output(`kubectl create configmap cm --dry-run=client ${tmpl} --output yaml`), 'kind: ConfigMap');
  t.succeeds('kubectl delete pods --all');
  t.succeeds('kubectl delete clusterrole myclusterrole');
  t.succeeds('kubectl delete clusterrolebinding foo');
  t.succeeds('kubectl delete deployment deploy');
}

/** test/cmd/save-config.sh run_save_config_tests: parts 1 (create) and 3 (replace); 2 needs $EDITOR, 4-6 generators and autoscale. */
function runSaveConfigTests(t: TestCmd): void {
  const hasAnnotation = () => t.output('kubectl get pods test-pod -o yaml').includes('kubectl.kubernetes.io/last-applied-configuration');
  // ## 1. kubectl create --save-config should generate configuration annotation
  t.createAndUseNewNamespace();
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds('kubectl create -f hack/testdata/pod.yaml --save-config');
  t.ifHasString(t.output('kubectl get pods test-pod -o yaml'), 'kubectl.kubernetes.io/last-applied-configuration');
  t.succeeds('kubectl delete -f hack/testdata/pod.yaml');
  // ## 3. kubectl replace --save-config should generate configuration annotation
  t.createAndUseNewNamespace();
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds('kubectl create -f hack/testdata/pod.yaml');
  t.ifHasNotString(hasAnnotation() ? 'last-applied-configuration' : '', 'last-applied-configuration');
  t.succeeds('kubectl replace -f hack/testdata/pod.yaml --save-config');
  t.ifHasString(t.output('kubectl get pods test-pod -o yaml'), 'kubectl.kubernetes.io/last-applied-configuration');
  t.succeeds('kubectl delete -f hack/testdata/pod.yaml');
}

const REDIS_MASTER = 'test/e2e/testing-manifests/guestbook/redis-master-service.yaml';
const REDIS_SLAVE = 'test/e2e/testing-manifests/guestbook/redis-slave-service.yaml';
/** legacy-script.sh's `$port_field`, `$port_name` and `$service_selector_field`. */
const PORT_FIELD = '(index .spec.ports 0).port';
const SELECTOR = '{{range.spec.selector}}{{.}}:{{end}}';

/**
 * test/cmd/core.sh run_service_tests. Left out: describe_resource_chunk_size_assert (it reads
 * kubectl's -v=6 request log, which the simulated kubectl does not write). Upstream's two pipes
 * (`echo "$output_service" | kubectl create -f -`, `get -o json | replace -f -`) become
 * here-documents of the same text.
 */
function runServiceTests(t: TestCmd): void {
  t.run('kubectl config set-context --current --namespace=""');
  const describeFields = ['Name:', 'Labels:', 'Selector:', 'IP:', 'Port:', 'Endpoints:', 'Session Affinity:'];
  // ### Create redis-master service from JSON
  t.getObjectAssert('services', ITEMS, 'kubernetes:');
  t.succeeds(`kubectl create -f ${REDIS_MASTER}`);
  t.getObjectAssert('services', ITEMS, 'kubernetes:redis-master:');
  t.describeObjectAssert('services', 'redis-master', ...describeFields);
  t.describeObjectEventsAssert('services', 'redis-master');
  t.describeObjectEventsAssert('services', 'redis-master', false);
  t.describeObjectEventsAssert('services', 'redis-master', true);
  t.describeResourceAssert('services', ...describeFields);
  t.describeResourceEventsAssert('services');
  t.describeResourceEventsAssert('services', false);
  t.describeResourceEventsAssert('services', true);

  // ### set selector
  t.getObjectAssert('services redis-master', SELECTOR, 'redis:master:backend:');
  t.succeeds(`kubectl set selector -f ${REDIS_MASTER} role=padawan --local -o yaml`);
  t.succeeds(`kubectl set selector -f ${REDIS_MASTER} role=padawan --dry-run=client -o yaml`);
  t.succeeds(`kubectl set selector -f ${REDIS_MASTER} role=padawan`);
  t.getObjectAssert('services redis-master', SELECTOR, 'padawan:');
  t.succeeds(`kubectl set selector -f ${REDIS_MASTER} app=redis,role=master,tier=backend`);
  t.getObjectAssert('services redis-master', SELECTOR, 'redis:master:backend:');
  t.succeeds('kubectl set selector services redis-master role=padawan --dry-run=client -o yaml');
  t.succeeds('kubectl set selector services redis-master role=padawan --dry-run=server -o yaml');
  t.ifHasString(t.output("kubectl get services redis-master --show-managed-fields -o=jsonpath='{.metadata.managedFields[*].manager}'"), 'kubectl-set');
  t.fails('kubectl set selector services redis-master role=padawan --local -o yaml');
  t.getObjectAssert('services redis-master', SELECTOR, 'redis:master:backend:');
  const rv = t.output("kubectl get services redis-master -o jsonpath='{.metadata.resourceVersion}'");
  t.succeeds(`kubectl set selector services redis-master rvtest1=true --resource-version=${rv}`);
  t.ifHasString(t.output('kubectl set selector services redis-master rvtest1=true --resource-version=1'), 'Conflict');

  // ### Dump current redis-master service
  const outputService = t.output('kubectl get service redis-master -o json');
  // ### Delete redis-master-service by id
  t.getObjectAssert('services', ITEMS, 'kubernetes:redis-master:');
  t.succeeds('kubectl delete service redis-master');
  t.getObjectAssert('services', ITEMS, 'kubernetes:');
  // ### Create redis-master-service from dumped JSON
  t.succeeds(`kubectl create -f - <<'__EOF__'\n${outputService}__EOF__`);
  t.getObjectAssert('services', ITEMS, 'kubernetes:redis-master:');

  // ### Create redis-master-v1-test service
  t.succeeds(`kubectl create -f - <<'__EOF__'
{
  "kind": "Service",
  "apiVersion": "v1",
  "metadata": {
    "name": "service-v1-test"
  },
  "spec": {
    "ports": [
      {
        "protocol": "TCP",
        "port": 80,
        "targetPort": 80
      }
    ]
  }
}
__EOF__`);
  t.getObjectAssert('services', ITEMS, 'kubernetes:redis-master:service-.*-test:');
  // ### Identity
  const v1Test = t.output('kubectl get service service-v1-test -o json');
  t.succeeds(`kubectl replace -f - <<'__EOF__'\n${v1Test}__EOF__`);

  // ### Delete services by id
  t.succeeds('kubectl delete service redis-master');
  t.succeeds('kubectl delete service "service-v1-test"');
  t.getObjectAssert('services', ITEMS, 'kubernetes:');

  // ### Create two services
  t.succeeds(`kubectl create -f ${REDIS_MASTER}`);
  t.succeeds(`kubectl create -f ${REDIS_SLAVE}`);
  t.getObjectAssert('services', ITEMS, 'kubernetes:redis-master:redis-slave:');
  // ### Custom columns can be specified
  t.ifHasString(t.output('kubectl get services -o=custom-columns=NAME:.metadata.name,RSRC:.metadata.resourceVersion'), 'redis-master');
  // ### Delete multiple services at once
  t.succeeds('kubectl delete services redis-master redis-slave');
  t.getObjectAssert('services', ITEMS, 'kubernetes:');

  // ### Create an ExternalName service
  t.succeeds('kubectl create service externalname beep-boop --dry-run=client --external-name bar.com');
  t.succeeds('kubectl create service externalname beep-boop --dry-run=server --external-name bar.com');
  t.getObjectAssert('services', ITEMS, 'kubernetes:');
  t.succeeds('kubectl create service externalname beep-boop --external-name bar.com');
  t.getObjectAssert('services', ITEMS, 'beep-boop:kubernetes:');
  // ### Delete beep-boop service by id
  t.succeeds('kubectl delete service beep-boop');
  t.getObjectAssert('services', ITEMS, 'kubernetes:');

  // ### Create pod and service
  t.getObjectAssert('pods', ITEMS, '');
  t.succeeds('kubectl run testmetadata --image=nginx --port=80 --expose --dry-run=client');
  t.succeeds('kubectl run testmetadata --image=nginx --port=80 --expose --dry-run=server');
  t.getObjectAssert('services', ITEMS, 'kubernetes:');
  t.succeeds('kubectl run testmetadata --image=nginx --port=80 --expose');
  t.getObjectAssert('pods', ITEMS, 'testmetadata:');
  t.getObjectAssert('service testmetadata', `{{${PORT_FIELD}}}`, '80');
  t.ifHasString(t.output("kubectl get pod testmetadata -o=jsonpath='{.metadata.managedFields[*].manager}'"), 'kubectl-run');

  // ### Expose pod as a new service
  t.succeeds(`kubectl expose pod testmetadata  --port=1000 --target-port=80 --type=NodePort --name=exposemetadata --overrides='{ "metadata": { "annotations": { "zone-context": "work" } } } '`);
  t.getObjectAssert('service exposemetadata', '{{.metadata.annotations}}', 'map\\[zone-context:work\\]');
  t.ifHasString(t.output("kubectl get service exposemetadata -o=jsonpath='{.metadata.managedFields[*].manager}'"), 'kubectl-expose');

  // Clean-Up
  t.succeeds('kubectl delete service exposemetadata testmetadata');
  t.succeeds('kubectl delete pod testmetadata');
}

export const KUBECTL_GROUPS: readonly KubectlGroup[] = [
  { file: 'test/cmd/core.sh', fn: 'run_pod_tests', run: runPodTests },
  { file: 'test/cmd/delete.sh', fn: 'run_kubectl_delete_allnamespaces_tests', run: runKubectlDeleteAllnamespacesTests },
  { file: 'test/cmd/template-output.sh', fn: 'run_template_output_tests', run: runTemplateOutputTests },
  { file: 'test/cmd/save-config.sh', fn: 'run_save_config_tests', run: runSaveConfigTests },
  { file: 'test/cmd/core.sh', fn: 'run_service_tests', run: runServiceTests },
  { file: 'test/cmd/exec.sh', fn: 'run_kubectl_exec_pod_tests', run: runKubectlExecPodTests },
  { file: 'test/cmd/exec.sh', fn: 'run_kubectl_exec_resource_name_tests', run: runKubectlExecResourceNameTests },
  { file: 'test/cmd/apps.sh', fn: 'run_rs_tests', run: runRsTests },
  { file: 'test/cmd/wait.sh', fn: 'run_wait_tests', run: runWaitTests },
  { file: 'test/cmd/rbac.sh', fn: 'run_clusterroles_tests', run: runClusterrolesTests },
  { file: 'test/cmd/rbac.sh', fn: 'run_role_tests', run: runRoleTests },
  { file: 'test/cmd/get.sh', fn: 'run_kubectl_get_tests', run: runKubectlGetTests },
  { file: 'test/cmd/batch.sh', fn: 'run_job_tests', run: runJobTests },
  { file: 'test/cmd/apps.sh', fn: 'run_daemonset_tests', run: runDaemonsetTests },
  { file: 'test/cmd/apps.sh', fn: 'run_daemonset_history_tests', run: runDaemonsetHistoryTests },
  { file: 'test/cmd/apps.sh', fn: 'run_statefulset_history_tests', run: runStatefulsetHistoryTests },
  { file: 'test/cmd/create.sh', fn: 'run_kubectl_create_dry_run_tests', run: runKubectlCreateDryRunTests },
  { file: 'test/cmd/create.sh', fn: 'run_create_job_tests', run: runCreateJobTests },
  { file: 'test/cmd/create.sh', fn: 'run_kubectl_create_filter_tests', run: runKubectlCreateFilterTests },
  { file: 'test/cmd/create.sh', fn: 'run_kubectl_create_error_tests', run: runKubectlCreateErrorTests },
  { file: 'test/cmd/create.sh', fn: 'run_kubectl_create_kustomization_directory_tests', run: runKubectlCreateKustomizationDirectoryTests },
  { file: 'test/cmd/core.sh', fn: 'run_rc_tests', run: runRcTests },
  { file: 'test/cmd/apps.sh', fn: 'run_deployment_tests', run: runDeploymentTests },
  { file: 'test/cmd/apply.sh', fn: 'run_kubectl_server_side_apply_tests', run: runKubectlServerSideApplyTests },
  { file: 'test/cmd/apply.sh', fn: 'run_kubectl_apply_tests', run: runKubectlApplyTests },
];

/** Groups that wait for a component the simulator does not run yet, and which. */
export const PENDING_GROUPS: readonly { readonly file: string; readonly fn: string; readonly waitsFor: string }[] = [];
