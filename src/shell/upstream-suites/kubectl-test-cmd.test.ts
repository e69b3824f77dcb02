/**
 * kubectl's test/cmd groups (kubectl-groups.ts) played through the shell: every assertion a
 * group makes either holds, or is one of the known gaps listed here with the reason, so that a
 * regression and a fix both show. The counts printed at the end are the README's.
 */
import { describe, expect, it } from 'vitest';
import { UPSTREAM_FIXTURES } from './fixtures';
import { KUBECTL_GROUPS, PENDING_GROUPS } from './kubectl-groups';
import { tally, TestCmd, type AssertionResult } from './test-cmd';

/**
 * Assertions that do not hold yet, with why: each failure must match one of these, and each of
 * these must still match a failure (so that a fix is noticed and the gap taken off).
 */
const KNOWN_GAPS: readonly { readonly match: RegExp; readonly why: string }[] = [
  {
    match: /get all --chunk-size=0 has string \/apis\/autoscaling\/v1\/namespaces\/default\/horizontalpodautoscalers 200/,
    why: 'get.sh as stored here predates autoscaling/v2 becoming the preferred version, and we are right to list HPAs at v2: '
      + 'kube-apiserver 1.27+ registers autoscaling/v2 with APIService version priority 30 over v1\'s 15 '
      + '(cmd/kube-apiserver/app/aggregator.go apiVersionPriorities, lines 35-36: autoscaling/v1 {17500, 15}, autoscaling/v2 {17500, 30}; kubernetes PR 114358 '
      + '"Autoscaling: advance v2 as the preferred API version over v1", milestone v1.27), so discovery lists v2 first; '
      + 'kubectl\'s category expansion (client-go restmapper.discoveryCategoryExpander) yields the group and resource only, '
      + 'and the discovery RESTMapper maps them to the preferred version. test-cmd.sh\'s --runtime-config only enables '
      + 'versions, it does not reorder them. The same upstream change moved legacy-script.sh\'s hpa_cpu_field to '
      + '(index .spec.metrics 0).resource.target.averageUtilization, which the rc and deployment groups now use',
  },
  {
    match: /^kubectl get -f hack\/testdata\/pod\.yaml -o go-template='\{\{ \.metadata\.resourceVersion \}\}' has string \d+$/,
    why: 'the dry runs change nothing, but the simulated scheduler and kubelet bind and start the new pod meanwhile, each write a new resourceVersion; upstream\'s test cluster runs neither, so its pod stays as created',
  },
  {
    match: /^get configmaps \{\{range\.items\}\}\{\{\.metadata\.name\}\}:\{\{end\}\}: $/,
    why: 'every namespace here holds the kube-root-ca.crt ConfigMap that kube-controller-manager\'s root-ca-cert-publisher writes, as in a real cluster; apply.sh\'s multi-resource-2 step expects a namespace with no ConfigMaps at all (create.sh\'s kustomize group asserts by name instead)',
  },
  { match: /^kubectl expose nodes 127\.0\.0\.1 has string cannot expose/, why: 'upstream\'s test cluster has a node named 127.0.0.1; the simulated nodes are node-1..node-3, so the GET answers NotFound before expose can refuse the kind' },
  {
    match: /replace -f hack\/testdata\/pod\.yaml --save-config|^kubectl get pods test-pod -o yaml has string/,
    why: 'the PUT of the file\'s pod is refused: it lacks what ServiceAccount admission added at create (serviceAccountName, the token volume), and a pod\'s spec may not change on update. Not a kubectl gap: upstream\'s test-cmd apiserver runs without the ServiceAccount admission plugin (hack/make-rules/test-cmd.sh), the simulated one runs it as a real cluster does, and a real cluster refuses the same PUT',
  },
];

const counts: { group: string; passed: number; total: number }[] = [];
const gapsSeen = new Set<(typeof KNOWN_GAPS)[number]>();

describe('kubectl test/cmd groups', () => {
  it.each(KUBECTL_GROUPS.map((g) => [`${g.file} ${g.fn}`, g] as const))('%s', (name, group) => {
    const t = new TestCmd(UPSTREAM_FIXTURES).at(name);
    group.run(t);
    const failed = t.results.filter((r: AssertionResult) => !r.ok);
    counts.push({ group: name, ...tally(t.results) });
    if (process.env['SHOW_UPSTREAM_FAILURES']) for (const f of failed) console.log(`${name}\n  ${f.what}\n  got: ${(f.got ?? '').slice(0, 300)}`);
    if (process.env['DUMP_UPSTREAM_FAILURES']) console.log(`DUMP ${JSON.stringify({ [name]: failed.map((f) => f.what) })}`);
    const unexplained = failed.filter((f) => !KNOWN_GAPS.some((g) => g.match.test(f.what)));
    expect(unexplained.map((f) => `${f.what}\n  got: ${f.got ?? ''}`)).toEqual([]);
    for (const f of failed) gapsSeen.add(KNOWN_GAPS.find((g) => g.match.test(f.what)) as (typeof KNOWN_GAPS)[number]);
  });

  it('every known gap still shows (take it off when it is fixed)', () => {
    expect(KNOWN_GAPS.filter((g) => !gapsSeen.has(g)).map((g) => g.why)).toEqual([]);
  });

  it('names what each pending group waits for', () => {
    for (const g of PENDING_GROUPS) expect(g.waitsFor).not.toBe('');
    const passed = counts.reduce((n, c) => n + c.passed, 0);
    const total = counts.reduce((n, c) => n + c.total, 0);
    console.log(`kubectl test/cmd: ${counts.length} groups, ${passed}/${total} assertions hold; ${PENDING_GROUPS.length} groups pending\n${counts.map((c) => `  ${c.group}: ${c.passed}/${c.total}`).join('\n')}`);
  });
});
