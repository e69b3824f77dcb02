/**
 * The files test/cmd/create.sh reads beyond those of fixtures.ts, under upstream's paths:
 * hack/testdata/filter, a directory of two pods that `create -l unique-label=bingbang -f` filters.
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

export const CREATE_FIXTURES: Readonly<Record<string, string>> = {
  'hack/testdata/filter/pod-apply-selector.yaml': filterPod('selector-test-pod', 'bingbang'),
  'hack/testdata/filter/pod-dont-apply.yaml': filterPod('selector-test-pod-dont-apply', 'biz'),
};
