/**
 * The watch event stream: every ADDED/MODIFIED/DELETED a watcher receives, newest first, with
 * filters by type, kind and a free-text match on namespace/name.
 */
import { useMemo, useState } from 'react';
import { formatVirtualTime } from '../../worker/shared';
import type { WatchEventType } from '../../worker/protocol';
import { useSimulationStore } from '../stores/simulation-store';

const TYPES: WatchEventType[] = ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK'];
/** Rows drawn at once; the store keeps more, the filter reaches all of them. */
const ROWS_SHOWN = 300;

export function WatchStream() {
  const events = useSimulationStore((s) => s.watchEvents);
  const [types, setTypes] = useState<ReadonlySet<WatchEventType>>(new Set(TYPES));
  const [kind, setKind] = useState('');
  const [text, setText] = useState('');
  const kinds = useMemo(() => [...new Set(events.map((e) => e.kind))].sort(), [events]);

  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    const out = [];
    for (let i = events.length - 1; i >= 0 && out.length < ROWS_SHOWN; i--) {
      const e = events[i];
      if (!e || !types.has(e.type)) continue;
      if (kind && e.kind !== kind) continue;
      if (needle && !`${e.namespace}/${e.name}`.toLowerCase().includes(needle)) continue;
      out.push(e);
    }
    return out;
  }, [events, types, kind, text]);

  const toggle = (t: WatchEventType) => {
    const next = new Set(types);
    if (next.has(t)) next.delete(t);
    else next.add(t);
    setTypes(next);
  };

  return (
    <section className="watch-stream" aria-label="Watch event stream" data-testid="watch-stream">
      <div className="panel-toolbar">
        {TYPES.map((t) => (
          <label key={t} className={`type-toggle type-${t}`}>
            <input type="checkbox" checked={types.has(t)} onChange={() => toggle(t)} /> {t}
          </label>
        ))}
        <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="Kind" data-testid="watch-kind">
          <option value="">all kinds</option>
          {kinds.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <input placeholder="namespace/name" value={text} onChange={(e) => setText(e.target.value)} aria-label="Filter by name" data-testid="watch-filter" />
        <span className="count">{events.length} events</span>
      </div>
      <div className="table-scroll">
        <table className="events">
          <thead>
            <tr>
              <th>TIME</th>
              <th>TYPE</th>
              <th>KIND</th>
              <th>NAMESPACE/NAME</th>
              <th>RV</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.index} className={`type-${e.type}`} data-testid="watch-row">
                <td>{formatVirtualTime(e.time)}</td>
                <td>{e.type}</td>
                <td>{e.kind}</td>
                <td>{e.namespace ? `${e.namespace}/${e.name}` : e.name}</td>
                <td>{e.resourceVersion}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && (
          <p className="panel-empty">{events.length === 0 ? 'No watch events yet: press Play or Step.' : 'No event matches the filters.'}</p>
        )}
      </div>
    </section>
  );
}
