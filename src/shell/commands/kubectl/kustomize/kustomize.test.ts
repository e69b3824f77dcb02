/**
 * `kubectl kustomize` and `-k` through kubectl itself, against kustomize's own expectations
 * (sigs.k8s.io/kustomize api/krusty *_test.go, cited per case) and hack/testdata/kustomize.
 */
import { describe, expect, it } from 'vitest';
import { playWithFiles } from '../files-shell.test-helpers';

const play = (files: Record<string, string>, ...lines: string[]) => playWithFiles(files, ...lines);
const build = (files: Record<string, string>, dir = 'app') => {
  const [entry] = play(files, `kubectl kustomize ${dir}`);
  return entry as NonNullable<typeof entry>;
};

/** hack/testdata/kustomize (kubernetes test/cmd's fixture). */
export const HACK_KUSTOMIZE: Record<string, string> = {
  'k/kustomization.yaml': 'nameprefix: test-\nresources:\n- deployment.yaml\n- service.yaml\n- configmap.yaml\n',
  'k/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: the-map\ndata:\n  altGreeting: "Good Morning!"\n  enableRisky: "false"\n',
  'k/service.yaml':
    'kind: Service\napiVersion: v1\nmetadata:\n  name: the-service\nspec:\n  selector:\n    deployment: hello\n  type: LoadBalancer\n  ports:\n  - protocol: TCP\n    port: 8666\n    targetPort: 8080\n',
  'k/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: the-deployment\n  labels:\n    deployment: hello\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      deployment: hello\n  template:\n    metadata:\n      labels:\n        deployment: hello\n    spec:\n      containers:\n      - name: the-container\n        image: monopole/hello:1\n        env:\n        - name: ALT_GREETING\n          valueFrom:\n            configMapKeyRef:\n              name: the-map\n              key: altGreeting\n',
};

describe('kubectl kustomize', () => {
  it("generates ConfigMaps and Secrets with the hasher's suffix (krusty configmaps_test.go TestGeneratorBasics)", () => {
    const r = build({
      'app/kustomization.yaml':
        'namePrefix: blah-\nconfigMapGenerator:\n- name: bob\n  literals:\n  - fruit=apple\n  - vegetable=broccoli\n  envs:\n  - foo.env\n  files:\n  - passphrase=phrase.dat\n  - forces.txt\n- name: json\n  literals:\n  - \'v2=[{"path": "var/druid/segment-cache"}]\'\n  - >- \n    druid_segmentCache_locations=[{"path": \n    "var/druid/segment-cache", \n    "maxSize": 32000000000, \n    "freeSpacePercent": 1.0}]\nsecretGenerator:\n- name: bob\n  literals:\n  - fruit=apple\n  - vegetable=broccoli\n  envs:\n  - foo.env\n  files:\n  - passphrase=phrase.dat\n  - forces.txt\n',
      'app/foo.env': '\nMOUNTAIN=everest\nOCEAN=pacific\n',
      'app/phrase.dat': '\nLife is short.\nBut the years are long.\nNot while the evil days come not.\n',
      'app/forces.txt': '\ngravitational\nelectromagnetic\nstrong nuclear\nweak nuclear\n',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('kind: ConfigMap\nmetadata:\n  name: blah-bob-d87t8m8tgm\n');
    expect(r.stdout).toContain(
      '  druid_segmentCache_locations: \'[{"path":  "var/druid/segment-cache",  "maxSize": 32000000000,  "freeSpacePercent": 1.0}]\'\n  v2: \'[{"path": "var/druid/segment-cache"}]\'\nkind: ConfigMap\nmetadata:\n  name: blah-json-5298bc8g99\n',
    );
    expect(r.stdout).toContain('  vegetable: YnJvY2NvbGk=\nkind: Secret\nmetadata:\n  name: blah-bob-ftht6hfgmb\ntype: Opaque\n');
  });

  // The krusty test builds without the legacy sort; kubectl sorts, so cm-o2 comes first here.
  it('merges generators across overlays, leaving labels and annotations set (TestConfigMapGeneratorMergeNamePrefix)', () => {
    const r = build({
      'app/base/kustomization.yaml': 'configMapGenerator:\n- name: cm\n  behavior: create\n  literals:\n  - foo=bar\n',
      'app/o1/kustomization.yaml': 'resources:\n- ../base\nnamePrefix: o1-\n',
      'app/o2/kustomization.yaml': 'resources:\n- ../base\nnameSuffix: -o2\n',
      'app/kustomization.yaml':
        'resources:\n- o1\n- o2\nconfigMapGenerator:\n- name: o1-cm\n  behavior: merge\n  literals:\n  - big=bang\n- name: cm-o2\n  behavior: merge\n  literals:\n  - big=crunch\n',
    });
    expect(r.stdout).toBe(
      'apiVersion: v1\ndata:\n  big: crunch\n  foo: bar\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  labels: {}\n  name: cm-o2-5k95kd76ft\n---\napiVersion: v1\ndata:\n  big: bang\n  foo: bar\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  labels: {}\n  name: o1-cm-ft9mmdc8c6\n',
    );
  });

  it('sorts by the legacy order and writes keys sorted (legacy_order_test.go TestIssue4388)', () => {
    const r = build({
      'app/kustomization.yaml': 'resources:\n- resources.yaml\n',
      'app/resources.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: testing-one\ndata:\n  key: value\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: testing\ndata:\n  key: value\n',
    });
    expect(r.stdout.match(/^kind: .*|^ {2}name: .*/gm)).toEqual([
      'kind: Namespace',
      '  name: ns',
      'kind: ConfigMap',
      '  name: testing',
      'kind: ConfigMap',
      '  name: testing-one',
      'kind: Deployment',
      '  name: d',
    ]);
  });

  it('prefixes names and rewrites the references to them, as hack/testdata/kustomize does', () => {
    const r = build(HACK_KUSTOMIZE, 'k');
    expect(r.stdout).toContain('name: test-the-map\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: test-the-service\n');
    expect(r.stdout).toContain('            configMapKeyRef:\n              key: altGreeting\n              name: test-the-map\n');
  });

  it('sets the namespace, labels into selectors and templates, annotations, images and replicas', () => {
    const r = build({
      'app/kustomization.yaml':
        'namespace: prod\ncommonLabels:\n  app: web\nlabels:\n- pairs:\n    team: a\ncommonAnnotations:\n  note: x\nimages:\n- name: nginx\n  newName: registry.k8s.io/nginx\n  newTag: "1.27"\nreplicas:\n- name: web\n  count: 5\nresources:\n- web.yaml\n- ns.yaml\n',
      'app/web.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      run: web\n  template:\n    metadata:\n      labels:\n        run: web\n    spec:\n      containers:\n      - name: c\n        image: nginx:1.25\n',
      'app/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n',
    });
    expect(r.stdout).toBe(
      [
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  annotations:\n    note: x\n  labels:\n    app: web\n    team: a\n  name: prod\n',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n    note: x\n  labels:\n    app: web\n    team: a\n  name: web\n  namespace: prod\nspec:\n  replicas: 5\n  selector:\n    matchLabels:\n      app: web\n      run: web\n  template:\n    metadata:\n      annotations:\n        note: x\n      labels:\n        app: web\n        run: web\n    spec:\n      containers:\n      - image: registry.k8s.io/nginx:1.27\n        name: c\n',
      ].join('---\n'),
    );
  });

  it('applies strategic merge and JSON 6902 patches, with and without a target', () => {
    const r = build({
      'app/kustomization.yaml':
        'resources:\n- web.yaml\npatches:\n- path: more.yaml\n- target:\n    kind: Deployment\n    name: w.*\n  patch: |-\n    - op: replace\n      path: /spec/template/spec/containers/0/image\n      value: nginx:2\n    - op: add\n      path: /metadata/labels\n      value: {patched: "yes"}\n',
      'app/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: nginx\n',
      'app/more.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n      - name: sidecar\n        image: busybox\n',
    });
    expect(r.stdout).toBe(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    patched: "yes"\n  name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n      - image: nginx:2\n        name: c\n      - image: busybox\n        name: sidecar\n',
    );
  });

  it('refuses a JSON patch without a target, and one that does not apply', () => {
    const files = { 'app/web.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n' };
    const patch = '- op: remove\n  path: /data/x\n';
    expect(build({ ...files, 'app/p.yaml': patch, 'app/kustomization.yaml': 'resources:\n- web.yaml\npatches:\n- path: p.yaml\n' }).stderr).toBe(
      `error: must specify a target for JSON patch ${patch}`,
    );
    expect(build({ ...files, 'app/p.yaml': patch, 'app/kustomization.yaml': 'resources:\n- web.yaml\npatches:\n- path: p.yaml\n  target:\n    kind: ConfigMap\n' }).stderr).toMatch(
      /^error: unable to apply JSON patch to ConfigMap\.v1\.\[noGrp\]\/web\.\[noNs\]: /,
    );
  });

  it("refuses an unknown field, a missing kustomization and a missing resource in kustomize's words", () => {
    expect(build({ 'app/kustomization.yaml': 'resources: []\nprefix: x-\n' }).stderr).toBe('error: invalid Kustomization: json: unknown field "prefix"\n');
    expect(build({ 'app/other.yaml': 'a: b\n' }).stderr).toBe("error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory 'app'\n");
    expect(build({ 'app/kustomization.yaml': 'resources:\n- gone.yaml\n' }).stderr).toBe(
      "error: accumulating resources: accumulation err='accumulating resources from 'gone.yaml': evalsymlink failure on 'app/gone.yaml' : lstat app/gone.yaml: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on 'app/gone.yaml' : lstat app/gone.yaml: no such file or directory\n",
    );
    expect(build({ 'app/kustomization.yaml': 'resources: deployment.yaml\n' }).stderr).toBe(
      'error: invalid Kustomization: json: cannot unmarshal string into Go struct field Kustomization.resources of type []string\n',
    );
    expect(build({ 'app/kustomization.yaml': 'replicas:\n- name: nope\n  count: 2\nresources: []\n' }).stderr).toBe(
      'error: resource with name nope does not match a config with the following GVK [Deployment.[noVer].[noGrp] ReplicationController.[noVer].[noGrp] ReplicaSet.[noVer].[noGrp] StatefulSet.[noVer].[noGrp]]\n',
    );
    expect(build({ 'app/kustomization.yaml': 'patches:\n- patch: |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: nope\nresources: []\n' }).stderr).toBe(
      'error: no resource matches strategic merge patch "ConfigMap.v1.[noGrp]/nope.[noNs]": no matches for Id ConfigMap.v1.[noGrp]/nope.[noNs]; failed to find unique target for patch ConfigMap.v1.[noGrp]/nope.[noNs]\n',
    );
    expect(build({ 'app/kustomization.yaml': 'components:\n- c\n' }).stderr).toBe("error: the kustomization field 'components' is not simulated\n");
  });

  it("refuses bad kustomizations, generators and patches in kustomize's words", () => {
    const err = (k: string, extra: Record<string, string> = {}) => build({ 'app/kustomization.yaml': k, ...extra }).stderr;
    const cm = { 'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' };
    expect(err('kind: Pod\nresources: []\n')).toBe('error: Failed to read kustomization file under app:\nkind should be Kustomization or Component\n');
    expect(err('apiVersion: v1\nresources: []\n')).toBe('error: Failed to read kustomization file under app:\napiVersion for  should be kustomize.config.k8s.io/v1beta1\n');
    expect(err('kind: Component\nresources: []\n')).toBe("error: expected kind 'Kustomization' for path 'app' but got 'Component'\n");
    expect(err('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n')).toBe('error: kustomization.yaml is empty\n');
    expect(err('configMapGenerator:\n- name: x\n  literals:\n  - novalue\n')).toBe('error: loading KV pairs: invalid literal source novalue, expected key=value\n');
    expect(err('configMapGenerator:\n- name: x\n  literals:\n  - a=1\n  - a=2\n')).toBe('error: configmap x illegally repeats the key `a`\n');
    expect(err('configMapGenerator:\n- name: x\n  literals:\n  - a b=1\n')).toMatch(/^error: "a b" is not a valid key name for a ConfigMap: /);
    expect(err('configMapGenerator:\n- literals:\n  - a=1\n')).toBe('error: a configMapGenerator entry must have a name\n');
    expect(err('configMapGenerator:\n- name: x\n  behavior: upsert\n')).toBe("error: unknown generator behavior 'upsert'\n");
    expect(err('configMapGenerator:\n- name: x\n  files:\n  - gone.txt\n')).toBe("error: evalsymlink failure on 'app/gone.txt' : lstat app/gone.txt: no such file or directory\n");
    expect(err('configMapGenerator:\n- name: x\n  envs:\n  - e.env\n', { 'app/e.env': '1BAD=x\n' })).toMatch(
      /^error: loading KV pairs: env source files: \[e.env\]: "1BAD" is not a valid key name/,
    );
    expect(err('resources:\n- cm.yaml\nconfigMapGenerator:\n- name: a\n  literals:\n  - k=v\n', cm)).toBe(
      'error: id "ConfigMap.v1.[noGrp]/a.[noNs]" exists; behavior must be merge or replace\n',
    );
    expect(err('configMapGenerator:\n- name: a\n  behavior: merge\n  literals:\n  - k=v\n')).toBe(
      'error: id "ConfigMap.v1.[noGrp]/a.[noNs]" does not exist; cannot merge or replace\n',
    );
    expect(err('resources:\n- cm.yaml\n- cm.yaml\n', cm)).toBe('error: may not add resource with an already registered id: ConfigMap.v1.[noGrp]/a.[noNs]\n');
    expect(err('resources:\n- bad.yaml\n', { 'app/bad.yaml': 'kind: [\n' })).toMatch(
      /^error: accumulating resources: accumulating resources from 'bad.yaml': MalformedYAMLError: yaml: /,
    );
    expect(err('resources:\n- sub\n', { 'app/sub/kustomization.yaml': 'resources:\n- ..\n' })).toMatch(/cycle detected/);
    expect(err('resources:\n- cm.yaml\npatches:\n- path: cm.yaml\n  patch: "x: y"\n', cm)).toBe("error: patch and path can't be set at the same time\n");
    expect(err('resources:\n- cm.yaml\npatches:\n- target:\n    kind: ConfigMap\n', cm)).toBe('error: must specify one of patch and path\n');
    expect(err('resources:\n- cm.yaml\npatches:\n- patch: "just text"\n', cm)).toBe('error: unable to parse SM or JSON patch from just text\n');
    expect(err('resources:\n- cm.yaml\npatches:\n- patch: "data: {a: b}"\n  target:\n    labelSelector: "a in"\n', cm)).toMatch(/^error: unable to parse requirement/);
    expect(play({}, 'kubectl kustomize a b')[0]?.stderr).toBe('error: specify one path to kustomization.yaml\n');
  });

  it('warns of deprecated fields on standard error', () => {
    const r = build({ 'app/kustomization.yaml': 'bases:\n- cm.yaml\n', 'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' });
    expect(r.stderr).toBe("# Warning: 'bases' is deprecated. Please use 'resources' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n");
    expect(r.stdout).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
  });
});

describe('-k DIR', () => {
  it('creates, gets and deletes the objects of a kustomization', () => {
    const [created, got, deleted, after] = play(HACK_KUSTOMIZE, 'kubectl create -k k', 'kubectl get -k k -o name', 'kubectl delete -k k', 'kubectl get cm test-the-map');
    expect(created?.stdout).toBe('configmap/test-the-map created\nservice/test-the-service created\ndeployment.apps/test-the-deployment created\n');
    expect(got?.stdout).toBe('configmap/test-the-map\nservice/test-the-service\ndeployment.apps/test-the-deployment\n');
    expect(deleted?.stdout).toBe('configmap "test-the-map" deleted\nservice "test-the-service" deleted\ndeployment.apps "test-the-deployment" deleted\n');
    expect(after?.stderr).toBe('Error from server (NotFound): configmaps "test-the-map" not found\n');
  });

  it('applies a kustomization', () => {
    const [applied] = play(HACK_KUSTOMIZE, 'kubectl apply -k k');
    expect(applied?.stdout).toBe('configmap/test-the-map created\nservice/test-the-service created\ndeployment.apps/test-the-deployment created\n');
  });

  it('refuses -k with -f or -R, as FilenameOptions.validate does', () => {
    const [both, recursive] = play(HACK_KUSTOMIZE, 'kubectl apply -k k -f k/service.yaml', 'kubectl delete -k k -R');
    expect(both?.stderr).toBe('error: only one of -f or -k can be specified\n');
    expect(recursive?.stderr).toBe("error: the -k flag can't be used with -f or -R\n");
  });
});
