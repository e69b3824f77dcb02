/**
 * A worker node's pods on the graph: small chips in the node's pods column, coloured by kubectl's
 * STATUS, with a restart badge; clicking one (or the column) opens the node's kubelet panel. Each
 * node selects only its own chip list from the nodes store, which keeps a node's list unchanged
 * while its pods look the same, so a pod change re-renders one host box, never the graph's edges.
 * Also here: the kubelet's silence (stopped or partitioned), which the graph draws greyed.
 */
import { memo } from 'react';
import type { ComponentInfo } from '../../worker/protocol';
import { useNodesStore } from '../stores/nodes-store';
import { useViewStore } from '../stores/view-store';
import type { PodChip } from './pod-chip-status';
import './workloads.css';

/** Chips shown before the rest are summed up as "+N more". */
const MAX_CHIPS = 3;
const EMPTY: readonly PodChip[] = [];

export const PodChips = memo(function PodChips({ node, x, width }: { node: string; x: number; width: number }) {
  const chips = useNodesStore((s) => s.chips[node] ?? EMPTY);
  const shown = chips.length > MAX_CHIPS ? chips.slice(0, MAX_CHIPS - 1) : chips;
  const hidden = chips.length - shown.length;
  const open = () => useViewStore.setState({ selectedComponent: `kubelet/${node}` });
  return (
    <div className="pod-chips" style={{ left: x, width }} data-testid={`pods-${node}`} onClick={open} title={`Pods bound to ${node}: click for the node's kubelet`}>
      {chips.length === 0 && <span className="pod-chips-empty">no pods</span>}
      {shown.map((c) => (
        <span key={c.key} className={`pod-chip chip-${c.colour}`} title={`${c.key}: ${c.status}, ${c.restarts} restart${c.restarts === 1 ? '' : 's'}`} data-testid={`pod-chip-${c.name}`} data-status={c.status}>
          <span className="pod-chip-name">{c.label}</span>
          {c.restarts > 0 && <span className="pod-chip-restarts" aria-label={`${c.restarts} restarts`}>↻{c.restarts}</span>}
        </span>
      ))}
      {hidden > 0 && <span className="pod-chip chip-more">+{hidden} more</span>}
    </div>
  );
});

/** "stopped" or "partitioned" when a kubelet is silent (no Lease renewals reach the apiserver), else undefined. */
export function useKubeletSilence(info: ComponentInfo): 'stopped' | 'partitioned' | undefined {
  return useNodesStore((s) => {
    if (info.kind !== 'kubelet') return undefined;
    const state = s.nodes?.nodes.find((n) => n.name === info.host)?.kubelet;
    return state === 'running' ? undefined : state;
  });
}
