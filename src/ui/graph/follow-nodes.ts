/**
 * Starts the nodes store following the cluster for as long as the page is open, with the real
 * worker as the reader; `refreshNodes()` re-reads at once (after a Stop/Start node button, whose
 * effect has no watch event of its own).
 */
import { useEffect } from 'react';
import { view } from '../simulation-client';
import { followCluster } from '../stores/nodes-store';
import { useSimulationStore } from '../stores/simulation-store';

let following: ReturnType<typeof followCluster> | undefined;

export function useFollowNodes(): void {
  useEffect(() => {
    following = followCluster({
      readNodes: () => view('nodes', undefined),
      readScheduler: () => view('scheduler', undefined),
      drawnNodes: () => (useSimulationStore.getState().topology?.hosts ?? []).filter((h) => h.role === 'worker').map((h) => h.name),
      // A node joined (`kubearch node add`) or left: draw the cluster's new shape.
      refetchTopology: () => void view('topology', undefined).then((topology) => useSimulationStore.setState({ topology })),
    });
    return () => {
      following?.stop();
      following = undefined;
    };
  }, []);
}

export function refreshNodes(): void {
  following?.refresh();
}
