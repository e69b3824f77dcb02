import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aggregateText, errorText, type FieldError } from '../field-errors';
import { defaultObject } from '../defaulting';
import { newInvalid } from '../../apiserver/status';
import type { KubeObject } from '../kube-object';
import { validateObject, validateObjectUpdate } from './index';
import { makePod, makeService } from '../../testing/builders';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, maxLenError } from './name-rules';

interface Vectors {
  name_rules: Record<string, { rule?: string; message?: string } | string>;
  pod_cases: { case: string; field_error: string }[];
}
const vectors = JSON.parse(readFileSync('reference/vectors/validation.json', 'utf8')) as Vectors;
const rule = (name: string): string => (vectors.name_rules[name] as { message: string }).message;

type Json = Record<string, unknown>;

function pod(containers: Json[], spec: Json = {}, name = 'web'): KubeObject {
  return defaultObject(makePod({ name, namespace: 'default', containers, spec }));
}

const texts = (errors: FieldError[]): string[] => errors.map(errorText);

/** The pods behind reference/vectors/validation.json's pod_cases. */
const POD_CASES: Record<string, KubeObject> = {
  'no containers': pod([]),
  'container without name': pod([{ image: 'nginx' }]),
  'container without image': pod([{ name: 'web' }]),
  "container name 'Web'": pod([{ name: 'Web', image: 'nginx' }]),
  "two containers named 'c'": pod([
    { name: 'c', image: 'nginx' },
    { name: 'c', image: 'busybox' },
  ]),
  "restartPolicy 'Sometimes'": pod([{ name: 'web', image: 'nginx' }], { restartPolicy: 'Sometimes' }),
  "imagePullPolicy 'Sometimes'": pod([{ name: 'web', image: 'nginx', imagePullPolicy: 'Sometimes' }]),
  "pod name 'My_Pod'": pod([{ name: 'web', image: 'nginx' }], {}, 'My_Pod'),
  'cpu request > limit': pod([{ name: 'web', image: 'nginx', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }]),
  'containerPort 0': pod([{ name: 'web', image: 'nginx', ports: [{ containerPort: 0 }] }]),
  'containerPort 70000': pod([{ name: 'web', image: 'nginx', ports: [{ containerPort: 70000 }] }]),
};

describe('pod validation (reference/vectors/validation.json pod_cases)', () => {
  it('has a pod for every case', () => expect(Object.keys(POD_CASES).sort()).toEqual(vectors.pod_cases.map((c) => c.case).sort()));
  it.each(vectors.pod_cases.map((c) => [c.case, c.field_error]))('%s -> %s', (name, expected) => {
    expect(texts(validateObject(POD_CASES[name] as KubeObject))).toContain(expected);
  });
  it('a valid pod has no errors', () => {
    expect(validateObject(pod([{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m' }, limits: { cpu: '0.5' } } }]))).toEqual([]);
  });
});

describe('name rules (reference/vectors/validation.json name_rules)', () => {
  it('pod names are DNS-1123 subdomains', () => {
    expect(isDNS1123Subdomain('My_Pod')).toEqual([rule('pod_name')]);
    expect(isDNS1123Subdomain('a.b-c')).toEqual([]);
    expect(isDNS1123Subdomain('a'.repeat(254))).toContain(maxLenError(253));
  });
  it('namespace and container names are DNS-1123 labels', () => {
    expect(isDNS1123Label('Web')).toEqual([rule('namespace_name')]);
    expect(isDNS1123Label('Web')).toEqual([rule('container_name')]);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
  it('service names are DNS-1035 labels', () => {
    expect(isDNS1035Label('1web')).toEqual([rule('service_name')]);
  });
  it('a missing name is required', () => {
    const errors = validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'default' } });
    expect(texts(errors)).toEqual([vectors.name_rules['name_required'] as string]);
  });
  it('namespace names are labels, with the label message', () => {
    const errors = validateObject(defaultObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Team_A' } }));
    expect(texts(errors)).toContain(`metadata.name: Invalid value: "Team_A": ${rule('namespace_name')}`);
  });
  it('service names are DNS-1035 labels', () => {
    const svc = defaultObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: '1web', namespace: 'default' }, spec: { ports: [{ port: 80 }] } });
    expect(texts(validateObject(svc))).toEqual([`metadata.name: Invalid value: "1web": ${rule('service_name')}`]);
  });
});

describe('error text as kubectl prints it', () => {
  it('one error: The Pod "x" is invalid: <error>', () => {
    const status = newInvalid({ group: '', kind: 'Pod' }, 'x', validateObject(pod([{ name: 'web' }], {}, 'x')));
    expect(`The ${status.status.message}`).toBe('The Pod "x" is invalid: spec.containers[0].image: Required value');
  });
  it('several errors are listed in brackets, in validation order', () => {
    const errors = validateObject(pod([{ name: 'Web' }]));
    expect(aggregateText(errors)).toBe(
      `[spec.containers[0].name: Invalid value: "Web": ${rule('container_name')}, spec.containers[0].image: Required value]`,
    );
  });
  it('label errors name the label key part', () => {
    const errors = validateObject(pod([{ name: 'web', image: 'nginx' }], {}, 'web'));
    expect(errors).toEqual([]);
    const labelled = { ...pod([{ name: 'web', image: 'nginx' }]), metadata: { name: 'web', namespace: 'default', labels: { 'app!': 'web' } } };
    expect(texts(validateObject(labelled))).toEqual([
      `metadata.labels: Invalid value: "app!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ]);
  });
});

describe('pod update', () => {
  const old: KubeObject = { ...pod([{ name: 'web', image: 'nginx:1.26' }]), metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '5', creationTimestamp: 't' } };
  it('may change the image', () => {
    const next = { ...old, spec: { ...(old['spec'] as Json), containers: [{ ...((old['spec'] as Json)['containers'] as Json[])[0], image: 'nginx:1.27' }] } };
    expect(validateObjectUpdate(next, old)).toEqual([]);
  });
  it('may not change anything else', () => {
    const next = { ...old, spec: { ...(old['spec'] as Json), nodeName: 'node-1' } };
    const [error] = texts(validateObjectUpdate(next, old));
    expect(error).toMatch(
      /^spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
    );
    expect(error).toContain('NodeName');
  });
  it('may not add containers', () => {
    const next = { ...old, spec: { ...(old['spec'] as Json), containers: [...((old['spec'] as Json)['containers'] as Json[]), { name: 'side', image: 'busybox', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' }] } };
    expect(texts(validateObjectUpdate(next, old))).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
  });
});

describe('deployment validation', () => {
  const deployment = (selector: unknown, labels: Record<string, string>): KubeObject =>
    defaultObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    });
  it('is valid when the selector matches the template', () => {
    expect(validateObject(deployment({ matchLabels: { app: 'web' } }, { app: 'web' }))).toEqual([]);
  });
  it('rejects a selector that does not match the template labels', () => {
    expect(texts(validateObject(deployment({ matchLabels: { app: 'web' } }, { app: 'api' })))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`',
    ]);
  });
  it('requires a selector (and a nil selector matches no template labels)', () => {
    const status = newInvalid({ group: 'apps', kind: 'Deployment' }, 'web', validateObject(deployment(undefined, { app: 'web' })));
    expect(status.status.message).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    );
  });
  it('rejects an empty selector', () => {
    expect(texts(validateObject(deployment({}, { app: 'web' })))).toContain(
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    );
  });
  it('rejects negative replicas', () => {
    const d = deployment({ matchLabels: { app: 'web' } }, { app: 'web' });
    expect(texts(validateObject({ ...d, spec: { ...(d['spec'] as Json), replicas: -1 } }))).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  });
  it('keeps the selector immutable', () => {
    const old = deployment({ matchLabels: { app: 'web' } }, { app: 'web' });
    const next = deployment({ matchLabels: { app: 'web', tier: 'x' } }, { app: 'web', tier: 'x' });
    expect(texts(validateObjectUpdate(next, old))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
  it('requires restartPolicy Always in the template', () => {
    const d = deployment({ matchLabels: { app: 'web' } }, { app: 'web' });
    const spec = d['spec'] as Json;
    const template = spec['template'] as Json;
    const bad = { ...d, spec: { ...spec, template: { ...template, spec: { ...(template['spec'] as Json), restartPolicy: 'Never' } } } };
    expect(texts(validateObject(bad))).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  });
});

describe('statefulset and daemonset validation', () => {
  const template = { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres' }] } };
  it('a StatefulSet name is a DNS label', () => {
    const sts = defaultObject({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db.v1', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'db' } }, template } });
    expect(texts(validateObject(sts))).toEqual(['metadata.name: Invalid value: "db.v1": must not contain dots']);
  });
  it('a StatefulSet spec may only change in replicas, ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds', () => {
    const sts = defaultObject({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'db' } }, template } });
    const next = { ...sts, spec: { ...(sts['spec'] as Json), serviceName: 'other' } };
    expect(texts(validateObjectUpdate(next, sts))).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
  it('a DaemonSet rolling update may not surge and be unavailable at once', () => {
    const ds = defaultObject({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'db' } }, template, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } },
    });
    expect(texts(validateObject(ds))).toEqual([
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
    ]);
  });
});

describe('job validation', () => {
  it('rejects restartPolicy Always', () => {
    const job = defaultObject({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default' },
      spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } },
    });
    expect(texts(validateObject(job))).toEqual(['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
  });
});

describe('service validation', () => {
  const svc = (spec: Json): KubeObject => defaultObject(makeService({ name: 'web', namespace: 'default', spec }));
  it('requires ports', () => expect(texts(validateObject(svc({ selector: { app: 'web' } })))).toEqual(['spec.ports: Required value']));
  it('requires names when there are several ports', () => {
    expect(texts(validateObject(svc({ ports: [{ port: 80 }, { port: 443 }] })))).toEqual(['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']);
  });
  it('rejects an unknown type', () => {
    expect(texts(validateObject(svc({ type: 'Internal', ports: [{ port: 80 }] })))).toEqual([
      'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
  });
  it('rejects a port out of range', () => {
    expect(texts(validateObject(svc({ ports: [{ port: 70000, targetPort: 80 }] })))).toEqual(['spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive']);
  });
  it('keeps an assigned clusterIP', () => {
    const old = svc({ ports: [{ port: 80 }], clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] });
    const next = svc({ ports: [{ port: 80 }], clusterIP: '10.96.0.11', clusterIPs: ['10.96.0.11'] });
    expect(texts(validateObjectUpdate(next, old))).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set']);
  });
});

describe('configmaps, secrets, quotas, limit ranges', () => {
  it('configmap keys', () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { 'a b': 'x', '..': 'y' } };
    expect(texts(validateObject(cm))).toEqual([
      `data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      `data[..]: Invalid value: "..": must not be '..'`,
    ]);
  });
  it('immutable configmaps keep their data', () => {
    const old: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: '1' }, immutable: true };
    expect(texts(validateObjectUpdate({ ...old, data: { a: '2' } }, old))).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
  });
  it('tls secrets need their keys', () => {
    const s = defaultObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type: 'kubernetes.io/tls', data: {} });
    expect(texts(validateObject(s))).toEqual(['data[tls.crt]: Required value', 'data[tls.key]: Required value']);
  });
  it('quota hard limits must be non-negative', () => {
    const q: KubeObject = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard: { pods: '-1', 'requests.cpu': '1' } } };
    expect(texts(validateObject(q))).toEqual(['spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0']);
  });
  it('limit range min must not exceed max', () => {
    const lr: KubeObject = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: 'default' }, spec: { limits: [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }] } };
    expect(texts(validateObject(lr))).toContain('spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1');
  });
});

describe('rbac validation', () => {
  const binding = (roleRef: Json): KubeObject =>
    defaultObject({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', namespace: 'default' }, roleRef, subjects: [{ kind: 'User', name: 'alice' }] });
  it('a binding to a Role is valid', () => expect(validateObject(binding({ kind: 'Role', name: 'reader' }))).toEqual([]));
  it('roleRef may not change', () => {
    const old = binding({ kind: 'Role', name: 'reader' });
    expect(texts(validateObjectUpdate(binding({ kind: 'Role', name: 'writer' }), old))).toEqual([
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"writer"}: cannot change roleRef',
    ]);
  });
  it('a ClusterRoleBinding may only reference a ClusterRole', () => {
    const crb = defaultObject({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { kind: 'Role', name: 'x' }, subjects: [] });
    expect(texts(validateObject(crb))).toEqual(['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"']);
  });
  it('rules need verbs, api groups and resources', () => {
    const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'default' }, rules: [{}] };
    expect(texts(validateObject(role))).toEqual([
      'rules[0].verbs: Required value: verbs must contain at least one value',
      'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
      'rules[0].resources: Required value: resource rules must supply at least one resource',
    ]);
  });
});

describe('generic kinds', () => {
  it('a cluster-scoped kind may not carry a namespace', () => {
    const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', namespace: 'default' } };
    expect(texts(validateObject(node))).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
  });
  it('a namespaced kind needs one', () => {
    const lease: KubeObject = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l' } };
    expect(texts(validateObject(lease))).toEqual(['metadata.namespace: Required value']);
  });
});
