/**
 * Adapters from the registry to the selector parsers in src/sim/api (labels.ts, fields.ts).
 * WIRING PENDING: equality-only parsing until those modules land.
 */
import type { KubeObject } from '../../watch-event';

type Parsed<T> = { readonly matches: T } | { readonly error: string };

export function parseLabelSelectorText(text: string): Parsed<(labels: Record<string, string>) => boolean> {
  const terms = text.split(',').map((t) => t.trim().split('='));
  if (terms.some((t) => t.length !== 2)) return { error: `${text}: unsupported selector` };
  return { matches: (labels) => terms.every(([k, v]) => labels[k as string] === v) };
}

export function parseFieldSelectorText(_resource: string, text: string): Parsed<(object: KubeObject) => boolean> {
  const terms = text.split(',').map((t) => t.trim().split('='));
  if (terms.some((t) => t.length !== 2)) return { error: `${text}: unsupported selector` };
  return {
    matches: (object) =>
      terms.every(([path, v]) => {
        let cur: unknown = object;
        for (const part of (path as string).split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
        return String(cur ?? '') === v;
      }),
  };
}
