/**
 * The topology graph: the control-plane machine with its components, the worker nodes with
 * theirs, and arrows for who talks to whom. Parts not built yet are greyed and say so. A part
 * glows for a moment when it did something in the simulation.
 */
import { useEffect, useMemo, useState } from 'react';
import { ReactFlow, Background, Controls, Handle, Position, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { ComponentInfo, Topology } from '../../worker/protocol';
import { edgeKey, useSimulationStore } from '../stores/simulation-store';

const COMPONENT_W = 170;
const COMPONENT_H = 56;
const GAP = 14;
const PAD = 36;
/** How long a component glows after it acted, in wall milliseconds. */
const GLOW_MS = 700;

type ComponentNodeData = { info: ComponentInfo; active: boolean };
type HostNodeData = { label: string; role: 'control-plane' | 'worker' | 'client' };

const SIDES = [
  ['top', Position.Top],
  ['bottom', Position.Bottom],
  ['left', Position.Left],
  ['right', Position.Right],
] as const;

function ComponentNode({ data }: NodeProps<Node<ComponentNodeData>>) {
  const { info, active } = data;
  return (
    <div
      className={`component ${info.simulated ? 'simulated' : 'not-simulated'} ${active ? 'active' : ''}`}
      title={info.role}
      data-testid={`component-${info.id}`}
    >
      {SIDES.map(([id, position]) => (
        <Handle key={`t-${id}`} id={`t-${id}`} type="target" position={position} />
      ))}
      <div className="component-name">{info.kind}</div>
      <div className="component-status">{info.simulated ? 'simulated' : 'not yet simulated'}</div>
      {SIDES.map(([id, position]) => (
        <Handle key={`s-${id}`} id={`s-${id}`} type="source" position={position} />
      ))}
    </div>
  );
}

function HostNode({ data }: NodeProps<Node<HostNodeData>>) {
  return <div className={`host host-${data.role}`}>{data.label}</div>;
}

const nodeTypes = { component: ComponentNode, host: HostNode };

const COL = COMPONENT_W + GAP;
const ROW = COMPONENT_H + GAP * 3;

/**
 * A fixed layout that reads like the architecture diagrams in the Kubernetes docs: the
 * control-plane clients on the top row, kube-apiserver in the middle with etcd beside it, and
 * the worker nodes below, each with kubelet and kube-proxy facing up toward the apiserver.
 */
export function layoutTopology(topology: Topology): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [];
  const absolute = new Map<string, { x: number; y: number }>();
  const workers = topology.hosts.filter((h) => h.role === 'worker');
  const workerWidth = 2 * COL - GAP + 2 * PAD;
  const workersWidth = workers.length * (workerWidth + 2 * GAP) - 2 * GAP;
  const cpWidth = 3 * COL - GAP + 2 * PAD;
  const totalWidth = Math.max(cpWidth, workersWidth);
  const cpX = (totalWidth - cpWidth) / 2;

  nodes.push({
    id: 'host/control-plane',
    type: 'host',
    position: { x: cpX, y: 0 },
    data: { label: 'control-plane', role: 'control-plane' },
    style: { width: cpWidth, height: PAD + ROW + COMPONENT_H + PAD / 2 },
    selectable: false,
  });
  const cpSlots: Record<string, { col: number; row: number }> = {
    'kube-scheduler': { col: 0, row: 0 },
    'kube-controller-manager': { col: 1, row: 0 },
    'cloud-controller-manager': { col: 2, row: 0 },
    etcd: { col: 0, row: 1 },
    'kube-apiserver': { col: 1, row: 1 },
  };
  for (const c of topology.components.filter((c) => c.host === 'control-plane')) {
    const slot = cpSlots[c.kind] ?? { col: 2, row: 1 };
    const position = { x: PAD + slot.col * COL, y: PAD + slot.row * ROW };
    absolute.set(c.id, { x: cpX + position.x, y: position.y });
    nodes.push({ id: c.id, type: 'component', parentId: 'host/control-plane', extent: 'parent', position, data: { info: c, active: false } });
  }
  // kubectl, outside the cluster, to the right of the control plane.
  const kubectl = topology.components.find((c) => c.kind === 'kubectl');
  if (kubectl) {
    const position = { x: cpX + cpWidth + 60, y: PAD + ROW };
    absolute.set(kubectl.id, position);
    nodes.push({ id: kubectl.id, type: 'component', position, data: { info: kubectl, active: false } });
  }
  const hostsY = PAD + ROW + COMPONENT_H + PAD / 2 + 110;
  const workerSlots: Record<string, { col: number; row: number }> = {
    kubelet: { col: 0, row: 0 },
    'kube-proxy': { col: 1, row: 0 },
    'container-runtime': { col: 0, row: 1 },
  };
  workers.forEach((w, wi) => {
    const x = (totalWidth - workersWidth) / 2 + wi * (workerWidth + 2 * GAP);
    nodes.push({
      id: `host/${w.name}`,
      type: 'host',
      position: { x, y: hostsY },
      data: { label: w.name, role: 'worker' },
      style: { width: workerWidth, height: PAD + ROW + COMPONENT_H + PAD / 2 },
      selectable: false,
    });
    for (const c of topology.components.filter((c) => c.host === w.name)) {
      const slot = workerSlots[c.kind] ?? { col: 1, row: 1 };
      const position = { x: PAD + slot.col * COL, y: PAD + slot.row * ROW };
      absolute.set(c.id, { x: x + position.x, y: hostsY + position.y });
      nodes.push({ id: c.id, type: 'component', parentId: `host/${w.name}`, extent: 'parent', position, data: { info: c, active: false } });
    }
  });
  const edges: Edge[] = topology.connections.map((c) => {
    const [sourceHandle, targetHandle] = facingSides(absolute.get(c.from), absolute.get(c.to));
    // Only the control plane's own arrows carry a label; the per-node ones repeat and would clutter.
    const labelled = !c.from.includes('/');
    return {
      id: `${c.from}->${c.to}`,
      source: c.from,
      target: c.to,
      sourceHandle,
      targetHandle,
      ...(labelled ? { label: c.label } : {}),
      className: 'connection',
    };
  });
  return { nodes, edges };
}

/** Which handles face each other for two components, so arrows do not cross the boxes. */
function facingSides(a: { x: number; y: number } | undefined, b: { x: number; y: number } | undefined): [string, string] {
  if (!a || !b) return ['s-bottom', 't-top'];
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (Math.abs(dy) > COMPONENT_H) return dy > 0 ? ['s-bottom', 't-top'] : ['s-top', 't-bottom'];
  return dx > 0 ? ['s-right', 't-left'] : ['s-left', 't-right'];
}

export function TopologyGraph() {
  const topology = useSimulationStore((s) => s.topology);
  const activity = useSimulationStore((s) => s.activity);
  const edgeActivity = useSimulationStore((s) => s.edgeActivity);
  const [wallNow, setWallNow] = useState(() => performance.now());
  const layout = useMemo(() => (topology ? layoutTopology(topology) : undefined), [topology]);

  // Re-render while anything glows so the glow fades out.
  useEffect(() => {
    const latest = Math.max(0, ...Object.values(activity), ...Object.values(edgeActivity));
    if (performance.now() - latest > GLOW_MS) return;
    const id = setTimeout(() => setWallNow(performance.now()), GLOW_MS);
    return () => clearTimeout(id);
  }, [activity, edgeActivity]);

  const nodes = useMemo(() => {
    if (!layout) return [];
    const now = Math.max(wallNow, performance.now());
    return layout.nodes.map((n) =>
      n.type === 'component'
        ? { ...n, data: { ...(n.data as ComponentNodeData), active: now - (activity[n.id] ?? -Infinity) < GLOW_MS } }
        : n,
    );
  }, [layout, activity, wallNow]);

  const edges = useMemo(() => {
    if (!layout) return [];
    const now = Math.max(wallNow, performance.now());
    return layout.edges.map((e) => ({ ...e, animated: now - (edgeActivity[edgeKey(e.source, e.target)] ?? -Infinity) < GLOW_MS }));
  }, [layout, edgeActivity, wallNow]);

  if (!layout) return <div className="panel-empty">Starting the simulated cluster…</div>;
  return (
    <div className="topology" data-testid="topology">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.08 }}
        nodesDraggable={false}
        nodesConnectable={false}
        minZoom={0.2}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
