/**
 * The server's answer to the editor's apply, placed in the editor's text: kubectl prints one
 * line per failed object, `The Pod "x" is invalid: field.path: message` (several fields as
 * `* field.path: message` lines after it) or `... strict decoding error: unknown field
 * "spec.containers[0].imagee"`; each field error is marked at its field in the document (or the
 * List item) of the object it is about.
 */
import { objectFieldLocator, type ManifestError, type ManifestResult } from '../shell/manifest';

const STRICT = /(\w+) in version "[^"]*" cannot be handled as a \w+: strict decoding error: (.*)/;
const INVALID = /The (\w+) "([^"]*)" is invalid: ?(.*)/;
const FIELD_ERROR = /^([A-Za-z][\w.[\]-]*): (.+)$/;

/** `parsed` is parseManifests(text): its objects are in the order kubectl applied them. */
export function serverFieldErrors(text: string, parsed: ManifestResult & { kind: 'ok' }, stderr: string): ManifestError[] {
  const { objects } = parsed;
  const locate = objectFieldLocator(text, parsed);
  const errors: ManifestError[] = [];
  const place = (objectIndex: number, path: string, message: string) => {
    const at = (objectIndex >= 0 ? locate(objectIndex, path) : undefined) ?? { line: 1, column: 1 };
    errors.push({ message, line: at.line, column: at.column });
  };
  // The object whose `* field: message` lines follow, after a multi-error header.
  let invalid = -1;
  const fieldError = (text: string) => {
    const m = FIELD_ERROR.exec(text.trim());
    if (m) place(invalid, m[1] as string, `${m[1]}: ${m[2]}`);
  };
  for (const line of stderr.split('\n')) {
    const strict = STRICT.exec(line);
    if (strict) {
      invalid = -1;
      const kind = strict[1] as string;
      for (const m of (strict[2] as string).matchAll(/unknown field "([^"]+)"/g)) {
        const path = m[1] as string;
        // The message does not name the object: the first of that kind that has the field.
        place(
          objects.findIndex((o) => o.kind === kind && hasFieldPath(o, path)),
          path,
          `unknown field "${path}"`,
        );
      }
      continue;
    }
    const header = INVALID.exec(line);
    if (header) {
      invalid = objects.findIndex((o) => o.kind === header[1] && o.metadata.name === header[2]);
      if (header[3]) fieldError(header[3]);
      continue;
    }
    if (line.startsWith('* ')) fieldError(line.slice(2));
  }
  return errors;
}

/** Whether `spec.containers[0].imagee` is there in the object as written. */
function hasFieldPath(object: unknown, path: string): boolean {
  let node: unknown = object;
  for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (typeof node !== 'object' || node === null) return false;
    const index = /^\[(\d+)\]$/.exec(part);
    const key = index ? Number(index[1]) : part;
    if (!(key in node)) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  return true;
}
