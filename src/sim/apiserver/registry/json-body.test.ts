import { describe, expect, it } from 'vitest';
import { StatusError } from '../status';
import { decodeJsonBody } from './json-body';

function refusal(text: string): string {
  try {
    decodeJsonBody('Namespace', text);
  } catch (error) {
    if (error instanceof StatusError) return `${error.code} ${error.message}`;
  }
  return 'accepted';
}

describe('decodeJsonBody', () => {
  it('decodes JSON text into its object', () => {
    expect(decodeJsonBody('Namespace', ' {"kind":"Namespace"}\n')).toEqual({ kind: 'Namespace' });
  });

  it("refuses an empty body, a body not JSON from its first byte, and a broken one, as transformDecodeError words it", () => {
    const prefix = "400 the object provided is unrecognized (must be of type Namespace): couldn't get version/kind; json parse error: ";
    expect(refusal('')).toBe(`${prefix}unexpected end of JSON input (<empty>)`);
    expect(refusal('kind: Pod')).toBe(`${prefix}invalid character 'k' looking for beginning of value (6b696e643a20506f64)`);
    expect(refusal('{"kind":')).toBe(`${prefix}unexpected end of JSON input ({"kind":)`);
  });
});
