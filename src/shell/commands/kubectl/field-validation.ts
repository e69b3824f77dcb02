/**
 * kubectl's `--validate` (create, apply, replace, edit, expose): which fieldValidation directive to send, as
 * cmdutil.GetValidationDirective reads the flag. Strict by default, so a typo is refused by the
 * server; `warn` lets it through with the server's warning, `ignore` (or false) drops it silently.
 */
import { stringFlag, type FlagSpec, type ParsedFlags } from './flags';

export const VALIDATE_FLAG: FlagSpec = { name: 'validate', kind: 'string', noOptDefault: 'strict' };

// strconv.ParseBool's spellings.
const TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];
const DIRECTIVES: Readonly<Record<string, string>> = { strict: 'Strict', warn: 'Warn', ignore: 'Ignore' };

export function fieldValidationDirective(flags: ParsedFlags): { directive: string } | { error: string } {
  const value = stringFlag(flags, 'validate') ?? 'strict';
  if (TRUE.includes(value)) return { directive: 'Strict' };
  if (FALSE.includes(value)) return { directive: 'Ignore' };
  const directive = Object.hasOwn(DIRECTIVES, value) ? DIRECTIVES[value] : undefined;
  if (directive) return { directive };
  return { error: `error: invalid - validate option ${JSON.stringify(value)}; must be one of: strict (or true), warn, ignore (or false)` };
}
