/**
 * Breakpoints on the cluster, set from the page: the list (with each one's hit count and a
 * remove button), a form that takes a condition in the words `kubearch break add` takes, and
 * the hit that last stopped the engine. Adding and removing are the registry's `breakpoint`
 * action, the same one the shell performs; the list comes back through the store.
 */
import { useState } from 'react';
import { parseCondition } from '../../worker/shared';
import { useSimulationStore } from '../stores/simulation-store';
import { perform } from '../simulation-client';

const KINDS = [
  { id: 'etcd-write', label: 'etcd write to prefix', placeholder: '/registry/pods/' },
  { id: 'watch', label: 'watch event', placeholder: 'pods ADDED' },
  { id: 'request', label: 'request', placeholder: '--user alice --verb delete' },
  { id: 'pod-phase', label: 'pod enters phase', placeholder: 'Running' },
] as const;

export function BreakpointsPanel() {
  const { breakpoints, stop } = useSimulationStore((s) => s.debugger);
  const [kind, setKind] = useState<(typeof KINDS)[number]['id']>('etcd-write');
  const [args, setArgs] = useState('');
  const [error, setError] = useState<string | undefined>();
  const placeholder = KINDS.find((k) => k.id === kind)?.placeholder ?? '';

  const add = async () => {
    const condition = parseCondition([kind, ...args.trim().split(/\s+/).filter(Boolean)]);
    if (typeof condition === 'string') {
      setError(condition);
      return;
    }
    const result = await perform({ name: 'breakpoint', verb: 'add', condition });
    if (!result.ok) return setError(result.output);
    setError(undefined);
    setArgs('');
  };

  return (
    <section className="breakpoints" aria-label="Breakpoints" data-testid="breakpoints">
      <h2 className="strip-title">Breakpoints</h2>
      {stop && (
        <p className="breakpoint-stop" role="status" data-testid="breakpoint-stop">
          Stopped: {stop.text}
        </p>
      )}
      <ul className="breakpoint-list">
        {breakpoints.length === 0 && <li className="hint">None set: play runs until you pause.</li>}
        {breakpoints.map((b) => (
          <li key={b.id} className={stop?.id === b.id ? 'hit' : ''} data-testid="breakpoint">
            <span className="bp-id">{b.id}</span>
            <span className="bp-text">{b.text}</span>
            {b.hits > 0 && <span className="bp-hits">hit {b.hits}×</span>}
            <button type="button" className="bp-remove" aria-label={`Remove breakpoint ${b.id}`} onClick={() => void perform({ name: 'breakpoint', verb: 'delete', id: b.id })}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="breakpoint-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} aria-label="Break on" data-testid="breakpoint-kind">
          {KINDS.map((k) => (
            <option key={k.id} value={k.id}>
              {k.label}
            </option>
          ))}
        </select>
        <input value={args} onChange={(e) => setArgs(e.target.value)} placeholder={placeholder} aria-label="Condition" aria-invalid={error !== undefined} data-testid="breakpoint-args" />
        <button type="submit" data-testid="breakpoint-add">
          Add
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert" data-testid="breakpoint-error">
          {error}
        </p>
      )}
    </section>
  );
}
