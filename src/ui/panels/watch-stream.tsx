/**
 * The watch event stream: every ADDED/MODIFIED/DELETED a watcher receives, newest first, with
 * filters by type, kind and a free-text match on namespace/name. The table is virtualised: only
 * the rows in view (and a few either side) are in the DOM, so playing at 100× stays smooth with
 * thousands of events kept.
 */
import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatVirtualTime } from '../../worker/shared';
import type { WatchEventType } from '../../worker/protocol';
import { useSimulationStore } from '../stores/simulation-store';

const TYPES: WatchEventType[] = ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK'];
/** Fixed row height in CSS pixels (table.events td: 12px monospace, 2px padding, 1px border). */
const ROW_HEIGHT = 20;

export function WatchStream() {
  const events = useSimulationStore((s) => s.watchEvents);
  const [types, setTypes] = useState<ReadonlySet<WatchEventType>>(new Set(TYPES));
  const [kind, setKind] = useState('');
  const [text, setText] = useState('');
  const kinds = useMemo(() => [...new Set(events.map((e) => e.kind))].sort(), [events]);

  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    const out = [];
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i];
      if (!e || !types.has(e.type)) continue;
      if (kind && e.kind !== kind) continue;
      if (needle && !`${e.namespace}/${e.name}`.toLowerCase().includes(needle)) continue;
      out.push(e);
    }
    return out;
  }, [events, types, kind, text]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => shown[i]?.index ?? i,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;

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
      <div className="table-scroll" ref={scroller}>
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
            {padTop > 0 && <tr style={{ height: padTop }} aria-hidden="true" />}
            {items.map((item) => {
              const e = shown[item.index];
              if (!e) return null;
              return (
                <tr key={e.index} className={`type-${e.type}`} data-testid="watch-row" style={{ height: ROW_HEIGHT }}>
                  <td>{formatVirtualTime(e.time)}</td>
                  <td>{e.type}</td>
                  <td>{e.kind}</td>
                  <td>{e.namespace ? `${e.namespace}/${e.name}` : e.name}</td>
                  <td>{e.resourceVersion}</td>
                </tr>
              );
            })}
            {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden="true" />}
          </tbody>
        </table>
        {shown.length === 0 && (
          <p className="panel-empty">{events.length === 0 ? 'No watch events yet: press Play or Step.' : 'No event matches the filters.'}</p>
        )}
      </div>
    </section>
  );
}
