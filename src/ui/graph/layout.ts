/**
 * Where each part of the topology goes, laid out for a wide pane so that the fitted graph keeps
 * large type: the control plane on the left (the controllers on top, kube-apiserver
 * under them with etcd beside it, as only the apiserver talks to etcd); kubectl under it,
 * outside the cluster; the worker nodes stacked on the right, each a row of kube-proxy, kubelet and
 * the container runtime, so every arrow to the apiserver leaves from a side that faces it, and a
 * column for the node's pods (chips drawn by the host node itself, inside its fixed box, so a pod
 * change never makes React Flow measure a node or an edge again).
 * Sizes are in flow units; the page zooms the whole to fit its pane.
 */
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { ComponentInfo, Topology } from '../../worker/protocol';

export const COMPONENT_W = 180;
export const COMPONENT_H = 64;
const GAP_X = 34;
const GAP_Y = 40;
const PAD = 10;
const TITLE = 24;
const WORKER_GAP = 12;
const COLUMN_GAP = 56;
/** Between a worker's components: closer than the control plane's, to make room for the pods column. */
const WORKER_GAP_X = 26;
/** The worker's pods column: as wide as the page's 14 px names allow (graph.e2e.ts checks them at 1280×720). */
export const PODS_W = 108;
const PODS_GAP = 8;

export type ComponentNodeData = { info: ComponentInfo };
export type HostNodeData = { label: string; role: 'control-plane' | 'worker' | 'client'; podsX?: number };
export type ConnectionEdgeData = { label: string };

export function layoutTopology(topology: Topology): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [];
  const byHost = (host: string) => topology.components.filter((c) => c.host === host);
  const cpRows = 2;
  const cpWidth = 3 * COMPONENT_W + 2 * GAP_X + 2 * PAD;
  const cpHeight = TITLE + cpRows * COMPONENT_H + (cpRows - 1) * GAP_Y + PAD;
  const workers = topology.hosts.filter((h) => h.role === 'worker');
  const workerSlotX = (col: number) => PAD + col * (COMPONENT_W + WORKER_GAP_X);
  const podsX = workerSlotX(3) - WORKER_GAP_X + PODS_GAP;
  const workerWidth = podsX + PODS_W + PAD;
  const workerHeight = TITLE + COMPONENT_H + PAD;
  const workersHeight = workers.length * workerHeight + Math.max(0, workers.length - 1) * WORKER_GAP;
  const kubectlGap = 34;
  const height = Math.max(cpHeight + kubectlGap + COMPONENT_H, workersHeight);

  const cpX = 0;
  const cpY = (height - cpHeight - kubectlGap - COMPONENT_H) / 2;
  const workersX = cpX + cpWidth + COLUMN_GAP;
  const workersY = (height - workersHeight) / 2;

  const slotX = (col: number) => PAD + col * (COMPONENT_W + GAP_X);
  const slotY = (row: number) => TITLE + row * (COMPONENT_H + GAP_Y);

  nodes.push(hostNode('host/control-plane', 'control-plane', 'control-plane', cpX, cpY, cpWidth, cpHeight));
  const cpSlots: Record<string, { col: number; row: number }> = {
    'kube-scheduler': { col: 0, row: 0 },
    'kube-controller-manager': { col: 1, row: 0 },
    'cloud-controller-manager': { col: 2, row: 0 },
    'kube-apiserver': { col: 2, row: 1 },
    etcd: { col: 1, row: 1 },
  };
  const extra = { col: 0, row: 1 };
  for (const c of byHost('control-plane')) {
    const slot = cpSlots[c.kind] ?? extra;
    nodes.push(componentNode(c, 'host/control-plane', slotX(slot.col), slotY(slot.row)));
  }
  for (const c of byHost('client')) {
    nodes.push(componentNode(c, undefined, cpX + slotX(0), cpY + cpHeight + kubectlGap));
  }
  const workerCols: Record<string, number> = { 'kube-proxy': 0, kubelet: 1, 'container-runtime': 2 };
  workers.forEach((w, i) => {
    const y = workersY + i * (workerHeight + WORKER_GAP);
    const id = `host/${w.name}`;
    nodes.push({ ...hostNode(id, w.name, 'worker', workersX, y, workerWidth, workerHeight), data: { label: w.name, role: 'worker', podsX } satisfies HostNodeData });
    for (const c of byHost(w.name)) nodes.push(componentNode(c, id, workerSlotX(workerCols[c.kind] ?? 2), TITLE));
  });

  const edges: Edge[] = topology.connections.map((c) => {
    const [sourceHandle, targetHandle] = handlesFor(topology, c.from, c.to);
    return {
      id: `${c.from}->${c.to}`,
      source: c.from,
      target: c.to,
      sourceHandle,
      targetHandle,
      type: 'traffic',
      data: { label: c.label } satisfies ConnectionEdgeData,
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: '#475467' },
      interactionWidth: 16,
    };
  });
  return { nodes, edges };
}

function hostNode(id: string, label: string, role: HostNodeData['role'], x: number, y: number, width: number, height: number): Node {
  return { id, type: 'host', position: { x, y }, data: { label, role } satisfies HostNodeData, style: { width, height, pointerEvents: 'none' }, selectable: false, focusable: false };
}

function componentNode(info: ComponentInfo, parentId: string | undefined, x: number, y: number): Node {
  return {
    id: info.id,
    type: 'component',
    position: { x, y },
    data: { info } satisfies ComponentNodeData,
    ...(parentId ? { parentId, extent: 'parent' as const } : {}),
    style: { width: COMPONENT_W, height: COMPONENT_H },
  };
}

/** Which sides an arrow leaves and enters by, so that it runs beside boxes rather than through them. */
function handlesFor(topology: Topology, from: string, to: string): [string, string] {
  const kindOf = (id: string) => topology.components.find((c) => c.id === id)?.kind;
  const a = kindOf(from);
  const b = kindOf(to);
  if (a === 'kubectl') return ['s-right', 't-bottom'];
  if (b === 'etcd') return ['s-left', 't-right'];
  if (a === 'kube-controller-manager' || a === 'cloud-controller-manager') return ['s-bottom', 't-top'];
  if (a === 'kube-proxy') return ['s-left', 't-right'];
  if (a === 'kubelet' && b === 'kube-apiserver') return ['s-top', 't-right'];
  if (a === 'kubelet') return ['s-right', 't-left'];
  return ['s-left', 't-right'];
}
