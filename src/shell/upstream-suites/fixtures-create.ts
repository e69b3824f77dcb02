/**
 * The files test/cmd/create.sh and apply.sh read beyond those of fixtures.ts, under upstream's
 * paths: hack/testdata/filter, a directory of two pods that `-l unique-label=bingbang` filters,
 * and hack/testdata/prune, the pods and service `apply --prune` prunes.
 */

/** A pause pod NAME with LABELS, in NAMESPACE when given: the filter and prune files' pods. */
function pausePod(name: string, labels: Readonly<Record<string, string>>, namespace?: string): string {
  const labelLines = Object.entries(labels).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`).join('');
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}  labels:
${labelLines}spec:
  containers:
  - name: kubernetes-pause
    image: registry.k8s.io/pause:3.10
`;
}

const PRUNE_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: prune-svc
  labels:
    prune-group: "true"
spec:
  selector:
    prune-group-nomatch: "true"
  ports:
  - port: 80
    protocol: TCP
`;

export const CREATE_FIXTURES: Readonly<Record<string, string>> = {
  'hack/testdata/filter/pod-apply-selector.yaml': pausePod('selector-test-pod', { name: 'selector-test-pod', 'unique-label': 'bingbang' }),
  'hack/testdata/filter/pod-dont-apply.yaml': pausePod('selector-test-pod-dont-apply', { name: 'selector-test-pod-dont-apply', 'unique-label': 'biz' }),
  'hack/testdata/prune/a.yaml': pausePod('a', { 'prune-group': 'true' }),
  'hack/testdata/prune/b.yaml': pausePod('b', { 'prune-group': 'true' }, 'nsb'),
  'hack/testdata/prune/svc.yaml': PRUNE_SERVICE,
};
