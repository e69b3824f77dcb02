/**
 * What the page's terminal needs to know before sending a line to the worker: whether the text
 * typed so far is a whole command, or still inside a quote or a here-document.
 */
import { parseScript } from '../shell/parse';

export function inputIsComplete(text: string): boolean {
  return parseScript(text).kind !== 'incomplete';
}
