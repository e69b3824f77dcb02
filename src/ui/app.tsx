/**
 * The page's layout: controls on top, the topology graph on the left, and on the right the
 * YAML editor; below, the watch event stream and the shell. Heavy panels load lazily.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { ControlsBar } from './panels/controls-bar';
import { DebuggerStrip } from './panels/debugger-strip';
import { TopologyGraph } from './panels/topology-graph';
import { WatchStream } from './panels/watch-stream';
import { RequestsPanel } from './panels/requests-panel';
import { EtcdPanel } from './panels/etcd-panel';
import { YamlEditorPanel } from './panels/yaml-editor-panel';
import { simulation } from './simulation-client';

const TerminalPanel = lazy(() => import('./panels/terminal-panel'));

export function App() {
  useEffect(() => {
    simulation();
  }, []);
  return (
    <div className="app">
      <ControlsBar />
      <DebuggerStrip />
      <main className="workspace">
        <section className="pane pane-graph" aria-label="Topology">
          <h2 className="pane-title">Topology</h2>
          <TopologyGraph />
        </section>
        <section className="pane pane-editor" aria-label="Editor">
          <h2 className="pane-title">YAML editor</h2>
          <YamlEditorPanel />
        </section>
        <section className="pane pane-events" aria-label="Cluster activity">
          <ActivityTabs />
        </section>
        <section className="pane pane-shell" aria-label="Shell">
          <h2 className="pane-title">Shell</h2>
          <Suspense fallback={<div className="panel-empty">Loading the shell…</div>}>
            <TerminalPanel />
          </Suspense>
        </section>
      </main>
    </div>
  );
}

const TABS = [
  { id: 'watch', title: 'Watch events', render: () => <WatchStream /> },
  { id: 'requests', title: 'Requests', render: () => <RequestsPanel /> },
  { id: 'etcd', title: 'etcd', render: () => <EtcdPanel /> },
] as const;

function ActivityTabs() {
  const [tab, setTab] = useState<(typeof TABS)[number]['id']>('watch');
  const current = TABS.find((t) => t.id === tab) ?? TABS[0];
  return (
    <>
      <div className="pane-tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={t.id === tab} className={t.id === tab ? 'active' : ''} onClick={() => setTab(t.id)} data-testid={`tab-${t.id}`}>
            {t.title}
          </button>
        ))}
      </div>
      {current.render()}
    </>
  );
}
