/**
 * The topology graph: the control-plane machine with its components, the worker nodes with
 * theirs, kubectl outside, and arrows for who talks to whom. It fits its pane on load and on
 * every resize, so its type stays as large as the pane allows; the zoom buttons sit in the
 * toolbar, never over a node. Messages cross the arrows as dots (see traffic-edge.tsx), an
 * arrow's label shows on hover, the selected request's path is highlighted, and clicking a
 * component opens its side panel. Parts not built yet are greyed and say so.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  ReactFlow,
  ReactFlowProvider,
  Background,
  Handle,
  Position,
  useReactFlow,
  useStoreApi,
  getViewportForBounds,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { RequestView } from '../../worker/protocol';
import { useSimulationStore } from '../stores/simulation-store';
import { useViewStore } from '../stores/view-store';
import { layoutTopology, type ComponentNodeData, type HostNodeData } from '../graph/layout';
import { TrafficEdge, type TrafficEdgeData } from '../graph/traffic-edge';
import { GraphLegend } from '../graph/graph-legend';
import { ComponentPanel } from '../graph/component-panel';
import { PacketWalkOverlay } from '../graph/packet-walk-overlay';
import { Pane } from '../pane';
import { PodChips, useKubeletSilence } from '../graph/pod-chips';
import { PODS_W } from '../graph/layout';

/** How long a component glows after it acted, in wall milliseconds. */
const GLOW_MS = 700;
const FIT_PADDING = 0.03;

const SIDES = [
  ['top', Position.Top],
  ['bottom', Position.Bottom],
  ['left', Position.Left],
  ['right', Position.Right],
] as const;

/**
 * Whether component `id` acted in the last `GLOW_MS`. Followed outside React's render: at 100×
 * a busy component acts every frame, and re-rendering its node (and its eight handles) each time
 * to keep a class that is already on cost more than the rest of the graph.
 */
function useGlow(id: string): boolean {
  const [active, setActive] = useState(false);
  useEffect(() => {
    let until = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expire = () => {
      const left = until - performance.now();
      if (left > 0) timer = setTimeout(expire, left);
      else {
        timer = undefined;
        setActive(false);
      }
    };
    const follow = (lastActive: number | undefined) => {
      if (lastActive === undefined) return;
      until = lastActive + GLOW_MS;
      if (until <= performance.now()) return;
      setActive(true);
      timer ??= setTimeout(expire, GLOW_MS);
    };
    follow(useSimulationStore.getState().activity[id]);
    const unsubscribe = useSimulationStore.subscribe((state, previous) => {
      if (state.activity[id] !== previous.activity[id]) follow(state.activity[id]);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [id]);
  return active;
}

function ComponentNode({ id, data }: NodeProps<Node<ComponentNodeData & { onPath?: boolean; selected?: boolean }>>) {
  const { info } = data;
  const silence = useKubeletSilence(info);
  const active = useGlow(id) && !silence;
  const parts = info.parts;
  const running = parts?.filter((p) => p.simulated).length ?? 0;
  const status = silence ?? (!info.simulated ? 'not yet simulated' : parts ? `${running} of ${parts.length} parts simulated` : 'simulated');
  const classes = ['component', info.simulated ? 'simulated' : 'not-simulated', silence ? 'silent' : '', active ? 'active' : '', data.onPath ? 'on-path' : '', data.selected ? 'chosen' : ''];
  return (
    <div className={classes.filter(Boolean).join(' ')} title={info.role} data-testid={`component-${info.id}`}>
      {SIDES.map(([side, position]) => (
        <Handle key={`t-${side}`} id={`t-${side}`} type="target" position={position} isConnectable={false} />
      ))}
      <div className="component-name">{info.kind.replace(/-/g, '-\u200b')}</div>
      <div className="component-status">{status}</div>
      {SIDES.map(([side, position]) => (
        <Handle key={`s-${side}`} id={`s-${side}`} type="source" position={position} isConnectable={false} />
      ))}
    </div>
  );
}

function HostNode({ data }: NodeProps<Node<HostNodeData>>) {
  return (
    <div className={`host host-${data.role}`}>
      {data.role === 'worker' ? (
        // A worker's name opens its kubelet's panel, where the node's section is.
        <span className="host-label host-label-link" onClick={() => useViewStore.setState({ selectedComponent: `kubelet/${data.label}` })} data-testid={`host-${data.label}`}>
          {data.label}
        </span>
      ) : (
        <span className="host-label">{data.label}</span>
      )}
      {data.podsX !== undefined && <PodChips node={data.label} x={data.podsX} width={PODS_W} />}
    </div>
  );
}

const nodeTypes = { component: ComponentNode, host: HostNode };

function onNodeClick(_: unknown, node: Node): void {
  if (node.type === 'component') useViewStore.setState({ selectedComponent: node.id });
}
const edgeTypes = { traffic: TrafficEdge };

/** The edges a request crossed: its sender to the apiserver and back, and the apiserver to etcd when it reached storage. */
export function requestPath(request: RequestView | undefined): Set<string> {
  const path = new Set<string>();
  if (!request) return path;
  path.add(`${request.source}->kube-apiserver`);
  if (request.stages.some((s) => s.name === 'etcd' && s.outcome !== 'skipped')) path.add('kube-apiserver->etcd');
  return path;
}

/** The graph's pane: its title bar holds the zoom buttons and the legend, so no vertical room is lost to a toolbar. */
export function GraphPane() {
  return (
    <ReactFlowProvider>
      <Pane
        id="graph"
        title={
          <>
            <h2 className="pane-title">Topology</h2>
            <GraphToolbar />
          </>
        }
      >
        <GraphWithPanel />
      </Pane>
    </ReactFlowProvider>
  );
}

function GraphWithPanel() {
  const selected = useViewStore((s) => s.selectedComponent);
  return (
    <div className="graph-area">
      <Graph />
      {selected && <ComponentPanel id={selected} />}
    </div>
  );
}

function GraphToolbar() {
  const flow = useReactFlow();
  const fit = useFit();
  return (
    <div className="graph-toolbar">
      <div className="zoom-buttons" role="group" aria-label="Zoom">
        <button type="button" onClick={() => void flow.zoomOut()} aria-label="Zoom out" data-testid="zoom-out">
          −
        </button>
        <button type="button" onClick={() => void flow.zoomIn()} aria-label="Zoom in" data-testid="zoom-in">
          +
        </button>
        <button type="button" onClick={fit} data-testid="zoom-fit">
          Fit
        </button>
      </div>
      <GraphLegend />
    </div>
  );
}

function Graph() {
  const topology = useSimulationStore((s) => s.topology);
  const selectedRequest = useViewStore((s) => s.selectedRequest);
  // Only the selected request: the list grows every frame while playing, and re-rendering the
  // graph for it re-rendered every node and edge.
  const request = useSimulationStore((s) => (selectedRequest ? s.requests.find((r) => r.auditID === selectedRequest) : undefined));
  const selectedComponent = useViewStore((s) => s.selectedComponent);
  const [hovered, setHovered] = useState<string | undefined>();
  const layout = useMemo(() => (topology ? layoutTopology(topology) : undefined), [topology]);
  const path = useMemo(() => requestPath(request), [request]);
  const onPathNodes = useMemo(() => new Set([...path].flatMap((e) => e.split('->'))), [path]);

  const nodes = useMemo(
    () =>
      (layout?.nodes ?? []).map((n) =>
        n.type === 'component' ? { ...n, data: { ...(n.data as ComponentNodeData), onPath: onPathNodes.has(n.id), selected: n.id === selectedComponent } } : n,
      ),
    [layout, onPathNodes, selectedComponent],
  );
  const edges = useMemo(
    () =>
      (layout?.edges ?? []).map(
        (e): Edge<TrafficEdgeData> => ({
          ...e,
          data: { label: (e.data as TrafficEdgeData).label, hovered: hovered === e.id, onPath: path.has(e.id) },
          ...(path.has(e.id) ? { zIndex: 1 } : {}),
        }),
      ),
    [layout, hovered, path],
  );

  // Stable handlers: React Flow passes them to every node and edge wrapper, and a new function
  // each render would re-render them all.
  const onEdgeHover = useCallback((_: unknown, edge: Edge) => setHovered(edge.id), []);
  const onEdgeLeave = useCallback(() => setHovered(undefined), []);

  if (!layout) return <div className="panel-empty">Starting the simulated cluster…</div>;
  return (
    <div className="topology" data-testid="topology">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        fitViewOptions={{ padding: FIT_PADDING }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        minZoom={0.2}
        // React Flow's pan key (Space) is a page-wide listener that does not see monaco's input
        // element as a text field: it ate every space typed in the YAML editor. The graph pans
        // by dragging instead.
        panActivationKeyCode={null}
        maxZoom={3}
        onNodeClick={onNodeClick}
        // A click shows the label too (a touch screen has no hover); a handler also keeps edges interactive.
        onEdgeClick={onEdgeHover}
        onEdgeMouseEnter={onEdgeHover}
        onEdgeMouseLeave={onEdgeLeave}
      >
        <Background gap={24} />
        <FitOnResize count={nodes.length} />
        <PacketWalkOverlay />
      </ReactFlow>
    </div>
  );
}

/**
 * Fits the graph to its pane now, from the pane's measured size. Computed here rather than with
 * `fitView()`, which in React Flow 12 waits for the nodes to be measured again and so does
 * nothing on a resize.
 */
function useFit(): () => void {
  const flow = useReactFlow();
  const store = useStoreApi();
  return useCallback(() => {
    const pane = document.querySelector('[data-testid="topology"]');
    const nodes = flow.getNodes();
    if (!pane || nodes.length === 0) return;
    const { width, height } = pane.getBoundingClientRect();
    if (width === 0 || height === 0) return;
    const { minZoom, maxZoom } = store.getState();
    void flow.setViewport(getViewportForBounds(flow.getNodesBounds(nodes), width, height, minZoom, maxZoom, FIT_PADDING));
  }, [flow, store]);
}

/** Refits the graph whenever its pane changes size (a window resize, a maximised pane, the side panel). */
function FitOnResize({ count }: { count: number }) {
  const fit = useFit();
  const store = useStoreApi();
  useEffect(() => {
    const pane = document.querySelector('[data-testid="topology"]');
    if (!pane) return;
    const observer = new ResizeObserver(() => fit());
    observer.observe(pane);
    // Nodes are measured after the first render: fit again once they are.
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.nodeLookup !== previous.nodeLookup) fit();
    });
    return () => {
      observer.disconnect();
      unsubscribe();
    };
  }, [fit, store, count]);
  return null;
}
