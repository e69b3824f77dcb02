/** The operator machine's shell commands: one entry per command name, as its PATH would find it (a node's are in node-tools/). */
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
