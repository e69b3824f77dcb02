/**
 * The component panel's section for kube-scheduler: its queue (how many pods wait in activeQ,
 * backoffQ and unschedulablePods), each pending pod with its latest FailedScheduling message as
 * the Event has it, and on demand the per-node record of its latest attempt (what `kubearch
 * explain pod NAME -o json` prints): the filter that rejected each node, or the scores. The
 * pod-count teaching profile says that it is not upstream's.
 */
import { useEffect, useState } from 'react';
import type { NodeExplanation, PendingPodView, PodExplanationView } from '../../worker/protocol';
import { view } from '../simulation-client';
import { useNodesStore } from '../stores/nodes-store';
import './workloads.css';

const QUEUE_LABELS = { activeQ: 'activeQ', backoffQ: 'backoffQ', unschedulablePods: 'unschedulable' } as const;

export const TEACHING_NOTE = 'The pod-count profile is KubeArch’s teaching profile, not upstream’s: it scores nodes only by how few pods they run (the PodCount plugin). Real kube-scheduler’s default profile weighs seven score plugins.';

export function SchedulerSection() {
  const scheduler = useNodesStore((s) => s.scheduler);
  if (!scheduler) return <p className="hint">Reading kube-scheduler…</p>;
  const teaching = scheduler.profiles.filter((p) => p.teaching);
  return (
    <section className="ws-section" data-testid="scheduler-section">
      <h4>Scheduling queue</h4>
      <div className="ws-queue" data-testid="scheduler-queue">
        {(Object.keys(QUEUE_LABELS) as (keyof typeof QUEUE_LABELS)[]).map((q) => (
          <span key={q} data-testid={`queue-${q}`}>
            {QUEUE_LABELS[q]} <b>{scheduler.queue[q]}</b>
          </span>
        ))}
      </div>
      <p className="hint">
        Profiles: {scheduler.profiles.map((p) => p.schedulerName).join(', ') || 'none'} · {scheduler.stats.scheduled} scheduled, {scheduler.stats.unschedulable} unschedulable attempts
      </p>
      {teaching.length > 0 && (
        <p className="ws-note" data-testid="teaching-note">
          {teaching.map((p) => p.schedulerName).join(', ')}: {TEACHING_NOTE}
        </p>
      )}
      <h4>Pending pods ({scheduler.pending.length})</h4>
      {scheduler.pending.length === 0 ? (
        <p className="hint">None: every pod is bound to a node.</p>
      ) : (
        <ul className="ws-pods">
          {scheduler.pending.map((p) => (
            <PendingPod key={`${p.namespace}/${p.name}`} pod={p} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PendingPod({ pod }: { pod: PendingPodView }) {
  const [open, setOpen] = useState(false);
  const [explained, setExplained] = useState<PodExplanationView | null | undefined>();
  useEffect(() => {
    if (!open) return;
    let live = true;
    void view('pod-explanation', { namespace: pod.namespace, name: pod.name }).then((e) => live && setExplained(e ?? null));
    return () => {
      live = false;
    };
  }, [open, pod.namespace, pod.name, pod.message, pod.count]);
  return (
    <li className="ws-pod chip-pending" data-testid={`pending-${pod.name}`}>
      <div className="ws-pod-row">
        <span className="ws-name">{pod.namespace === 'default' ? pod.name : `${pod.namespace}/${pod.name}`}</span>
        <span className="hint">{pod.queue ? `in ${QUEUE_LABELS[pod.queue]}` : 'being scheduled'}</span>
        {pod.schedulerName !== 'default-scheduler' && <span className="hint">{pod.schedulerName}</span>}
      </div>
      {pod.message ? (
        <span className="ws-msg" data-testid="failed-scheduling">
          FailedScheduling{pod.count && pod.count > 1 ? ` (×${pod.count})` : ''}: {pod.message}
        </span>
      ) : (
        <span className="hint">No FailedScheduling event yet.</span>
      )}
      {pod.explained && (
        <button type="button" className="ws-why" onClick={() => setOpen((o) => !o)} data-testid="explain-toggle" aria-expanded={open}>
          {open ? 'Hide the per-node table' : 'Why? Per node'}
        </button>
      )}
      {open && explained === undefined && <p className="hint">Asking kube-scheduler…</p>}
      {open && explained === null && <p className="hint">kube-scheduler has no attempt for this pod.</p>}
      {open && explained && <ExplanationTable e={explained} />}
    </li>
  );
}

function rejection(n: NodeExplanation): string {
  const failed = n.filter.find((f) => f.status !== 'Success' && f.status !== 'Skip');
  if (!failed) return 'passed every filter';
  return `${failed.plugin}: ${failed.status}${failed.reasons.length ? ` (${failed.reasons.join('; ')})` : ''}`;
}

/** `kubearch explain pod NAME -o json`, as a table: one row per node. */
function ExplanationTable({ e }: { e: PodExplanationView }) {
  const x = e.explanation;
  return (
    <div data-testid="explain-table">
      <p className="hint">
        Latest attempt by profile {e.profile}: {x.selected ? `bound to ${x.selected}` : 'no node fits'} (as <code>kubearch explain pod {x.pod.split('/')[1]} -o json</code>)
      </p>
      {e.teaching && <p className="ws-note">{TEACHING_NOTE}</p>}
      <table className="ws-table">
        <thead>
          <tr>
            <th>Node</th>
            <th>Filter</th>
            <th>Total</th>
          </tr>
        </thead>
        <tbody>
          {x.nodes.map((n) => (
            <tr key={n.name} className={n.name === x.selected ? 'chosen' : ''} data-testid={`explain-node-${n.name}`}>
              <td>{n.name}</td>
              <td>
                {rejection(n)}
                {n.scores && <div className="hint">{n.scores.map((s) => `${s.plugin} ${s.normalized}→${s.weighted}`).join(', ')}</div>}
              </td>
              <td className="num">{n.total ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
