/**
 * One arrow of the topology graph (React Flow custom edge): the connection, with an arrowhead
 * in the direction requests go, its label only while hovered (labels never collide; the
 * legend lists them all), the highlight when it is on the selected request's path, and the
 * messages crossing it as dots that travel from sender to receiver, either way along it.
 * Dots move by writing their transform each animation frame, without React renders.
 */
import { useEffect, useRef } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, getStraightPath, Position, type Edge, type EdgeProps } from '@xyflow/react';
import { edgeKey } from '../stores/simulation-store';
import { useTrafficStore } from './traffic-store';
import { progressOf, type Dot } from './traffic-timeline';
import { MessageShape } from './message-shapes';

export type TrafficEdgeData = { label: string; hovered?: boolean; onPath?: boolean };
const NO_DOTS: readonly Dot[] = [];

export function TrafficEdge(props: EdgeProps<Edge<TrafficEdgeData>>) {
  const { source, target, markerEnd, data } = props;
  const [path, labelX, labelY] = edgePath(props);
  const dots = useTrafficStore((s) => s.dots[edgeKey(source, target)] ?? NO_DOTS);
  const classes = ['connection', data?.onPath ? 'on-path' : '', data?.hovered ? 'hovered' : ''].filter(Boolean).join(' ');
  return (
    <>
      <BaseEdge id={props.id} path={path} {...(markerEnd ? { markerEnd } : {})} className={classes} {...(props.interactionWidth !== undefined ? { interactionWidth: props.interactionWidth } : {})} />
      {dots.length > 0 && <Dots path={path} dots={dots} forwardFrom={source} />}
      {data?.hovered && (
        <EdgeLabelRenderer>
          <div className="edge-label" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }} data-testid="edge-label">
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

/**
 * Arrows run at right angles. Facing sides in line get a straight segment; an arrow leaving a
 * node's top for a side of its target turns within the band above the node (its machine's
 * title band), so it never crosses a neighbour.
 */
function edgePath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }: EdgeProps): [string, number, number] {
  if (Math.abs(sourceY - targetY) < 1 || Math.abs(sourceX - targetX) < 1) {
    const [path, x, y] = getStraightPath({ sourceX, sourceY, targetX, targetY });
    return [path, x, y];
  }
  const up = sourcePosition === Position.Top && (targetPosition === Position.Right || targetPosition === Position.Left);
  const [path, x, y] = getSmoothStepPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    borderRadius: 10,
    offset: up ? 12 : 16,
    ...(up ? { centerY: sourceY - 12, centerX: targetX + (targetPosition === Position.Right ? 36 : -36) } : {}),
  });
  return [path, x, y];
}

function Dots({ path, dots, forwardFrom }: { path: string; dots: readonly Dot[]; forwardFrom: string }) {
  const pathRef = useRef<SVGPathElement>(null);
  const dotRefs = useRef(new Map<number, SVGGElement>());
  useEffect(() => {
    let frame = 0;
    const draw = () => {
      const line = pathRef.current;
      if (!line) return;
      const length = line.getTotalLength();
      const now = performance.now();
      let live = false;
      for (const dot of dots) {
        const g = dotRefs.current.get(dot.id);
        if (!g) continue;
        const p = progressOf(dot, now);
        if (dot.start + dot.duration > now) live = true;
        if (p === undefined) {
          g.style.display = 'none';
          continue;
        }
        const along = dot.from === forwardFrom ? p : 1 - p;
        const point = line.getPointAtLength(along * length);
        g.style.display = '';
        g.setAttribute('transform', `translate(${point.x} ${point.y})`);
      }
      if (live) frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [dots, path, forwardFrom]);
  return (
    <g className="message-dots">
      <path ref={pathRef} d={path} fill="none" stroke="none" />
      {dots.map((dot) => (
        <g
          key={dot.id}
          ref={(el) => {
            if (el) dotRefs.current.set(dot.id, el);
            else dotRefs.current.delete(dot.id);
          }}
          style={{ display: 'none' }}
          className={`message message-${dot.kind}`}
          data-kind={dot.kind}
          data-from={dot.from}
          data-to={dot.to}
        >
          <MessageShape kind={dot.kind} label={dot.label} />
          {dot.kind === 'response' && (
            <text className="message-code" x={11} y={-9}>
              {dot.label}
            </text>
          )}
          <title>{`${dot.kind} ${dot.from} → ${dot.to}: ${dot.label}`}</title>
        </g>
      ))}
    </g>
  );
}
