/** The flags every kubectl verb accepts (kubectl options), merged into each verb's own. */
import type { FlagSpec } from './flags';

export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'as', kind: 'string' },
  { name: 'as-group', kind: 'stringArray' },
  { name: 'context', kind: 'string' },
  { name: 'user', kind: 'string' },
  { name: 'request-timeout', kind: 'string' },
  { name: 'v', short: 'v', kind: 'int' },
];
