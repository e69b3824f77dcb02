/**
 * `echo` and `env`, for the commands other commands run (`etcdctl watch KEY -- echo ...` or
 * `-- env`): echo writes its arguments joined by spaces (`-n`: no newline), env the environment
 * it was given, one `NAME=value` a line. The shell itself keeps no variables, so `env` typed at
 * the prompt prints nothing.
 */
import { ok, type Command } from '../types';

export const echo: Command = ({ argv }) => {
  const words = argv.slice(1);
  const noNewline = words[0] === '-n';
  const text = (noNewline ? words.slice(1) : words).join(' ');
  return ok(noNewline ? text : `${text}\n`);
};

export const env: Command = ({ env: vars = {} }) => ok(Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(''));
