/**
 * The side panel of one component, opened by clicking it on the graph: what it is (its role
 * in the topology), who it is to the apiserver (the user and groups of its client
 * certificate), what its informers watch, its last requests and engine events, its parts and
 * which of them are simulated, and its settings (kube-apiserver's admission plugins).
 */
import { useEffect, useMemo, useState } from 'react';
import type { ComponentDetails } from '../../worker/protocol';
import { formatVirtualTime } from '../../worker/shared';
import { componentOf, ENGINE_EVENTS_KEPT, useSimulationStore } from '../stores/simulation-store';
import { useViewStore } from '../stores/view-store';
import { view } from '../simulation-client';
import { AdmissionSettings } from './admission-settings';
import { ComponentSection } from './component-sections';
import { KubeProxySection } from './kube-proxy-section';

const LAST = 8;

export function ComponentPanel({ id }: { id: string }) {
  const info = useSimulationStore((s) => s.topology?.components.find((c) => c.id === id));
  const requests = useSimulationStore((s) => s.requests);
  const engineEvents = useSimulationStore((s) => s.engineEvents);
  const seed = useSimulationStore((s) => s.clock?.seed);
  const [details, setDetails] = useState<ComponentDetails | undefined>();
  useEffect(() => {
    setDetails(undefined);
    void view('component', { id }).then(setDetails);
  }, [id, seed]);
  const close = () => useViewStore.setState({ selectedComponent: undefined });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !isTyping(e.target)) close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const own = useMemo(() => {
    const out = [];
    for (let i = requests.length - 1; i >= 0 && out.length < LAST; i--) {
      const r = requests[i];
      if (r && r.source === id) out.push(r);
    }
    return out;
  }, [requests, id]);
  const events = useMemo(() => engineEvents.filter((e) => componentOf(e.label) === id).slice(-LAST).reverse(), [engineEvents, id]);
  if (!info) return null;
  const parts = info.parts ?? [];
  return (
    <aside className="component-panel" aria-label={`${info.id} details`} data-testid="component-panel">
      <header className="component-panel-head">
        <h3>{info.id}</h3>
        <button type="button" onClick={close} aria-label="Close the component panel" data-testid="component-panel-close">
          ×
        </button>
      </header>
      <p className={info.simulated ? 'badge simulated' : 'badge not-simulated'}>{info.simulated ? 'simulated' : 'not yet simulated: drawn, not built'}</p>
      <p className="component-role" data-testid="component-role">{info.role}</p>
      <ComponentSection info={info} />
      <dl className="facts">
        <dt>Runs on</dt>
        <dd>{info.host === 'client' ? 'your machine, outside the cluster' : info.host}</dd>
        <dt>Authenticates as</dt>
        <dd data-testid="component-identity">
          {details?.identity ? (
            <>
              user <code>{details.identity.user}</code>
              {details.identity.groups.length > 0 && (
                <>
                  , groups <code>{details.identity.groups.join(', ')}</code>
                </>
              )}{' '}
              <span className="hint">({details.identity.by})</span>
            </>
          ) : own[0] ? (
            // A process that authenticates with a token it reads at start (kube-proxy's ServiceAccount
            // token, as kubeadm sets it up) has no certificate to show: its requests say who it is.
            <>
              user <code>{own[0].user}</code> <span className="hint">(bearer token, as its requests were authenticated)</span>
            </>
          ) : (
            <span className="hint">{info.kind === 'etcd' ? 'nothing: only kube-apiserver talks to it' : details ? 'no client identity of its own' : '…'}</span>
          )}
        </dd>
        <dt>Watches</dt>
        <dd data-testid="component-watches">{details?.watches.length ? details.watches.join(', ') : <span className="hint">{details ? 'no informers' : '…'}</span>}</dd>
      </dl>
      {parts.length > 0 && (
        <section>
          <h4>
            Parts ({parts.filter((p) => p.simulated).length} of {parts.length} simulated)
          </h4>
          <ul className="parts" data-testid="component-parts">
            {parts.map((p) => (
              <li key={p.name} className={p.simulated ? 'part simulated' : 'part not-simulated'}>
                <span className="part-mark" aria-hidden="true">{p.simulated ? '●' : '○'}</span> {p.name}
                {!p.simulated && <span className="hint"> — not yet simulated</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {info.kind === 'kube-apiserver' && (
        <section>
          <h4>Settings</h4>
          <AdmissionSettings />
        </section>
      )}
      {info.kind === 'kube-proxy' && <KubeProxySection id={info.id} />}
      <section>
        <h4>Last requests it sent</h4>
        {own.length === 0 ? (
          <p className="hint">None yet.</p>
        ) : (
          <ul className="mini-list" data-testid="component-requests">
            {own.map((r) => (
              <li key={r.auditID}>
                <span className="mono">{formatVirtualTime(r.time)}</span> {r.verb} <code>{r.requestURI}</code> <span className={r.code >= 400 ? 'code-4xx' : 'code-2xx'}>{r.code}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h4>Last events it ran</h4>
        {events.length === 0 ? (
          <p className="hint">None in the last {ENGINE_EVENTS_KEPT} engine events.</p>
        ) : (
          <ul className="mini-list" data-testid="component-events">
            {events.map((e) => (
              <li key={e.seq}>
                <span className="mono">{formatVirtualTime(e.at)}</span> {e.label.slice(id.length + 2)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA');
}
