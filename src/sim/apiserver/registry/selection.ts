/**
 * Which objects a list or watch returns: namespace, label selector and field selector, as the
 * registry's SelectionPredicate. Selector parsing comes from src/sim/api (labels, fields); a
 * selector that does not parse is a 400.
 */
import type { KubeObject } from '../../api/kube-object';
import { newBadRequest } from '../status';
import { parseFieldSelector, fieldLabelConversion } from '../../api/fields/selector';
import { parseLabelSelectorText, parseFieldSelectorText } from './selector-hooks';
import type { RequestQuery } from './request-context';

export interface Selection {
  readonly predicate: (object: KubeObject) => boolean;
  readonly description: string;
  /** A selector was given: a page of a list may hold fewer than it read. */
  readonly filtered: boolean;
  /** The value the field selector requires a field to have exactly, if it does (RequiresExactMatch). */
  readonly requiresExactMatch: (field: string) => string | undefined;
}

export function selectionFromQuery(resource: string, query: RequestQuery): Selection {
  const label = query.get('labelSelector') ?? '';
  const field = query.get('fieldSelector') ?? '';
  const labelMatch = label ? parseLabelSelectorText(label) : undefined;
  if (labelMatch && 'error' in labelMatch) throw newBadRequest(labelMatch.error);
  const fieldMatch = field ? parseFieldSelectorText(resource, field) : undefined;
  if (fieldMatch && 'error' in fieldMatch) throw newBadRequest(fieldMatch.error);
  const lm = labelMatch && 'matches' in labelMatch ? labelMatch.matches : undefined;
  const fm = fieldMatch && 'matches' in fieldMatch ? fieldMatch.matches : undefined;
  return {
    predicate: (object) => (!lm || lm(object.metadata.labels ?? {})) && (!fm || fm(object)),
    description: [label && `labelSelector=${label}`, field && `fieldSelector=${field}`].filter(Boolean).join(' '),
    filtered: label !== '' || field !== '',
    // Parsed again only when asked (a watch of a cache with a trigger field): it parsed above.
    requiresExactMatch: (name) => (field ? parseFieldSelector(field, fieldLabelConversion(resource)).requiresExactMatch(name) : undefined),
  };
}
