/**
 * How each kind of message looks on the graph and in its legend: a request is a blue circle, a
 * response a circle coloured by its status code (green 2xx, amber 4xx, red 5xx) with the code
 * beside it, an etcd call a purple square, a watch event an orange diamond. Shapes differ as
 * well as colours, so the kinds can be told apart without colour.
 */
import type { TrafficView } from '../../worker/protocol';

export const MESSAGE_COLOURS = {
  request: '#1d4ed8',
  'response-2xx': '#15803d',
  'response-4xx': '#b45309',
  'response-5xx': '#b91c1c',
  etcd: '#7e22ce',
  'watch-event': '#c2410c',
} as const;

export function responseColour(label: string): string {
  const code = Number.parseInt(label, 10);
  if (code >= 500) return MESSAGE_COLOURS['response-5xx'];
  if (code >= 400) return MESSAGE_COLOURS['response-4xx'];
  return MESSAGE_COLOURS['response-2xx'];
}

/** An SVG element's tag and attributes: one description for React (the legend) and for the DOM (the dots on the graph). */
export interface ShapeSpec {
  readonly tag: 'circle' | 'rect' | 'polygon';
  readonly attrs: Readonly<Record<string, string | number>>;
}

const STROKE = { stroke: '#ffffff', strokeWidth: 2 } as const;

/** The shape of a message of `kind`, centred on (0, 0). */
export function messageShapeSpec(kind: TrafficView['kind'], label: string, size = 8): ShapeSpec {
  switch (kind) {
    case 'request':
      return { tag: 'circle', attrs: { r: size, fill: MESSAGE_COLOURS.request, ...STROKE } };
    case 'response':
      return { tag: 'circle', attrs: { r: size, fill: responseColour(label), ...STROKE } };
    case 'etcd':
      return { tag: 'rect', attrs: { x: -size, y: -size, width: 2 * size, height: 2 * size, rx: 2, fill: MESSAGE_COLOURS.etcd, ...STROKE } };
    case 'watch-event':
      return { tag: 'polygon', attrs: { points: `0,${-size * 1.3} ${size * 1.3},0 0,${size * 1.3} ${-size * 1.3},0`, fill: MESSAGE_COLOURS['watch-event'], ...STROKE } };
  }
}

/** The shape as a React element (the legend). */
export function MessageShape({ kind, label, size = 8 }: { kind: TrafficView['kind']; label: string; size?: number }) {
  const { tag: Tag, attrs } = messageShapeSpec(kind, label, size);
  return <Tag {...attrs} />;
}

export const LEGEND: readonly { kind: TrafficView['kind']; label: string; text: string }[] = [
  { kind: 'request', label: '', text: 'request' },
  { kind: 'response', label: '200', text: 'response 2xx' },
  { kind: 'response', label: '404', text: 'response 4xx' },
  { kind: 'response', label: '500', text: 'response 5xx' },
  { kind: 'etcd', label: '', text: 'etcd call / reply' },
  { kind: 'watch-event', label: '', text: 'watch event' },
];
