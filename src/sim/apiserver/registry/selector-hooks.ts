/**
 * Adapters from the registry to the selector parsers in src/sim/api: labels.Parse for
 * `labelSelector` and fields.ParseSelector plus the resource's field-label conversion for
 * `fieldSelector`. An error is upstream's whole message (for labels it already starts with
 * `unable to parse requirement: ` when a requirement is at fault), for a 400 BadRequest.
 */
import { fieldSelectorPredicate, FieldSelectorParseError } from '../../api/fields/selector';
import { parseSelector, SelectorParseError } from '../../api/labels/selector';
import type { KubeObject } from '../../api/kube-object';

type Parsed<T> = { readonly matches: T } | { readonly error: string };

export function parseLabelSelectorText(text: string): Parsed<(labels: Record<string, string>) => boolean> {
  try {
    const selector = parseSelector(text);
    return { matches: (labels) => selector.matches(labels) };
  } catch (e) {
    if (e instanceof SelectorParseError) return { error: e.message };
    throw e;
  }
}

export function parseFieldSelectorText(resource: string, text: string): Parsed<(object: KubeObject) => boolean> {
  try {
    return { matches: fieldSelectorPredicate(resource, text) };
  } catch (e) {
    if (e instanceof FieldSelectorParseError) return { error: e.message };
    throw e;
  }
}
