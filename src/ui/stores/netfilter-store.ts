/**
 * What the iptables tab and the graph's packet walk share: the node and table chosen, and the
 * newest packet walk the data plane made (asked for every WALK_POLL_MS while the page is
 * visible: a small answer, usually "nothing new"; a trace-packet in the shell runs no engine
 * event, so the clock alone cannot say when to ask).
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { NetfilterTableName, WalkView } from '../../worker/protocol';
import { view } from '../simulation-client';
import { useSimulationStore } from './simulation-store';

export const WALK_POLL_MS = 500;

export interface NetfilterState {
  readonly node: string | undefined;
  readonly table: NetfilterTableName;
  /** The newest walk, and the wall time (page) it arrived, for the graph's animation. */
  readonly walk: WalkView | undefined;
  readonly walkArrived: number;
  /** The newest walk number seen. */
  readonly latest: number;
}

export const useNetfilterStore = create<NetfilterState>(() => ({ node: undefined, table: 'nat', walk: undefined, walkArrived: 0, latest: 0 }));

/** Polls the packet-walk view while the component using it is mounted (the graph). */
export function usePacketWalkPoller(): void {
  const seed = useSimulationStore((s) => s.clock?.seed);
  useEffect(() => {
    // A new cluster starts counting walks from 0 again.
    useNetfilterStore.setState({ walk: undefined, latest: 0 });
    let busy = false;
    const timer = setInterval(() => {
      if (busy || document.visibilityState === 'hidden') return;
      busy = true;
      void view('packet-walk', { since: useNetfilterStore.getState().latest })
        .then((answer) => {
          const newest = answer.walks[answer.walks.length - 1];
          if (newest) useNetfilterStore.setState({ walk: newest, walkArrived: performance.now(), latest: answer.latest });
          else if (answer.latest < useNetfilterStore.getState().latest) useNetfilterStore.setState({ latest: answer.latest });
        })
        .finally(() => {
          busy = false;
        });
    }, WALK_POLL_MS);
    return () => clearInterval(timer);
  }, [seed]);
}
