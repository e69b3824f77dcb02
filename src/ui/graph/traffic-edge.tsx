/**
 * One arrow of the topology graph (React Flow custom edge): the connection, with an arrowhead
 * in the direction requests go, its label only while hovered (labels never collide; the
 * legend lists them all), the highlight when it is on the selected request's path, and the
 * messages crossing it as dots that travel from sender to receiver, either way along it.
 * The dots are drawn outside React (message-dots.ts).
 */
import { useEffect, useRef } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, getStraightPath, Position, type Edge, type EdgeProps } from '@xyflow/react';
import { edgeKey } from '../stores/simulation-store';
import { animateEdgeDots } from './message-dots';

export type TrafficEdgeData = { label: string; hovered?: boolean; onPath?: boolean };

export function TrafficEdge(props: EdgeProps<Edge<TrafficEdgeData>>) {
  const { source, target, markerEnd, data } = props;
  const [path, labelX, labelY] = edgePath(props);
  const classes = ['connection', data?.onPath ? 'on-path' : '', data?.hovered ? 'hovered' : ''].filter(Boolean).join(' ');
  return (
    <>
      <BaseEdge id={props.id} path={path} {...(markerEnd ? { markerEnd } : {})} className={classes} {...(props.interactionWidth !== undefined ? { interactionWidth: props.interactionWidth } : {})} />
      <Dots path={path} edge={edgeKey(source, target)} forwardFrom={source} />
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

/** The arrow's messages: drawn by message-dots.ts outside React, so a burst of traffic renders nothing here. */
function Dots({ path, edge, forwardFrom }: { path: string; edge: string; forwardFrom: string }) {
  const lineRef = useRef<SVGPathElement>(null);
  const groupRef = useRef<SVGGElement>(null);
  useEffect(() => {
    if (!lineRef.current || !groupRef.current) return;
    return animateEdgeDots(groupRef.current, lineRef.current, edge, forwardFrom);
  }, [path, edge, forwardFrom]);
  return (
    <>
      <path ref={lineRef} d={path} fill="none" stroke="none" />
      <g ref={groupRef} className="message-dots" />
    </>
  );
}
