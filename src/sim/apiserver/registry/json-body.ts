/**
 * A request body that arrives as bytes (`kubectl create --raw URI -f FILE` sends the file as it
 * is, labelled application/json): decoded as the JSON serializer does, and when not even the
 * kind can be read, refused as the handlers' transformDecodeError words it, with
 * summarizeData's first 30 bytes (as text for a `{`, else in hex).
 */
import { hex, utf8Bytes, utf8Text } from '../../base64';
import { newBadRequest } from '../status';

const VALUE_START = /^[{["0-9tfn-]/;

/** The body's object, or a BadRequest: `the object provided is unrecognized (must be of type Namespace): ...`. */
export function decodeJsonBody(kind: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw newBadRequest(`the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: ${jsonSyntaxError(text)} (${summarizeData(text, 30)})`);
  }
}

/**
 * encoding/json's SyntaxError for the two cases a file posted by mistake shows (empty, or not
 * JSON from its first character); a body broken further in is named by its first bad character.
 */
function jsonSyntaxError(text: string): string {
  const trimmed = text.trimStart();
  const first = trimmed[0];
  if (first !== undefined && !VALUE_START.test(first)) return `invalid character '${first}' looking for beginning of value`;
  return 'unexpected end of JSON input';
}

function summarizeData(text: string, max: number): string {
  const data = utf8Bytes(text);
  if (data.length === 0) return '<empty>';
  const head = data.slice(0, max);
  const more = data.length > max ? ' ...' : '';
  return `${text.startsWith('{') ? utf8Text(head) : hex(head)}${more}`;
}
