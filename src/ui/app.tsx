/**
 * The page's layout: controls on top, the topology graph across the whole width (wide, so its
 * type stays large), and below it the YAML editor, the cluster activity tabs and the shell.
 * Any pane can be maximised; presenter mode shows the graph and one chosen pane in big type.
 * The text scale (A−/A+) is the `--fs` custom property every font size is multiplied by.
 * Heavy panels load lazily.
 */
import { lazy, Suspense, useEffect } from 'react';
import { ControlsBar } from './panels/controls-bar';
import { GraphPane } from './panels/topology-graph';
import { DebuggerStrip } from './panels/debugger-strip';
import { WatchStream } from './panels/watch-stream';
import { RequestsPanel } from './panels/requests-panel';
import { EtcdPanel } from './panels/etcd-panel';
import { YamlEditorPanel } from './panels/yaml-editor-panel';
import { simulation } from './simulation-client';
import { Pane, usePaneKeys } from './pane';
import { useViewStore } from './stores/view-store';
import { useFollowNodes } from './graph/follow-nodes';
import { useActivityTab } from './stores/activity-tab-store';
import { NetfilterPanel } from './panels/netfilter-panel';

const TerminalPanel = lazy(() => import('./panels/terminal-panel'));

export function App() {
  useEffect(() => {
    simulation();
  }, []);
  usePaneKeys();
  useFollowNodes();
  const fontScale = useViewStore((s) => s.fontScale);
  const maximised = useViewStore((s) => s.maximised);
  const presenter = useViewStore((s) => s.presenter);
  const presenterPane = useViewStore((s) => s.presenterPane);
  const layout = maximised ? `maximised-${maximised}` : presenter ? `presenter presenter-${presenterPane}` : 'normal';
  return (
    <div className={`app ${presenter ? 'is-presenter' : ''}`} style={{ ['--fs' as string]: String(fontScale) }} data-font-scale={fontScale}>
      <ControlsBar />
      <DebuggerStrip />
      <main className={`workspace ${layout}`} data-testid="workspace">
        <GraphPane />
        <Pane id="editor">
          <YamlEditorPanel />
        </Pane>
        <Pane id="activity" title={<ActivityTabs.Tabs />}>
          <ActivityTabs.Body />
        </Pane>
        <Pane id="shell">
          <Suspense fallback={<div className="panel-empty">Loading the shell…</div>}>
            <TerminalPanel />
          </Suspense>
        </Pane>
      </main>
    </div>
  );
}

const TABS = [
  { id: 'watch', title: 'Watch events', render: () => <WatchStream /> },
  { id: 'requests', title: 'Requests', render: () => <RequestsPanel /> },
  { id: 'etcd', title: 'etcd', render: () => <EtcdPanel /> },
  { id: 'iptables', title: 'iptables', render: () => <NetfilterPanel /> },
] as const;

/** The activity pane's tabs sit in its title bar, beside the maximise button. */
const ActivityTabs = {
  Tabs() {
    const tab = useActivityTab((s) => s.tab);
    return (
      <div className="pane-tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={t.id === tab} className={t.id === tab ? 'active' : ''} onClick={() => useActivityTab.setState({ tab: t.id })} data-testid={`tab-${t.id}`}>
            {t.title}
          </button>
        ))}
      </div>
    );
  },
  Body() {
    const tab = useActivityTab((s) => s.tab);
    return (TABS.find((t) => t.id === tab) ?? TABS[0]).render();
  },
};
