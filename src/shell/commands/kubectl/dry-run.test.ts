import { describe, expect, it } from 'vitest';
import { bootedCluster } from '../../../sim/cluster';
import { Shell, type TranscriptEntry } from '../../shell';
import { dryRunStrategy } from './dry-run';
import { parseFlags } from './flags';
import { DRY_RUN_FLAG } from './dry-run';

/** Play `setup`, then `command`, then `readBack`; hand back the three last entries and the cluster. */
function play(setup: string, command: string, readBack: string) {
  const cluster = bootedCluster({ seed: 1 });
  const shell = new Shell(cluster, { interactive: false });
  const before = shell.run(setup);
  if (before.kind !== 'ran' || before.entries.some((e) => e.exitCode !== 0)) throw new Error(`setup failed: ${JSON.stringify(before)}`);
  const seen = cluster.apiserver.audit.recent(2000).length;
  const ran = shell.run(command);
  if (ran.kind !== 'ran') throw new Error(`not run: ${ran.kind}`);
  const requests = cluster.apiserver.audit.recent(2000).slice(seen).filter((r) => r.userAgent.startsWith('kubectl') || r.source === 'kubectl');
  const back = shell.run(readBack);
  if (back.kind !== 'ran') throw new Error(`not run: ${back.kind}`);
  return { result: ran.entries.at(-1) as TranscriptEntry, readBack: back.entries.at(-1) as TranscriptEntry, requests };
}

const CM = 'kubectl create configmap one --from-literal=k=v';
const DEPLOY = 'kubectl create deployment web --image=nginx --port=80';
const CM_YAML = (value: string) => `<<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: one
data:
  k: ${value}
EOF`;

interface Case {
  readonly verb: string;
  readonly setup: string;
  /** The command without --dry-run. */
  readonly command: string;
  /** The success line without the dry-run suffix. */
  readonly printed: string;
  readonly readBack: string;
  /** What the read-back prints when nothing changed. */
  readonly unchanged: string;
}

// Each mutating verb: its dry runs print kubectl's line with the suffix, and the object read back
// afterwards is as it was.
const CASES: readonly Case[] = [
  { verb: 'delete', setup: CM, command: 'kubectl delete configmap one', printed: 'configmap "one" deleted', readBack: 'kubectl get configmap one -o name', unchanged: 'configmap/one\n' },
  { verb: 'label', setup: CM, command: 'kubectl label configmap one a=b', printed: 'configmap/one labeled', readBack: "kubectl get configmap one -o jsonpath='{.metadata.labels}'", unchanged: '' },
  { verb: 'annotate', setup: CM, command: 'kubectl annotate configmap one a=b', printed: 'configmap/one annotated', readBack: "kubectl get configmap one -o jsonpath='{.metadata.annotations}'", unchanged: '' },
  { verb: 'patch', setup: CM, command: `kubectl patch configmap one -p '{"data":{"k":"w"}}'`, printed: 'configmap/one patched', readBack: "kubectl get configmap one -o jsonpath='{.data.k}'", unchanged: 'v' },
  { verb: 'replace', setup: CM, command: `kubectl replace -f - ${CM_YAML('w')}`, printed: 'configmap/one replaced', readBack: "kubectl get configmap one -o jsonpath='{.data.k}'", unchanged: 'v' },
  { verb: 'apply (configure)', setup: `kubectl apply -f - ${CM_YAML('v')}`, command: `kubectl apply -f - ${CM_YAML('w')}`, printed: 'configmap/one configured', readBack: "kubectl get configmap one -o jsonpath='{.data.k}'", unchanged: 'v' },
  { verb: 'apply (create)', setup: 'kubectl get ns default', command: `kubectl apply -f - ${CM_YAML('w')}`, printed: 'configmap/one created', readBack: 'kubectl get configmap -o name', unchanged: 'kube-root-ca.crt' },
  { verb: 'create -f', setup: 'kubectl get ns default', command: `kubectl create -f - ${CM_YAML('w')}`, printed: 'configmap/one created', readBack: 'kubectl get configmap -o name', unchanged: 'kube-root-ca.crt' },
  { verb: 'create generator', setup: 'kubectl get ns default', command: 'kubectl create configmap one --from-literal=k=w', printed: 'configmap/one created', readBack: 'kubectl get configmap -o name', unchanged: 'kube-root-ca.crt' },
  { verb: 'run', setup: 'kubectl get ns default', command: 'kubectl run p --image=nginx', printed: 'pod/p created', readBack: 'kubectl get pods -o name', unchanged: '' },
  { verb: 'scale', setup: DEPLOY, command: 'kubectl scale deployment web --replicas=3', printed: 'deployment.apps/web scaled', readBack: "kubectl get deployment web -o jsonpath='{.spec.replicas}'", unchanged: '1' },
  { verb: 'expose', setup: DEPLOY, command: 'kubectl expose deployment web', printed: 'service/web exposed', readBack: 'kubectl get services -o name', unchanged: 'service/kubernetes\n' },
  { verb: 'cordon', setup: 'kubectl get nodes', command: 'kubectl cordon node-1', printed: 'node/node-1 cordoned', readBack: "kubectl get node node-1 -o jsonpath='{.spec.unschedulable}'", unchanged: '' },
  { verb: 'uncordon', setup: 'kubectl cordon node-1', command: 'kubectl uncordon node-1', printed: 'node/node-1 uncordoned', readBack: "kubectl get node node-1 -o jsonpath='{.spec.unschedulable}'", unchanged: 'true' },
];

/** Put the flag before a here-document, which must end the line. */
function withFlag(command: string, flag: string): string {
  const doc = command.indexOf(' <<EOF');
  return doc < 0 ? `${command} ${flag}` : `${command.slice(0, doc)} ${flag}${command.slice(doc)}`;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('--dry-run on every mutating verb', () => {
  it.each(CASES)('$verb --dry-run=client prints "(dry run)", sends no write and changes nothing', (c) => {
    const { result, readBack, requests } = play(c.setup, withFlag(c.command, '--dry-run=client'), c.readBack);
    expect(result).toMatchObject({ exitCode: 0, stdout: `${c.printed} (dry run)\n`, stderr: '' });
    expect(requests.filter((r) => MUTATING.has(r.method))).toEqual([]);
    if (c.unchanged.endsWith('\n') || c.unchanged === '' || !c.readBack.endsWith('-o name')) expect(readBack.stdout).toBe(c.unchanged);
    else expect(readBack.stdout.trim()).toBe(`configmap/${c.unchanged}`);
  });

  it.each(CASES)('$verb --dry-run=server prints "(server dry run)", sends the write as a dry run and changes nothing', (c) => {
    const { result, readBack, requests } = play(c.setup, withFlag(c.command, '--dry-run=server'), c.readBack);
    expect(result).toMatchObject({ exitCode: 0, stdout: `${c.printed} (server dry run)\n`, stderr: '' });
    const writes = requests.filter((r) => MUTATING.has(r.method));
    expect(writes.length).toBeGreaterThan(0);
    // A DELETE carries dryRun in its DeleteOptions body (resource.Helper), the others in the query.
    for (const w of writes) if (w.method !== 'DELETE') expect(w.requestURI).toContain('dryRun=All');
    if (c.unchanged.endsWith('\n') || c.unchanged === '' || !c.readBack.endsWith('-o name')) expect(readBack.stdout).toBe(c.unchanged);
    else expect(readBack.stdout.trim()).toBe(`configmap/${c.unchanged}`);
  });

  it('--dry-run=none and no flag really write', () => {
    const { result, readBack } = play(CM, 'kubectl label configmap one a=b --dry-run=none', "kubectl get configmap one -o jsonpath='{.metadata.labels.a}'");
    expect(result.stdout).toBe('configmap/one labeled\n');
    expect(readBack.stdout).toBe('b');
  });

  it('delete --dry-run does not wait for the object to go, and still reads it (NotFound is an error)', () => {
    const { result } = play('kubectl get ns default', 'kubectl delete configmap missing --dry-run=client', 'kubectl get ns default');
    expect(result).toMatchObject({ exitCode: 1, stdout: '', stderr: 'Error from server (NotFound): configmaps "missing" not found\n' });
    const pod = play('kubectl run p --image=nginx', 'kubectl delete pod p --dry-run=server', 'kubectl get pods -o name');
    expect(pod.result.stdout).toBe('pod "p" deleted (server dry run)\n');
    expect(pod.readBack.stdout).toBe('pod/p\n');
  });

  it('scale --dry-run=client reads the object first: NotFound is an error', () => {
    const { result } = play('kubectl get ns default', 'kubectl scale deployment nope --replicas=2 --dry-run=client', 'kubectl get ns default');
    expect(result).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' });
  });

  it('the bare flag is a client dry run with klog\'s deprecation warning on stderr, before the output', () => {
    const { result, readBack } = play(CM, 'kubectl delete configmap one --dry-run', 'kubectl get configmap one -o name');
    expect(result.stdout).toBe('configmap "one" deleted (dry run)\n');
    expect(result.stderr).toMatch(/^W0101 00:00:\d\d\.\d{6} {4}4242 helpers\.go:663\] --dry-run is deprecated and can be replaced with --dry-run=client\.\n$/);
    expect(result.stderrLead).toBe(result.stderr.length);
    expect(readBack.stdout).toBe('configmap/one\n');
  });

  it.each([
    ['verb', 'kubectl delete configmap one', 'configmap "one" deleted (dry run)\n'],
    ['label', 'kubectl label configmap one a=b', 'configmap/one labeled (dry run)\n'],
    ['patch', `kubectl patch configmap one -p '{"data":{"k":"w"}}'`, 'configmap/one patched (dry run)\n'],
    ['scale', 'kubectl scale configmap one --replicas=2', undefined],
  ])('a bare --dry-run on %s is deprecated the same way', (_name, command, stdout) => {
    const { result } = play(CM, `${command} --dry-run`, 'kubectl get ns default');
    if (stdout !== undefined) expect(result.stdout).toBe(stdout);
    expect(result.stderr).toContain('--dry-run is deprecated and can be replaced with --dry-run=client.');
  });

  it('the booleans are deprecated: true is client, false is none', () => {
    const yes = play(CM, 'kubectl delete configmap one --dry-run=true', 'kubectl get configmap one -o name');
    expect(yes.result.stdout).toBe('configmap "one" deleted (dry run)\n');
    expect(yes.result.stderr).toContain('] --dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.\n');
    expect(yes.readBack.stdout).toBe('configmap/one\n');
    const no = play(CM, 'kubectl delete configmap one --dry-run=false', 'kubectl get configmap one -o name');
    expect(no.result.stdout).toBe('configmap "one" deleted\n');
    expect(no.result.stderr).toContain('] --dry-run=false is deprecated (boolean value) and can be replaced with --dry-run=none.\n');
    expect(no.readBack).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): configmaps "one" not found\n' });
  });

  it.each(CASES)('$verb refuses an invalid value with GetDryRunStrategy\'s error and changes nothing', (c) => {
    const { result, readBack, requests } = play(c.setup, withFlag(c.command, '--dry-run=maybe'), c.readBack);
    expect(result).toMatchObject({ exitCode: 1, stdout: '', stderr: 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n' });
    expect(requests.filter((r) => MUTATING.has(r.method))).toEqual([]);
    if (c.unchanged.endsWith('\n') || c.unchanged === '' || !c.readBack.endsWith('-o name')) expect(readBack.stdout).toBe(c.unchanged);
  });
});

describe('dryRunStrategy', () => {
  const parse = (argv: string[]) => dryRunStrategy(parseFlags(argv, [DRY_RUN_FLAG]), 1500);
  it.each([
    [[], 'none', 0],
    [['--dry-run=none'], 'none', 0],
    [['--dry-run=client'], 'client', 0],
    [['--dry-run=server'], 'server', 0],
    [['--dry-run'], 'client', 1],
    [['--dry-run=1'], 'client', 1],
    [['--dry-run=F'], 'none', 1],
  ] as const)('%j is %s', (argv, strategy, warnings) => {
    const parsed = parse([...argv]);
    expect(parsed).toMatchObject({ ok: true, strategy });
    if (parsed.ok) expect(parsed.warnings).toHaveLength(warnings);
  });

  it('stamps the warning with the simulated time, as klog would', () => {
    const parsed = parse(['--dry-run']);
    expect(parsed.ok && parsed.warnings[0]).toBe('W0101 00:00:01.500000    4242 helpers.go:663] --dry-run is deprecated and can be replaced with --dry-run=client.');
  });

  it('a space-separated value is not the flag\'s: pflag reads `--dry-run client` as the bare flag and an argument', () => {
    const flags = parseFlags(['--dry-run', 'client'], [DRY_RUN_FLAG]);
    expect(flags.args).toEqual(['client']);
    expect(dryRunStrategy(flags, 0)).toMatchObject({ ok: true, strategy: 'client' });
  });

  it('refuses anything else', () => {
    expect(parse(['--dry-run=yes'])).toEqual({ ok: false, error: 'error: Invalid dry-run value (yes). Must be "none", "server", or "client".' });
  });
});
