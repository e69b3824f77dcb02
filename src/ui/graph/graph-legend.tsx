/**
 * The graph's key: the shape of each kind of message, what each arrow carries (the labels the
 * arrows show only on hover, so they never collide), and how fast the dots move.
 */
import { useState } from 'react';
import { useSimulationStore } from '../stores/simulation-store';
import { LEGEND, MessageShape } from './message-shapes';
import { wallPerSimMs } from './traffic-timeline';

export function GraphLegend() {
  const topology = useSimulationStore((s) => s.topology);
  const speed = useSimulationStore((s) => s.clock?.speed ?? 1);
  const [open, setOpen] = useState(false);
  // One line per kind of arrow: the per-node ones repeat on every node.
  const arrows = new Map<string, string>();
  for (const c of topology?.connections ?? []) {
    const key = `${c.from.split('/')[0]} → ${c.to.split('/')[0]}`;
    if (!arrows.has(key)) arrows.set(key, c.label);
  }
  return (
    <div className="graph-legend" data-testid="graph-legend">
      {LEGEND.map((item) => (
        <span key={item.text} className="legend-item">
          <svg width="20" height="20" viewBox="-10 -10 20 20" aria-hidden="true">
            <MessageShape kind={item.kind} label={item.label} size={6} />
          </svg>
          {item.text}
        </span>
      ))}
      <span className="legend-note" title="A hop on the simulated network takes 0.5–2 simulated ms; dots are drawn slowed down so they can be followed, and skip ahead when they fall 4 s behind the cluster.">
        slow motion: 1 ms = {Math.round(wallPerSimMs(speed))} ms
      </span>
      <div className="legend-arrows">
        <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="legend-arrows">
          Arrows
        </button>
        {open && (
          <ul className="legend-popover" data-testid="legend-arrow-list">
            {[...arrows].map(([key, label]) => (
              <li key={key}>
                <strong>{key}</strong>: {label}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
