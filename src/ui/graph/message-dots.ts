/**
 * The messages crossing one arrow of the graph, drawn straight into the SVG without React. At
 * 100× hundreds of messages a second arrive: rendering each batch through React (a `<g>` made
 * and removed per dot) and asking the browser for `getPointAtLength` per dot per frame took most
 * of the page's main thread. Here each arrow adds an element when a message comes and removes
 * it when it is dropped, and keeps a table of points along its path, sampled once per path; a
 * frame only moves the live dots.
 */
import { useTrafficStore } from './traffic-store';
import { progressOf, type Dot } from './traffic-timeline';
import { messageShapeSpec } from './message-shapes';

const SVG = 'http://www.w3.org/2000/svg';
/** Points sampled along a path: one every few pixels is as smooth as the browser's own answer. */
const SAMPLE_PX = 4;
const MAX_SAMPLES = 400;
const NO_DOTS: readonly Dot[] = [];

/** Points along a path, `SAMPLE_PX` apart (x, y interleaved). */
function samplePath(line: SVGPathElement): Float32Array {
  const length = line.getTotalLength();
  const n = Math.min(MAX_SAMPLES, Math.max(2, Math.ceil(length / SAMPLE_PX) + 1));
  const points = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const p = line.getPointAtLength((length * i) / (n - 1));
    points[2 * i] = p.x;
    points[2 * i + 1] = p.y;
  }
  return points;
}

/** The point `along` (0..1) of the way through sampled points. */
function pointAt(points: Float32Array, along: number): [number, number] {
  const last = points.length / 2 - 1;
  const at = Math.min(last, Math.max(0, along * last));
  const i = Math.min(last - 1, Math.floor(at));
  const f = at - i;
  return [points[2 * i]! + f * (points[2 * i + 2]! - points[2 * i]!), points[2 * i + 1]! + f * (points[2 * i + 3]! - points[2 * i + 1]!)];
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** One built shape per kind (and response code), cloned for each dot: cheaper than building it again. */
const shapes = new Map<string, Element>();

function shapeOf(dot: Dot): Element {
  const key = dot.kind === 'response' ? `response ${dot.label}` : dot.kind;
  let shape = shapes.get(key);
  if (!shape) {
    const { tag, attrs } = messageShapeSpec(dot.kind, dot.label);
    shape = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs)) shape.setAttribute(kebab(name), String(value));
    shapes.set(key, shape);
  }
  return shape.cloneNode(false) as Element;
}

/** Makes `slot` show `dot`: its shape, its code for a response, and the attributes tests and tooltips read. */
function dress(slot: SVGGElement, dot: Dot): void {
  const parts: Element[] = [shapeOf(dot)];
  if (dot.kind === 'response') {
    const code = document.createElementNS(SVG, 'text');
    code.setAttribute('class', 'message-code');
    code.setAttribute('x', '11');
    code.setAttribute('y', '-9');
    code.textContent = dot.label;
    parts.push(code);
  }
  const title = document.createElementNS(SVG, 'title');
  title.textContent = `${dot.kind} ${dot.from} → ${dot.to}: ${dot.label}`;
  parts.push(title);
  slot.replaceChildren(...parts);
  slot.setAttribute('class', `message message-${dot.kind}`);
  slot.setAttribute('data-kind', dot.kind);
  slot.setAttribute('data-from', dot.from);
  slot.setAttribute('data-to', dot.to);
}

/**
 * Draws the dots of arrow `edge` (an `edgeKey`) into `group`, moving along `line`, forwards for
 * messages sent by `forwardFrom`. Follows the traffic store until the returned function is called.
 */
export function animateEdgeDots(group: SVGGElement, line: SVGPathElement, edge: string, forwardFrom: string): () => void {
  let points: Float32Array | undefined;
  let dots: readonly Dot[] = NO_DOTS;
  /** The element showing each dot in flight. */
  const slotOf = new Map<number, SVGGElement>();
  let frame = 0;

  const assign = () => {
    const wanted = new Set(dots.map((d) => d.id));
    for (const [id, slot] of slotOf) {
      if (wanted.has(id)) continue;
      slotOf.delete(id);
      slot.remove();
    }
    for (const dot of dots) {
      if (slotOf.has(dot.id)) continue;
      const slot = document.createElementNS(SVG, 'g');
      slot.style.display = 'none';
      dress(slot, dot);
      group.appendChild(slot);
      slotOf.set(dot.id, slot);
    }
  };

  const draw = () => {
    frame = 0;
    points ??= samplePath(line);
    const now = performance.now();
    let live = false;
    for (const dot of dots) {
      const slot = slotOf.get(dot.id)!;
      if (dot.start + dot.duration > now) live = true;
      else {
        // Arrived: gone from the picture (the store drops it with the next traffic).
        slot.remove();
        continue;
      }
      const p = progressOf(dot, now);
      if (p === undefined) continue;
      const [x, y] = pointAt(points!, dot.from === forwardFrom ? p : 1 - p);
      slot.style.display = '';
      slot.setAttribute('transform', `translate(${x.toFixed(1)} ${y.toFixed(1)})`);
    }
    if (live) frame = requestAnimationFrame(draw);
  };

  const follow = (next: readonly Dot[] | undefined) => {
    if ((next ?? NO_DOTS) === dots) return;
    dots = next ?? NO_DOTS;
    assign();
    if (!frame) frame = requestAnimationFrame(draw);
  };
  follow(useTrafficStore.getState().dots[edge]);
  const unsubscribe = useTrafficStore.subscribe((state) => follow(state.dots[edge]));
  return () => {
    unsubscribe();
    cancelAnimationFrame(frame);
    group.replaceChildren();
  };
}
