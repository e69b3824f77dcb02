/** The page's node and scheduler views, read from a session as the page reads them. */
import { describe, expect, it } from 'vitest';
import { SimulationSession, type Timers } from './simulation-session';

const stillTimers: Timers = { now: () => 0, setInterval: () => 'tick', clearInterval: () => undefined, setTimeout: () => 0 };

const CRASHER = `apiVersion: v1
kind: Pod
metadata: {name: crasher}
spec:
  nodeSelector: {kubernetes.io/hostname: node-2}
  containers:
  - name: crasher
    image: busybox
    command: ["sh", "-c", "exit 1"]
`;

const BIG = `apiVersion: v1
kind: Pod
metadata: {name: big}
spec:
  containers:
  - name: big
    image: nginx:1.27
    resources: {requests: {cpu: "64"}}
`;

function session(): SimulationSession {
  return new SimulationSession(1, stillTimers);
}

/** Run a terminal line; what its last command printed, and its exit code. */
function run(s: SimulationSession, line: string): { stdout: string; stderr: string; exitCode: number } {
  const outcome = s.runCommand(line);
  if (outcome.kind !== 'ran') throw new Error(`"${line}" did not run: ${JSON.stringify(outcome)}`);
  const last = outcome.entries[outcome.entries.length - 1];
  if (!last) throw new Error(`"${line}" ran nothing`);
  return last;
}

describe('the nodes view', () => {
  it('lists each node with its Ready condition, running kubelet, Lease and allocatable cpu and memory', () => {
    const s = session();
    const view = s.view('nodes', undefined);
    expect(view.nodes.map((n) => `${n.name} ${n.ready} ${n.kubelet}`)).toEqual(['node-1 True running', 'node-2 True running', 'node-3 True running']);
    const node = view.nodes[0];
    expect(node?.cpu).toEqual({ allocatable: '2', requested: '0', fraction: 0 });
    expect(node?.memory.allocatable).toBe('4025836Ki');
    expect(node?.leaseRenewTime).toMatch(/^2025-01-01T00:00:0\d\.\d{6}Z$/);
    expect(view.unbound).toEqual([]);
  });

  it('shows a crash-looping pod as kubectl does: CrashLoopBackOff, restarts with "(Xs ago)", the back-off message', () => {
    const s = session();
    expect(s.applyManifests(CRASHER).ok).toBe(true);
    s.runCommand('sleep 40s');
    const pod = s.view('nodes', undefined).nodes.find((n) => n.name === 'node-2')?.pods.find((p) => p.name === 'crasher');
    const kubectl = run(s, 'kubectl get pod crasher -o wide --no-headers').stdout.trim().split(/\s+/);
    expect(pod?.status).toBe(kubectl[2]);
    expect(pod?.status).toBe('CrashLoopBackOff');
    expect(pod?.restarts).toMatch(/^\d+ \(\d+s ago\)$/);
    expect(pod?.restartCount).toBeGreaterThanOrEqual(2);
    const container = pod?.containers[0];
    expect(container).toMatchObject({ name: 'crasher', state: 'waiting', reason: 'CrashLoopBackOff', last: { reason: 'Error', exitCode: 1 } });
    expect(container?.message).toMatch(/^back-off \d+s restarting failed container=crasher pod=crasher_default\(.+\)$/);
  });

  it('says a stopped kubelet is stopped, and its Lease is no longer renewed', () => {
    const s = session();
    expect(s.perform({ name: 'node', verb: 'stop', node: 'node-3' }).ok).toBe(true);
    const before = s.view('nodes', undefined).nodes.find((n) => n.name === 'node-3');
    s.runCommand('sleep 30s');
    const after = s.view('nodes', undefined).nodes.find((n) => n.name === 'node-3');
    expect(after?.kubelet).toBe('stopped');
    expect(after?.leaseRenewMs).toBe(before?.leaseRenewMs);
    expect(s.view('nodes', undefined).nodes.find((n) => n.name === 'node-1')?.leaseRenewMs).toBeGreaterThan(before?.leaseRenewMs ?? Infinity);
    s.perform({ name: 'node', verb: 'partition', node: 'node-1' });
    expect(s.view('nodes', undefined).nodes.find((n) => n.name === 'node-1')?.kubelet).toBe('partitioned');
  });

  it('adds up the requests of the pods a node runs', () => {
    const s = session();
    expect(s.applyManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: small}\nspec:\n  nodeName: node-1\n  containers:\n  - {name: small, image: nginx:1.27, resources: {requests: {cpu: 500m, memory: 1Gi}}}\n').ok).toBe(true);
    s.runCommand('sleep 5s');
    const node = s.view('nodes', undefined).nodes.find((n) => n.name === 'node-1');
    expect(node?.pods.map((p) => p.name)).toEqual(['small']);
    expect(node?.cpu).toEqual({ allocatable: '2', requested: '500m', fraction: 0.25 });
    expect(node?.memory.requested).toBe('1Gi');
  });
});

describe('the scheduler view', () => {
  it('lists a pod that fits nowhere with its FailedScheduling message as the event has it, and explains it on demand', () => {
    const s = session();
    expect(s.applyManifests(BIG).ok).toBe(true);
    s.runCommand('sleep 5s');
    const nodes = s.view('nodes', undefined);
    expect(nodes.unbound.map((p) => `${p.name} ${p.status}`)).toEqual(['big Pending']);
    const view = s.view('scheduler', undefined);
    const event = run(s, 'kubectl get events --field-selector reason=FailedScheduling -o jsonpath={.items[0].message}').stdout;
    expect(view.pending).toEqual([{ namespace: 'default', name: 'big', queue: 'unschedulablePods', schedulerName: 'default-scheduler', message: event, count: expect.any(Number) as number, explained: true }]);
    expect(event).toMatch(/^0\/3 nodes are available: 3 Insufficient cpu\. preemption: /);
    expect(view.queue.unschedulablePods).toBe(1);
    expect(view.profiles).toEqual([{ schedulerName: 'default-scheduler', teaching: false }]);
    const explained = s.view('pod-explanation', { namespace: 'default', name: 'big' });
    expect(JSON.stringify(explained?.explanation)).toBe(run(s, 'kubearch explain pod big -o json').stdout.trim());
    expect(explained?.teaching).toBe(false);
    s.runCommand('kubearch node add big --cpu 128');
    s.runCommand('sleep 10s');
    expect(s.view('scheduler', undefined).pending).toEqual([]);
    expect(s.view('nodes', undefined).nodes.find((n) => n.name === 'big')?.pods.map((p) => p.name)).toEqual(['big']);
  });

  it('has nothing to explain for a pod the scheduler never saw', () => {
    expect(session().view('pod-explanation', { namespace: 'default', name: 'nope' })).toBeUndefined();
  });

  it('flags the pod-count teaching profile as not upstream', () => {
    const s = session();
    const out = run(s, `kubearch scheduler config -f - <<EOF
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: default-scheduler
  plugins:
    score:
      disabled: [{name: "*"}]
      enabled: [{name: PodCount, weight: 1}]
EOF`);
    expect(out.exitCode).toBe(0);
    s.runCommand('sleep 3s');
    expect(s.view('scheduler', undefined).profiles).toEqual([{ schedulerName: 'default-scheduler', teaching: true }]);
  });
});
