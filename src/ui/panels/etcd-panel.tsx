/**
 * The etcd panel: the keys as a tree by prefix (/registry/pods/default/web), each key's stored
 * revisions with their values decoded, the current and compacted revision, a Compact button,
 * and the live stream of writes. Values are the JSON the simulated apiserver stores (the real
 * one writes protobuf, which the panel notes).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatVirtualTime } from '../../worker/shared';
import type { EtcdKeyHistory } from '../../worker/protocol';
import { useSimulationStore } from '../stores/simulation-store';
import { perform, view } from '../simulation-client';
import { buildTree, visibleRows, type TreeRow } from './etcd-tree';

const ROW_HEIGHT = 20;

export function EtcdPanel() {
  const etcd = useSimulationStore((s) => s.etcd);
  const events = useSimulationStore((s) => s.etcdEvents);
  const [keys, setKeys] = useState<string[]>([]);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set(['/registry/']));
  const [selected, setSelected] = useState<string | undefined>();
  const [history, setHistory] = useState<EtcdKeyHistory | undefined>();
  const [compactError, setCompactError] = useState<string | undefined>();
  const scroller = useRef<HTMLDivElement>(null);
  const revision = etcd?.revision ?? 0;

  // The key list is fetched when a key appears or goes, not on every write (a big store is
  // hundreds of kilobytes to copy from the worker); the selected key's history on every write.
  const keySet = etcd?.keySet ?? 0;
  useEffect(() => {
    let live = true;
    void view('etcd-keys', { prefix: '' }).then((k) => live && setKeys(k));
    return () => {
      live = false;
    };
  }, [keySet]);
  useEffect(() => {
    if (!selected) return;
    let live = true;
    void view('etcd-history', { key: selected }).then((h) => live && setHistory(h));
    return () => {
      live = false;
    };
  }, [revision, etcd?.compactRevision, selected]);

  const rows = useMemo(() => visibleRows(buildTree(keys), open), [keys, open]);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  const click = (row: TreeRow) => {
    if (row.folder) {
      const next = new Set(open);
      if (next.has(row.path)) next.delete(row.path);
      else next.add(row.path);
      setOpen(next);
    } else {
      setSelected(row.path);
    }
  };

  const compact = async () => {
    const result = await perform({ name: 'compact-etcd' });
    setCompactError(result.ok ? undefined : result.output);
  };

  return (
    <section className="etcd-panel" aria-label="etcd" data-testid="etcd-panel">
      <div className="panel-toolbar">
        <span data-testid="etcd-revision">revision {revision}</span>
        <span data-testid="etcd-compacted">compacted {etcd && etcd.compactRevision > 0 ? etcd.compactRevision : '—'}</span>
        <span>{etcd?.keys ?? 0} keys</span>
        <button type="button" onClick={() => void compact()} data-testid="etcd-compact" title="etcdctl compaction <current revision>">
          Compact to {revision}
        </button>
        {compactError && <span className="field-error-inline" role="alert">{compactError}</span>}
        <span className="simplification" title="kube-apiserver stores protobuf; the simulation stores JSON so you can read it">values stored as JSON, not protobuf</span>
      </div>
      <div className="etcd-body">
        <div className="etcd-keys table-scroll" ref={scroller} data-testid="etcd-keys">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index] as TreeRow;
              return (
                <div
                  key={row.path}
                  className={`tree-row ${row.folder ? 'folder' : 'key'} ${selected === row.path ? 'selected' : ''}`}
                  style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, paddingLeft: 8 + row.depth * 14 }}
                  onClick={() => click(row)}
                  data-testid={row.folder ? 'etcd-folder' : 'etcd-key'}
                  data-path={row.path}
                  title={row.path}
                >
                  {row.folder ? `${open.has(row.path) ? '▾' : '▸'} ${row.label}/ (${row.count})` : row.label}
                </div>
              );
            })}
          </div>
          {rows.length === 0 && <p className="panel-empty">etcd is empty.</p>}
        </div>
        <div className="etcd-history" data-testid="etcd-history">
          {history && selected ? (
            <>
              <div className="journey-title">
                <code>{history.key}</code>
              </div>
              {history.revisions.length === 0 && <p className="panel-empty">No revisions left: the key was deleted and compacted.</p>}
              {[...history.revisions].reverse().map((r) => (
                <div key={`${r.modRevision}-${r.tombstone}`} className={`revision ${r.tombstone ? 'tombstone' : ''}`} data-testid="etcd-revision-entry">
                  <div className="revision-meta">
                    mod_revision {r.modRevision}
                    {r.tombstone ? ' · tombstone (deleted)' : ` · create_revision ${r.createRevision} · version ${r.version}`}
                    {r.lease ? ` · lease ${r.lease}` : ''}
                  </div>
                  {!r.tombstone && <pre className="revision-value">{pretty(r.value)}</pre>}
                </div>
              ))}
            </>
          ) : (
            <p className="panel-empty">Select a key to see its revisions.</p>
          )}
        </div>
        <div className="etcd-watch" data-testid="etcd-watch">
          <div className="journey-title">watch "" --prefix</div>
          {[...events].slice(-200).reverse().map((e, i) => (
            <div key={`${e.revision}-${e.key}-${i}`} className={`etcd-event etcd-${e.type}`}>
              <span>{formatVirtualTime(e.time)}</span> <span>rev {e.revision}</span> <span>{e.type}</span> <span>{e.key}</span>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}

function pretty(value: string): string {
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}
