/**
 * How the page is shown, not what the cluster does: the text scale (A−/A+), the pane that is
 * maximised, presenter mode and its chosen pane, the component whose side panel is open, and
 * the request selected in the Requests panel (the graph highlights its path). Page-only state:
 * nothing here crosses to the worker.
 */
import { create } from 'zustand';

export type PaneId = 'graph' | 'editor' | 'activity' | 'shell';
export const PANES: readonly { readonly id: PaneId; readonly title: string }[] = [
  { id: 'graph', title: 'Topology' },
  { id: 'editor', title: 'YAML editor' },
  { id: 'activity', title: 'Cluster activity' },
  { id: 'shell', title: 'Shell' },
];

export const FONT_SCALES = [0.85, 1, 1.15, 1.3, 1.5, 1.75, 2] as const;
export const PRESENTER_SCALE = 1.5;

export interface ViewState {
  readonly fontScale: number;
  readonly maximised: PaneId | undefined;
  readonly presenter: boolean;
  /** The pane shown under the graph in presenter mode. */
  readonly presenterPane: Exclude<PaneId, 'graph'>;
  readonly selectedComponent: string | undefined;
  readonly selectedRequest: string | undefined;
}

export const useViewStore = create<ViewState>(() => ({
  fontScale: 1,
  maximised: undefined,
  presenter: false,
  presenterPane: 'shell',
  selectedComponent: undefined,
  selectedRequest: undefined,
}));

/** The next text scale up (+1) or down (-1), staying within FONT_SCALES. */
export function stepFontScale(current: number, direction: 1 | -1): number {
  const index = FONT_SCALES.findIndex((s) => s >= current - 1e-9);
  const at = index < 0 ? FONT_SCALES.length - 1 : index;
  const next = Math.min(FONT_SCALES.length - 1, Math.max(0, at + direction));
  return FONT_SCALES[next] ?? current;
}

export function toggleMaximised(pane: PaneId): void {
  useViewStore.setState((s) => ({ maximised: s.maximised === pane ? undefined : pane }));
}

export function setPresenter(on: boolean): void {
  useViewStore.setState({ presenter: on, maximised: undefined, fontScale: on ? PRESENTER_SCALE : 1 });
}
