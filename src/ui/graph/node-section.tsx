/**
 * The component panel's section for a kubelet: its node as the kubelet keeps it — whether the
 * kubelet process runs (a stopped or partitioned one renews no Lease, so the age of the Lease's
 * last renewTime grows), the node's conditions, allocatable against requested cpu and memory, and
 * its pods with kubectl's READY / STATUS / RESTARTS and each container's state (a waiting reason
 * with its message, such as CrashLoopBackOff's back-off). Stop node / Start node perform the same
 * action as `kubearch node stop|start NAME`.
 */
import { useState } from 'react';
import type { ContainerView, NodeView, PodRowView, ResourceUse } from '../../worker/protocol';
import { perform } from '../simulation-client';
import { useNode } from '../stores/nodes-store';
import { useSimulationStore } from '../stores/simulation-store';
import { chipColour } from './pod-chip-status';
import { refreshNodes } from './follow-nodes';
import './workloads.css';

export function NodeSection({ node }: { node: string }) {
  const view = useNode(node);
  const now = useSimulationStore((s) => s.clock?.time);
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | undefined>();
  if (!view) return <p className="hint">Reading node {node}…</p>;
  const act = (verb: 'stop' | 'start') => {
    void perform({ name: 'node', verb, node }).then((r) => {
      setAnswer({ ok: r.ok, text: r.output });
      refreshNodes();
    });
  };
  const leaseAge = view.leaseRenewMs !== undefined && now !== undefined ? Math.max(0, now - view.leaseRenewMs) : undefined;
  return (
    <section className="ws-section" data-testid="node-section">
      <h4>Node {node}</h4>
      <dl className="facts">
        <dt>kubelet</dt>
        <dd data-testid="node-kubelet-state" className={view.kubelet === 'running' ? '' : 'ws-silent'}>
          {view.kubelet}
          {view.kubelet !== 'running' && <span className="hint"> — no Lease renewals or status reach kube-apiserver; its containers keep running</span>}
        </dd>
        <dt>Lease renewed</dt>
        <dd data-testid="node-lease-age">
          {leaseAge === undefined ? <span className="hint">not yet</span> : <>{(leaseAge / 1000).toFixed(1)} s ago</>}
          <span className="hint"> (every 10 s while the kubelet runs; NotReady 50 s after the last)</span>
        </dd>
        <dt>Ready</dt>
        <dd data-testid="node-ready">{view.ready || <span className="hint">not reported</span>}{view.unschedulable ? ', SchedulingDisabled' : ''}</dd>
        {view.taints.length > 0 && (
          <>
            <dt>Taints</dt>
            <dd className="mono">{view.taints.join(', ')}</dd>
          </>
        )}
      </dl>
      <div className="ws-buttons">
        <button type="button" onClick={() => act('stop')} disabled={view.kubelet === 'stopped'} data-testid="node-stop" title="kubearch node stop NAME">
          Stop node
        </button>
        <button type="button" onClick={() => act('start')} disabled={view.kubelet !== 'stopped'} data-testid="node-start" title="kubearch node start NAME">
          Start node
        </button>
      </div>
      {answer && <p className={answer.ok ? 'hint' : 'ws-silent'} data-testid="node-action-answer">{answer.text}</p>}
      <Bar label="cpu" use={view.cpu} />
      <Bar label="memory" use={view.memory} />
      <Conditions view={view} />
      <h4>Pods ({view.pods.length})</h4>
      {view.pods.length === 0 ? <p className="hint">None bound to this node.</p> : <PodList pods={view.pods} />}
    </section>
  );
}

function Bar({ label, use }: { label: string; use: ResourceUse }) {
  const pct = Math.min(100, Math.round(use.fraction * 100));
  return (
    <div className="ws-bar" title={`${label}: ${use.requested} requested of ${use.allocatable} allocatable`}>
      <span>{label}</span>
      <span className="ws-bar-track">
        <span className={`ws-bar-fill ${pct >= 100 ? 'full' : ''}`} style={{ width: `${pct}%`, display: 'block' }} />
      </span>
      <span className="mono">
        {use.requested} / {use.allocatable}
      </span>
    </div>
  );
}

function Conditions({ view }: { view: NodeView }) {
  if (view.conditions.length === 0) return null;
  return (
    <details>
      <summary>Conditions</summary>
      <ul className="mini-list">
        {view.conditions.map((c) => (
          <li key={c.type}>
            <b>{c.type}</b> {c.status} <span className="hint">{c.reason}: {c.message}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Pods as `kubectl get pods` rows, with their containers under each. */
export function PodList({ pods }: { pods: readonly PodRowView[] }) {
  return (
    <ul className="ws-pods">
      {pods.map((p) => (
        <li key={`${p.namespace}/${p.name}`} className={`ws-pod chip-${chipColour(p.status)}`} data-testid={`node-pod-${p.name}`}>
          <div className="ws-pod-row">
            <span className="ws-name">{p.namespace === 'default' ? p.name : `${p.namespace}/${p.name}`}</span>
            <span title="READY">{p.ready}</span>
            <span title="STATUS" data-testid="pod-status">{p.status}</span>
            <span title="RESTARTS" data-testid="pod-restarts">↻ {p.restarts}</span>
            <span title="AGE" className="hint">{p.age}</span>
            <span title="IP" className="hint">{p.ip}</span>
          </div>
          <ul className="ws-containers">
            {p.containers.map((c) => (
              <ContainerLine key={`${c.init ? 'init/' : ''}${c.name}`} c={c} />
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function ContainerLine({ c }: { c: ContainerView }) {
  const detail = c.state === 'terminated' ? `${c.reason ?? 'terminated'} (exit code ${c.exitCode ?? 0})` : c.state === 'waiting' ? (c.reason ?? 'waiting') : c.state === 'running' ? 'running' : 'not reported yet';
  return (
    <li data-testid={`container-${c.name}`}>
      {c.init ? 'init ' : ''}
      <b>{c.name}</b>: <span className={`ws-state-${c.state}`}>{detail}</span>
      {c.restartCount > 0 && <span className="hint"> · {c.restartCount} restarts</span>}
      {c.last && (
        <span className="hint">
          {' '}
          · last: {c.last.reason ?? 'terminated'} (exit code {c.last.exitCode})
        </span>
      )}
      {c.message && <span className="ws-msg">{c.message}</span>}
    </li>
  );
}
