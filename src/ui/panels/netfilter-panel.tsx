/**
 * The iptables tab: one node's tables as `iptables-save -c` prints them (or `ipvsadm -Ln` in ipvs
 * mode), kube-proxy's chain names coloured by the part they play and the hashed ones annotated
 * with the Service or endpoint they stand for; the rules whose counters rose since the previous
 * refresh, and those the newest packet matched, highlighted; a filter; and the newest packet walk
 * as a list. Refreshed (at most once a second) while the engine runs. The list is virtualised:
 * only the rows in view are in the DOM, so a node with thousands of rules stays fast.
 *
 * The mode switch does what an operator of a kubeadm cluster does: set `mode:` in the kube-proxy
 * ConfigMap, then restart kube-proxy (there: the DaemonSet's rollout restart).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { NetfilterLine, NetfilterTableName, NetfilterView } from '../../worker/protocol';
import { formatVirtualTime } from '../../worker/shared';
import { perform, view } from '../simulation-client';
import { useSimulationStore } from '../stores/simulation-store';
import { useNetfilterStore } from '../stores/netfilter-store';
import { chainRole, ruleKeys, splitChains } from './netfilter-chains';
import { PacketWalkList } from './packet-walk-list';
import './netfilter-panel.css';

const ROW_HEIGHT = 18;
const REFRESH_MS = 1000;
/** A table this long is refreshed less often: copying it from the worker is the cost. */
const BIG_TABLE_LINES = 5000;
const BIG_REFRESH_MS = 5000;
/** How long a rule whose counters rose stays marked, in wall ms. */
const ROSE_MS = 4000;
const TABLES: readonly NetfilterTableName[] = ['nat', 'filter', 'mangle', 'ipvs'];

export function NetfilterPanel() {
  const node = useNetfilterStore((s) => s.node);
  const table = useNetfilterStore((s) => s.table);
  const walk = useNetfilterStore((s) => s.walk);
  const seed = useSimulationStore((s) => s.clock?.seed);
  const [data, setData] = useState<NetfilterView | undefined>();
  const [rose, setRose] = useState<ReadonlyMap<string, number>>(new Map());
  const [filter, setFilter] = useState('');
  // The filter the worker applies, a moment after typing stops.
  const [wanted, setWanted] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setWanted(filter.trim()), 250);
    return () => clearTimeout(timer);
  }, [filter]);
  const [showWalk, setShowWalk] = useState(false);
  const previous = useRef<{ where: string; packets: Map<string, number> }>({ where: '', packets: new Map() });
  const roseRef = useRef<ReadonlyMap<string, number>>(new Map());

  useEffect(() => {
    let live = true;
    let seen = '';
    let busy = false;
    let lastFetch = 0;
    let size = 0;
    // Something to read when the engine ran or a packet went through (a trace-packet runs no event).
    const refresh = () => {
      const events = `${useSimulationStore.getState().clock?.eventsRun ?? 0} ${useNetfilterStore.getState().latest}`;
      if (busy || events === seen) return;
      if (size > BIG_TABLE_LINES && performance.now() - lastFetch < BIG_REFRESH_MS) return;
      seen = events;
      busy = true;
      lastFetch = performance.now();
      void view('netfilter', { ...(node !== undefined ? { node } : {}), table, filter: wanted })
        .then((v) => {
          if (!live) return;
          const where = `${v.node} ${v.table}`;
          const keys = ruleKeys(v.lines);
          const packets = new Map<string, number>();
          const now = performance.now();
          const old = previous.current;
          const before = roseRef.current;
          const next = new Map<string, number>();
          v.lines.forEach((l, i) => {
            const key = keys[i] ?? '';
            if (l.kind !== 'rule') return;
            packets.set(key, l.packets ?? 0);
            if (old.where !== where) return;
            const was = old.packets.get(key);
            if (was !== undefined && (l.packets ?? 0) > was) next.set(key, now);
            else {
              const at = before.get(key);
              if (at !== undefined && now - at < ROSE_MS) next.set(key, at);
            }
          });
          roseRef.current = next;
          setRose(next);
          previous.current = { where, packets };
          size = v.lines.length;
          setData(v);
          if (node === undefined) useNetfilterStore.setState({ node: v.node });
        })
        .finally(() => {
          busy = false;
        });
    };
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    const unsubscribe = useNetfilterStore.subscribe((state, before) => {
      if (state.latest !== before.latest) refresh();
    });
    return () => {
      live = false;
      clearInterval(timer);
      unsubscribe();
    };
  }, [node, table, seed, wanted]);

  const lines = data?.lines ?? [];
  const keys = useMemo(() => ruleKeys(lines), [lines]);
  const annotations = data?.annotations ?? {};
  const walked = useMemo(() => {
    const set = new Set<string>();
    for (const hop of walk?.hops ?? []) if (hop.node === data?.node) for (const s of hop.steps) if (s.table === data.table && s.rule !== undefined) set.add(`${s.chain}#${s.rule}`);
    return set;
  }, [walk, data]);
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const out: number[] = [];
    lines.forEach((l, i) => {
      if (!needle || l.text.toLowerCase().includes(needle) || (l.chain !== undefined && (annotations[l.chain] ?? '').toLowerCase().includes(needle))) out.push(i);
    });
    return out;
  }, [lines, filter, annotations]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  const mode = data?.mode;
  return (
    <div className="netfilter-panel" data-testid="netfilter-panel">
      <div className="panel-toolbar netfilter-toolbar">
        <label>
          node{' '}
          <select value={data?.node ?? node ?? ''} onChange={(e) => useNetfilterStore.setState({ node: e.target.value })} data-testid="netfilter-node">
            {(data?.nodes ?? []).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          table{' '}
          <select value={data?.table ?? table} onChange={(e) => useNetfilterStore.setState({ table: e.target.value as NetfilterTableName })} data-testid="netfilter-table">
            {TABLES.filter((t) => t !== 'ipvs' || mode === 'ipvs').map((t) => (
              <option key={t} value={t}>
                {t === 'ipvs' ? 'IPVS' : t}
              </option>
            ))}
          </select>
        </label>
        <input type="search" placeholder="filter: Service, chain, IP" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter the rules" data-testid="netfilter-filter" />
        <button type="button" className={showWalk ? 'active' : ''} onClick={() => setShowWalk((w) => !w)} data-testid="netfilter-walk-toggle">
          {showWalk ? 'Rules' : `Packet walk${walk ? ` #${walk.seq}` : ''}`}
        </button>
      </div>
      <p className="netfilter-summary" data-testid="netfilter-summary" title={data ? summary(data) : undefined}>
        {data ? summary(data) : 'Reading the node’s tables…'}
      </p>
      {showWalk ? (
        <PacketWalkList walk={walk} />
      ) : (
        <div ref={scroller} className="netfilter-rows" data-testid="netfilter-rows">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const i = shown[item.index] ?? 0;
              const line = lines[i];
              if (!line) return null;
              const key = keys[i] ?? '';
              return (
                <Row
                  key={item.key}
                  line={line}
                  top={item.start}
                  rose={rose.has(key)}
                  walked={line.kind === 'rule' && walked.has(`${line.chain ?? ''}#${line.rule ?? 0}`)}
                  note={line.kind === 'chain' && line.chain !== undefined ? annotations[line.chain] : undefined}
                  notes={annotations}
                />
              );
            })}
          </div>
          {data && shown.length === 0 && <p className="panel-empty">{lines.length || filter.trim() ? 'No line matches the filter.' : data.table === 'ipvs' ? 'No virtual servers.' : 'The table is empty.'}</p>}
        </div>
      )}
      <ModeSwitch mode={mode} />
    </div>
  );
}

function summary(v: NetfilterView): string {
  const mode = v.mode ? `kube-proxy mode ${v.mode}${v.mode === 'userspace' ? ' (removed in v1.26, kept as a lesson)' : ''}` : v.failure ? `kube-proxy not running: ${v.failure}` : 'kube-proxy not running yet';
  const sync = v.lastSync ? ` · last sync ${formatVirtualTime(v.lastSync.at)} (${v.lastSync.full ? 'full' : 'partial'}, ${v.lastSync.rewritten} ${v.mode === 'ipvs' ? 'virtual servers' : 'Services'} written, ${v.syncCount} syncs)` : '';
  const counts = ` · rules: nat ${v.counts.nat}, filter ${v.counts.filter}, mangle ${v.counts.mangle}${v.mode === 'ipvs' ? `, IPVS ${v.counts.ipvs} virtual servers` : ''}`;
  const tool = v.table === 'ipvs' ? ' · ipvsadm -Ln (its --stats counters are not simulated)' : ` · iptables-save -c -t ${v.table}`;
  return `${mode}${sync}${counts}${tool}`;
}

function Row({ line, top, rose, walked, note, notes }: { line: NetfilterLine; top: number; rose: boolean; walked: boolean; note: string | undefined; notes: Readonly<Record<string, string>> }) {
  const classes = ['nf-row', `nf-${line.kind}`, rose ? 'nf-rose' : '', walked ? 'nf-walked' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes} style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }} data-testid={rose ? 'nf-rose' : undefined}>
      {line.kind === 'ipvs'
        ? line.text
        : splitChains(line.text).map((part, j) =>
            part.chain ? (
              <span key={j} className={`chain chain-${chainRole(part.chain)}`} title={notes[part.chain]}>
                {part.text}
              </span>
            ) : (
              <span key={j}>{part.text}</span>
            ),
          )}
      {note !== undefined && <span className="nf-note"> # {note}</span>}
    </div>
  );
}

const MODES = ['iptables', 'ipvs', 'userspace'] as const;

/** Both steps of a mode switch: patch the ConfigMap as the admin, then restart every kube-proxy. */
function ModeSwitch({ mode }: { mode: string | undefined }) {
  const [wanted, setWanted] = useState<(typeof MODES)[number]>('ipvs');
  const [result, setResult] = useState<{ ok: boolean; output: string } | undefined>();
  const [busy, setBusy] = useState(false);
  return (
    <details className="netfilter-mode" data-testid="netfilter-mode">
      <summary>Switch kube-proxy mode{mode ? ` (now ${mode})` : ''}</summary>
      <p className="hint">
        On a kubeadm cluster: set <code>mode:</code> in the <code>kube-proxy</code> ConfigMap (kube-system, <code>config.conf</code>), then <code>kubectl -n kube-system rollout restart daemonset kube-proxy</code>. Here kube-proxy is not a DaemonSet pod: this patches the ConfigMap as kubernetes-admin and restarts each node&apos;s kube-proxy (<code>kubearch proxy mode MODE</code>).
      </p>
      <div className="netfilter-mode-row">
        <select value={wanted} onChange={(e) => setWanted(e.target.value as (typeof MODES)[number])} data-testid="netfilter-mode-select" aria-label="kube-proxy mode">
          {MODES.map((m) => (
            <option key={m} value={m}>
              {m === 'userspace' ? 'userspace (removed in v1.26)' : m}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={busy}
          data-testid="netfilter-mode-apply"
          onClick={() => {
            setBusy(true);
            void perform({ name: 'proxy-mode', mode: wanted })
              .then(setResult)
              .finally(() => setBusy(false));
          }}
        >
          Patch the ConfigMap and restart kube-proxy
        </button>
      </div>
      {result && (
        <pre className={result.ok ? 'netfilter-mode-result' : 'netfilter-mode-result error'} data-testid="netfilter-mode-result">
          {result.output}
        </pre>
      )}
    </details>
  );
}
