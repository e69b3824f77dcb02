/** The registry of shell commands: one entry per command name, as a shell's PATH would find it. */
import type { Command } from '../types';
import { echo, env } from './echo-env';
import { etcdctl } from './etcdctl';
import { help } from './help';
import { kubearch } from './kubearch';
import { kubectl } from './kubectl';
import { sleep } from './sleep';

export const commands: Readonly<Record<string, Command>> = {
  echo,
  env,
  etcdctl,
  help,
  kubearch,
  kubectl,
  sleep,
};
