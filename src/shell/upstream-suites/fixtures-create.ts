/**
 * The files test/cmd/create.sh and apply.sh read beyond those of fixtures.ts, under upstream's
 * paths: hack/testdata/filter, a directory of two pods that `-l unique-label=bingbang` filters,
 * and hack/testdata/prune, the pods and service `apply --prune` prunes.
 */

/** A pause pod named NAME with the label unique-label=UNIQUE, as both filter files are. */
function filterPod(name: string, unique: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    name: ${name}
    unique-label: ${unique}
spec:
  containers:
  - name: kubernetes-pause
    image: registry.k8s.io/pause:3.10
`;
}

/** A pause pod NAME labelled prune-group=true, in NAMESPACE when given. */
function prunePod(name: string, namespace?: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}  labels:
    prune-group: "true"
spec:
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
  'hack/testdata/filter/pod-apply-selector.yaml': filterPod('selector-test-pod', 'bingbang'),
  'hack/testdata/filter/pod-dont-apply.yaml': filterPod('selector-test-pod-dont-apply', 'biz'),
  'hack/testdata/prune/a.yaml': prunePod('a'),
  'hack/testdata/prune/b.yaml': prunePod('b', 'nsb'),
  'hack/testdata/prune/svc.yaml': PRUNE_SERVICE,
};
