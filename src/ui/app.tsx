/**
 * The page's layout: controls on top, the topology graph on the left, and on the right the
 * YAML editor; below, the watch event stream and the shell. Heavy panels load lazily.
 */
import { lazy, Suspense, useEffect } from 'react';
import { ControlsBar } from './panels/controls-bar';
import { TopologyGraph } from './panels/topology-graph';
import { WatchStream } from './panels/watch-stream';
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
      <main className="workspace">
        <section className="pane pane-graph" aria-label="Topology">
          <h2 className="pane-title">Topology</h2>
          <TopologyGraph />
        </section>
        <section className="pane pane-editor" aria-label="Editor">
          <h2 className="pane-title">YAML editor</h2>
          <YamlEditorPanel />
        </section>
        <section className="pane pane-events" aria-label="Watch events">
          <h2 className="pane-title">Watch events</h2>
          <WatchStream />
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
