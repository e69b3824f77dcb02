import { describe, expect, it } from 'vitest';
import { parseFlags } from './flags';
import { fieldValidationDirective, VALIDATE_FLAG } from './field-validation';

const directive = (...argv: string[]) => fieldValidationDirective(parseFlags(argv, [VALIDATE_FLAG, { name: 'filename', short: 'f', kind: 'stringArray' }]));

describe('kubectl --validate', () => {
  it('is Strict when absent or bare, and a bare flag does not take the next argument', () => {
    expect(directive()).toEqual({ directive: 'Strict' });
    const flags = parseFlags(['--validate', 'pod.yaml'], [VALIDATE_FLAG]);
    expect(fieldValidationDirective(flags)).toEqual({ directive: 'Strict' });
    expect(flags.args).toEqual(['pod.yaml']);
  });

  it("reads strconv.ParseBool's spellings and the three names", () => {
    for (const v of ['true', 'T', '1', 'strict']) expect(directive(`--validate=${v}`)).toEqual({ directive: 'Strict' });
    for (const v of ['false', 'F', '0', 'ignore']) expect(directive(`--validate=${v}`)).toEqual({ directive: 'Ignore' });
    expect(directive('--validate=warn')).toEqual({ directive: 'Warn' });
  });

  it("refuses anything else with kubectl's message", () => {
    expect(directive('--validate=Warn')).toEqual({ error: 'error: invalid - validate option "Warn"; must be one of: strict (or true), warn, ignore (or false)' });
  });
});
