/**
 * The newest packet walk drawn on the graph: after a curl, wget or trace-packet, a ring on the
 * source's node (its kube-proxy's rules are where the packet is first walked), one on each node
 * whose rules it crossed with the DNAT it got there, and one on the container runtime of the
 * endpoint's node (the pod that answered), joined by a path a dot runs along. Drawn in the
 * graph's own coordinates (a ViewportPortal), with an SVG animation the browser runs by itself:
 * nothing re-renders per frame, and the overlay is gone a few seconds later.
 */
import { useEffect, useState } from 'react';
import { useReactFlow, ViewportPortal } from '@xyflow/react';
import type { WalkView } from '../../worker/protocol';
import { usePacketWalkPoller, useNetfilterStore } from '../stores/netfilter-store';
import { outcomeText } from '../panels/packet-walk-list';
import './packet-walk-overlay.css';

/** How long the walk stays on the graph, in wall ms. */
export const WALK_SHOWN_MS = 12_000;

interface Stop {
  readonly id: string;
  readonly label: string;
}

/** The components the packet visits, in order, each with what happened there. */
export function walkStops(walk: WalkView): Stop[] {
  const stops: Stop[] = [];
  walk.hops.forEach((hop, i) => {
    const id = `kube-proxy/${hop.node}`;
    const what = hop.dnat ? `DNAT → ${hop.dnat}` : i === 0 ? `from ${walk.from.pod ?? walk.from.node}` : 'routed in';
    const label = i === 0 && hop.dnat ? `from ${walk.from.pod ?? walk.from.node}: ${what}` : what;
    const last = stops[stops.length - 1];
    if (last?.id === id) stops[stops.length - 1] = { id, label: `${last.label}; ${label}` };
    else stops.push({ id, label });
  });
  if (walk.endpoint) stops.push({ id: `container-runtime/${walk.endpoint.node}`, label: `${walk.endpoint.pod ?? walk.endpoint.address}:${walk.endpoint.port}` });
  return stops;
}

export function PacketWalkOverlay() {
  usePacketWalkPoller();
  const walk = useNetfilterStore((s) => s.walk);
  const arrived = useNetfilterStore((s) => s.walkArrived);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!walk) return;
    setVisible(true);
    const timer = setTimeout(() => setVisible(false), WALK_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [walk, arrived]);
  if (!walk || !visible) return null;
  return <WalkDrawing walk={walk} key={`${walk.seq}-${arrived}`} />;
}

function WalkDrawing({ walk }: { walk: WalkView }) {
  const flow = useReactFlow();
  const boxes = walkStops(walk).flatMap((stop) => {
    const n = flow.getInternalNode(stop.id);
    if (!n) return [];
    const { x, y } = n.internals.positionAbsolute;
    const w = n.measured.width ?? 0;
    const h = n.measured.height ?? 0;
    return [{ ...stop, x, y, w, h, cx: x + w / 2, cy: y + h / 2 }];
  });
  if (boxes.length === 0) return null;
  const minX = Math.min(...boxes.map((b) => b.x)) - 40;
  const minY = Math.min(...boxes.map((b) => b.y)) - 40;
  const maxX = Math.max(...boxes.map((b) => b.x + b.w)) + 40;
  const maxY = Math.max(...boxes.map((b) => b.y + b.h)) + 40;
  const path = boxes.map((b, i) => `${i === 0 ? 'M' : 'L'} ${b.cx - minX} ${b.cy - minY}`).join(' ');
  const ok = walk.outcome === 'connected';
  return (
    <ViewportPortal>
      <div className="packet-walk" style={{ position: 'absolute', transform: `translate(${minX}px, ${minY}px)`, width: maxX - minX, height: maxY - minY, pointerEvents: 'none', zIndex: 5 }} data-testid="packet-walk-overlay">
        <svg width={maxX - minX} height={maxY - minY} className={ok ? 'walk-svg ok' : 'walk-svg bad'}>
          {boxes.map((b, i) => (
            <rect key={i} x={b.x - minX - 5} y={b.y - minY - 5} width={b.w + 10} height={b.h + 10} rx={10} className="walk-ring" />
          ))}
          {boxes.length > 1 && <path d={path} className="walk-path" />}
          {boxes.length > 1 && (
            <circle r={9} className="walk-dot">
              <animateMotion dur="1.6s" repeatCount="4" path={path} fill="freeze" />
            </circle>
          )}
        </svg>
        {boxes.map((b, i) => (
          <div key={i} className="walk-badge" style={{ position: 'absolute', left: b.x - minX - 14, top: b.y - minY - 14 }}>
            {i + 1}
          </div>
        ))}
        <div className={ok ? 'walk-caption ok' : 'walk-caption bad'} style={{ position: 'absolute', left: 0, top: 32 }}>
          <div className="walk-outcome">
            tcp {walk.to.address}:{walk.to.port} — {outcomeText(walk)}
          </div>
          {boxes.map((b, i) => (
            <div key={i} className="walk-label" data-testid="walk-label">
              {i + 1}. {b.id.replace('/', ' on ')}: {b.label}
            </div>
          ))}
        </div>
      </div>
    </ViewportPortal>
  );
}
