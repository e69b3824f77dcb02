/**
 * kube-proxy's part of the component panel (click kube-proxy on the graph): its mode, its last
 * sync (full or partial, how much it rewrote), how many rules it keeps in each table, and a
 * button that opens the iptables tab on this node.
 */
import { useEffect, useState } from 'react';
import type { NetfilterView } from '../../worker/protocol';
import { formatVirtualTime } from '../../worker/shared';
import { view } from '../simulation-client';
import { useActivityTab } from '../stores/activity-tab-store';
import { useNetfilterStore } from '../stores/netfilter-store';
import { useSimulationStore } from '../stores/simulation-store';

export function KubeProxySection({ id }: { id: string }) {
  const node = id.slice(id.indexOf('/') + 1);
  const events = useSimulationStore((s) => s.clock?.eventsRun ?? 0);
  const [data, setData] = useState<NetfilterView | undefined>();
  // Refetched as the engine runs, but only the counts: the table's text stays in the worker.
  const bucket = Math.floor(events / 200);
  useEffect(() => {
    let live = true;
    void view('netfilter', { node, lines: false }).then((v) => live && setData(v));
    return () => {
      live = false;
    };
  }, [node, bucket]);
  const open = () => {
    useNetfilterStore.setState({ node, table: data?.mode === 'ipvs' ? 'ipvs' : 'nat' });
    useActivityTab.setState({ tab: 'iptables' });
  };
  return (
    <section data-testid="kube-proxy-section">
      <h4>Proxy</h4>
      <dl className="facts">
        <dt>Mode</dt>
        <dd data-testid="kube-proxy-mode">{data ? (data.mode ?? (data.failure ? `not running: ${data.failure}` : 'not started yet')) : '…'}</dd>
        <dt>Last sync</dt>
        <dd>{data?.lastSync ? `${formatVirtualTime(data.lastSync.at)}, ${data.lastSync.full ? 'full' : 'partial'}, ${data.lastSync.rewritten} ${data.mode === 'ipvs' ? 'virtual servers' : 'Services'} written (${data.syncCount} syncs)` : 'none yet'}</dd>
        <dt>Rules</dt>
        <dd>{data ? `nat ${data.counts.nat}, filter ${data.counts.filter}, mangle ${data.counts.mangle}${data.mode === 'ipvs' ? `; IPVS ${data.counts.ipvs} virtual servers` : ''}` : '…'}</dd>
      </dl>
      <button type="button" onClick={open} data-testid="kube-proxy-open-iptables">
        Show {node}&apos;s {data?.mode === 'ipvs' ? 'IPVS and iptables' : 'iptables'} in the iptables tab
      </button>
    </section>
  );
}
