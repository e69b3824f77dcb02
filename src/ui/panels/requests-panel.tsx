/**
 * The requests panel: the apiserver's audit trail, live. Each row is one request (who, verb,
 * resource, code, time); selecting one shows its journey through the pipeline stages:
 * authentication, authorization, each admission plugin (and what a mutating one changed),
 * validation, etcd. The admission plugins can be turned off here to show what each does.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatVirtualTime } from '../../worker/shared';
import type { AdmissionPluginView, RequestView } from '../../worker/protocol';
import { useSimulationStore } from '../stores/simulation-store';
import { perform, view } from '../simulation-client';

const ROW_HEIGHT = 22;

function codeClass(code: number): string {
  if (code >= 500) return 'code-5xx';
  if (code >= 400) return 'code-4xx';
  return 'code-2xx';
}

export function RequestsPanel() {
  const requests = useSimulationStore((s) => s.requests);
  const [filter, setFilter] = useState('');
  const [hideComponents, setHideComponents] = useState(false);
  const [selected, setSelected] = useState<string | undefined>();
  const scroller = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const out: RequestView[] = [];
    for (let i = requests.length - 1; i >= 0; i--) {
      const r = requests[i] as RequestView;
      if (hideComponents && r.source !== 'kubectl') continue;
      if (needle && !`${r.user} ${r.verb} ${r.requestURI} ${r.code}`.toLowerCase().includes(needle)) continue;
      out.push(r);
    }
    return out;
  }, [requests, filter, hideComponents]);

  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const current = selected ? requests.find((r) => r.auditID === selected) : undefined;

  return (
    <section className="requests-panel" aria-label="API requests" data-testid="requests-panel">
      <div className="panel-toolbar">
        <input placeholder="filter: user, verb, path, code" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter requests" data-testid="requests-filter" />
        <label>
          <input type="checkbox" checked={hideComponents} onChange={(e) => setHideComponents(e.target.checked)} data-testid="requests-only-kubectl" /> only kubectl
        </label>
        <AdmissionToggles />
        <span className="count">{requests.length} requests</span>
      </div>
      <div className="requests-body">
        <div className="table-scroll" ref={scroller}>
          <div className="request-row request-head">
            <span>TIME</span>
            <span>FROM</span>
            <span>USER</span>
            <span>VERB</span>
            <span>CODE</span>
            <span>RESOURCE</span>
          </div>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const r = shown[item.index] as RequestView;
              return (
                <div
                  key={r.auditID}
                  className={`request-row ${selected === r.auditID ? 'selected' : ''}`}
                  style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => setSelected(r.auditID)}
                  data-testid="request-row"
                >
                  <span>{formatVirtualTime(r.time)}</span>
                  <span>{r.source}</span>
                  <span title={r.impersonatedUser ? `as ${r.impersonatedUser}` : undefined}>{r.impersonatedUser ? `${r.user} → ${r.impersonatedUser}` : r.user}</span>
                  <span>{r.verb}</span>
                  <span className={codeClass(r.code)}>{r.code}</span>
                  <span>{[r.resource, r.namespace && r.name ? `${r.namespace}/${r.name}` : r.name || r.namespace].filter(Boolean).join(' ')}</span>
                </div>
              );
            })}
          </div>
          {shown.length === 0 && <p className="panel-empty">{requests.length ? 'No request matches the filter.' : 'No requests yet.'}</p>}
        </div>
        {current && <RequestJourney request={current} />}
      </div>
    </section>
  );
}

function RequestJourney({ request }: { request: RequestView }) {
  return (
    <aside className="journey" data-testid="request-journey" aria-label="Request journey">
      <div className="journey-title">
        <strong>{request.verb}</strong> <code>{request.requestURI}</code>
      </div>
      <div className="journey-meta">
        {request.auditID} · from {request.source} · user {request.user}
        {request.impersonatedUser ? ` as ${request.impersonatedUser}` : ''} · {request.durationMs.toFixed(1)} ms
      </div>
      <ol className="stages">
        {request.stages.map((s, i) => (
          <li key={i} className={`stage stage-${s.outcome}`} data-testid="journey-stage">
            <span className="stage-outcome">{s.outcome}</span> <span className="stage-name">{s.name}</span>
            {s.detail && <div className="stage-detail">{s.detail}</div>}
          </li>
        ))}
        <li className={`stage ${request.code < 400 ? 'stage-passed' : 'stage-failed'}`}>
          <span className="stage-outcome">{request.code}</span> <span className="stage-name">response{request.reason ? ` (${request.reason})` : ''}</span>
          {request.message && <div className="stage-detail">{request.message}</div>}
        </li>
      </ol>
    </aside>
  );
}

function AdmissionToggles() {
  const [plugins, setPlugins] = useState<AdmissionPluginView[]>([]);
  const [open, setOpen] = useState(false);
  const seed = useSimulationStore((s) => s.clock?.seed);
  useEffect(() => {
    void view('admission-plugins', undefined).then(setPlugins);
  }, [seed]);
  const toggle = async (name: string, enabled: boolean) => {
    await perform({ name: 'admission-plugin', plugin: name, enabled });
    setPlugins(await view('admission-plugins', undefined));
  };
  return (
    <div className="admission-toggles">
      <button type="button" onClick={() => setOpen(!open)} data-testid="admission-toggle-button">
        Admission plugins ({plugins.filter((p) => p.enabled).length}/{plugins.length})
      </button>
      {open && (
        <div className="admission-popover" data-testid="admission-plugins">
          {plugins.length === 0 && <p className="panel-empty">No admission plugins are enabled in this cluster.</p>}
          {plugins.map((p) => (
            <label key={p.name}>
              <input type="checkbox" checked={p.enabled} onChange={(e) => void toggle(p.name, e.target.checked)} /> {p.name}{' '}
              <small>{[p.mutating && 'mutating', p.validating && 'validating'].filter(Boolean).join(', ')}</small>
            </label>
          ))}
        </div>
      )}
    </div>
  );
}
