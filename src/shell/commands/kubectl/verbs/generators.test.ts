/**
 * The generators and flags upstream's test/cmd groups reach for: create quota, secret
 * docker-registry, service externalname, replace --save-config, get -f, config view's printers.
 */
import { describe, expect, it } from 'vitest';
import { bootedCluster } from '../../../../sim/cluster';
import { base64Decode, utf8Text } from '../../../../sim/base64';
import { Shell, type TranscriptEntry } from '../../../shell';

const CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
data:
  k: v
`;

function play(script: string): TranscriptEntry[] {
  const shell = new Shell(bootedCluster({ seed: 1 }), { interactive: false, readFile: (p) => (p === 'cm.yaml' ? CM : (() => { throw new Error('ENOENT'); })()) });
  const outcome = shell.run(script);
  if (outcome.kind !== 'ran') throw new Error(outcome.kind);
  return outcome.entries;
}

describe('more generators', () => {
  it('create clusterrole --aggregation-rule: a selector and no rules, and never with rules of its own', () => {
    const [r, refused] = play("kubectl create clusterrole agg --aggregation-rule=foo1=foo2 --dry-run=client -o jsonpath='{.aggregationRule.clusterRoleSelectors[0].matchLabels.foo1} {.rules}'\nkubectl create clusterrole agg --aggregation-rule=foo1=foo2 --verb=get");
    expect(r?.stdout).toBe('foo2 ');
    expect(refused).toMatchObject({ exitCode: 1, stderr: 'error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames\n' });
  });

  it('create role --resource-name, and RESOURCE.GROUP/SUBRESOURCE named in the refusal as create_role.go names it', () => {
    const [r, a, b] = play("kubectl create role r --verb=get --resource=pods --resource-name=foo --dry-run=client -o jsonpath='{.rules[0].resourceNames}'\nkubectl create role x --verb=get --resource=rs.invalid-group/scale\nkubectl create role x --verb=get --resource=nothing");
    expect(r?.stdout).toBe('["foo"]');
    expect(a?.stderr).toBe('error: the server doesn\'t have a resource type "rs" in group "invalid-group"\n');
    expect(b?.stderr).toBe('error: the server doesn\'t have a resource type "nothing"\n');
  });

  it('create deployment: the words after -- are the container command, as create_deployment.go sets it', () => {
    const [r] = play("kubectl create deployment web --image=busybox --port=80 --dry-run=client -o jsonpath='{.spec.template.spec.containers[0].command} {.spec.template.spec.containers[0].ports[0].containerPort}' -- sleep 3600");
    expect(r?.stdout).toBe('["sleep","3600"] 80');
  });

  it('create deployment refuses a command with several images', () => {
    expect(play('kubectl create deployment web --image=busybox --image=nginx -- sleep 1')[0]).toMatchObject({ exitCode: 1, stderr: 'error: cannot specify multiple --image options and command\n' });
  });

  it('create quota: --hard pairs and --scopes', () => {
    const [r] = play('kubectl create quota q --hard=cpu=1,pods=2 --scopes=BestEffort --dry-run=client -o json');
    expect(JSON.parse(r?.stdout ?? '')).toEqual({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { creationTimestamp: null, name: 'q' }, spec: { hard: { cpu: '1', pods: '2' }, scopes: ['BestEffort'] }, status: {} });
    const [made, got] = play("kubectl create quota q --hard=pods=2\nkubectl get quota q -o jsonpath='{.spec.hard.pods}'");
    expect([made?.stdout, got?.stdout]).toEqual(['resourcequota/q created\n', '2']);
  });

  it('create quota refuses a --hard pair without =', () => {
    expect(play('kubectl create quota q --hard=cpu')[0]).toMatchObject({ exitCode: 1, stderr: 'error: invalid argument "cpu", expected <resourceName>=<quantity>\n' });
  });

  it('create secret docker-registry: a dockerconfigjson secret', () => {
    const [r] = play("kubectl create secret docker-registry reg --docker-username user --docker-password pass --docker-email a@b.c --dry-run=client -o jsonpath='{.type} {.data.\\.dockerconfigjson}'");
    const [type, data] = (r?.stdout ?? '').split(' ');
    expect(type).toBe('kubernetes.io/dockerconfigjson');
    expect(JSON.parse(utf8Text(base64Decode(data ?? '') ?? new Uint8Array()))).toEqual({ auths: { 'https://index.docker.io/v1/': { username: 'user', password: 'pass', email: 'a@b.c', auth: 'dXNlcjpwYXNz' } } });
  });

  it('create secret docker-registry needs a username and a password', () => {
    expect(play('kubectl create secret docker-registry reg --docker-username user')[0]).toMatchObject({
      exitCode: 1,
      stderr: 'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n',
    });
  });

  it('create service externalname needs no port, and needs --external-name', () => {
    const [r] = play("kubectl create service externalname ext --external-name=example.com\nkubectl get svc ext -o jsonpath='{.spec.type} {.spec.externalName}'");
    expect(r?.stdout).toBe('service/ext created\n');
    expect(play("kubectl create service externalname ext --external-name=example.com\nkubectl get svc ext -o jsonpath='{.spec.type} {.spec.externalName}'")[1]?.stdout).toBe('ExternalName example.com');
    expect(play('kubectl create service externalname ext')[0]).toMatchObject({ exitCode: 1, stderr: 'error: required flag(s) "external-name" not set\n' });
  });
});

describe('replace --save-config, get -f, config view', () => {
  it('replace --save-config writes the last-applied annotation', () => {
    const entries = play("kubectl create -f cm.yaml\nkubectl replace -f cm.yaml --save-config\nkubectl get cm cm -o go-template='{{index .metadata.annotations \"kubectl.kubernetes.io/last-applied-configuration\"}}'");
    expect(entries[1]?.stdout).toBe('configmap/cm replaced\n');
    expect(JSON.parse(entries[2]?.stdout ?? '')).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'cm' }, data: { k: 'v' } });
  });

  it('get -f reads the objects the file names from the server; a missing one is NotFound', () => {
    expect(play('kubectl get -f cm.yaml -o name')[0]).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): configmaps "cm" not found\n' });
    expect(play('kubectl create -f cm.yaml\nkubectl get -f cm.yaml -o name')[1]?.stdout).toBe('configmap/cm\n');
    expect(play('kubectl get -f nope.yaml')[0]?.exitCode).toBe(1);
  });

  it('config view prints yaml, or what -o / --template says', () => {
    const [yaml, tmpl, json] = play("kubectl config view\nkubectl config view --template='{{ .kind }}:'\nkubectl config view -o jsonpath='{.current-context}'");
    expect(yaml?.stdout).toContain('kind: Config\n');
    expect(tmpl?.stdout).toBe('Config:');
    expect(json?.stdout).toBe('kubernetes-admin@kubearch');
  });
});

describe('run --expose and --overrides (run.go, override_options.go)', () => {
  it('run --expose creates a Service selecting the pod, printed before the pod', () => {
    const [r, svc] = play("kubectl run web --image=nginx --port=80 --expose\nkubectl get svc web -o jsonpath='{.spec.selector.run} {.spec.ports[0].port} {.spec.ports[0].targetPort}'");
    expect(r?.stdout).toBe('service/web created\npod/web created\n');
    expect(svc?.stdout).toBe('web 80 80');
  });

  it('run --expose without --port is a usage error and creates nothing', () => {
    const [r, pods] = play('kubectl run web --image=nginx --expose\nkubectl get pods -o name');
    expect(r).toMatchObject({ exitCode: 1, stderr: "error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n" });
    expect(pods?.stdout).toBe('');
  });

  it('--overrides merges into the generated object; a strategic one merges containers by name', () => {
    const [, labels] = play(`kubectl run web --image=nginx --overrides='{"metadata":{"labels":{"tier":"front"}}}'\nkubectl get pod web -o jsonpath='{.metadata.labels}'`);
    expect(labels?.stdout).toBe('{"run":"web","tier":"front"}');
    const [, image] = play(`kubectl run web --image=nginx --override-type=strategic --overrides='{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}'\nkubectl get pod web -o jsonpath='{.spec.containers[*].image}'`);
    expect(image?.stdout).toBe('nginx:1.27');
    const [, , note] = play(`kubectl run web --image=nginx\nkubectl expose pod web --port=80 --overrides='{"metadata":{"annotations":{"zone":"work"}}}'\nkubectl get svc web -o jsonpath='{.metadata.annotations.zone}'`);
    expect(note?.stdout).toBe('work');
  });

  it('refuses an unknown override type and a document that is not JSON, creating nothing', () => {
    const [bad, notJson, pods] = play(`kubectl run web --image=nginx --override-type=xml --overrides='{}'\nkubectl run web --image=nginx --overrides='{nope'\nkubectl get pods -o name`);
    expect(bad).toMatchObject({ exitCode: 1, stderr: 'error: invalid override type: xml\n' });
    expect(notJson).toMatchObject({ exitCode: 1, stderr: 'error: Invalid JSON Patch\n' });
    expect(pods?.stdout).toBe('');
  });
});

describe('config set-context --namespace', () => {
  it('sets the namespace the next commands use; given empty, clears it back to default (clientcmd)', () => {
    const [, , inTeam, , cleared] = play(
      'kubectl create namespace team\nkubectl config set-context --current --namespace=team\nkubectl run a --image=nginx -o jsonpath={.metadata.namespace}\nkubectl config set-context --current --namespace=""\nkubectl run b --image=nginx -o jsonpath={.metadata.namespace}',
    );
    expect(inTeam?.stdout).toBe("team");
    expect(cleared?.stdout).toBe('default');
  });
});
