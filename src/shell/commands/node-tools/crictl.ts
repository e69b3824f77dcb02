/**
 * `crictl` on a node: the CRI client, talking to the node's container runtime through its socket
 * (not to the apiserver), as after `ssh node-1`. The subcommands a learner reaches for first.
 */
import { crictlImages, crictlInspect, crictlLogs, crictlPods, crictlPs, crictlVersion, resolveContainerId } from '../../../sim/node/runtime/crictl-format';
import { fail, ok, type Command } from '../../types';

const CRICTL_USAGE = `crictl on this node: ps [-a], pods, images, inspect ID, logs [--tail N] [-t] ID, version\n`;

export const crictl: Command = ({ argv, host, clock }) => {
  // A machine with no container runtime has no crictl either.
  if (host.kind !== 'node') return { exitCode: 127, stdout: '', stderr: `bash: crictl: command not found\n` };
  const { runtime } = host;
  const [, sub, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('-')));
  const positional = rest.filter((a, i) => !a.startsWith('-') && rest[i - 1] !== '--tail');
  switch (sub) {
    case 'ps':
      return ok(crictlPs(runtime, clock.now(), { all: flags.has('-a') || flags.has('--all') }));
    case 'pods':
      return ok(crictlPods(runtime, clock.now()));
    case 'images':
    case 'img':
      return ok(crictlImages(runtime));
    case 'version':
      return ok(crictlVersion(runtime));
    case 'inspect':
    case 'logs': {
      const prefix = positional[0];
      if (!prefix) return fail(`FATA[0000] ID cannot be empty`);
      const id = resolveContainerId(runtime, prefix);
      if (typeof id !== 'string') return fail(`FATA[0000] ${id.error}`);
      if (sub === 'inspect') return ok(crictlInspect(runtime, id));
      const tailAt = rest.indexOf('--tail');
      const tail = tailAt >= 0 ? Number(rest[tailAt + 1]) : undefined;
      return ok(crictlLogs(runtime, id, { timestamps: flags.has('-t') || flags.has('--timestamps'), ...(tail !== undefined && Number.isInteger(tail) ? { tail } : {}) }));
    }
    default:
      return fail(sub ? `crictl: '${sub}' is not simulated yet\n${CRICTL_USAGE}` : CRICTL_USAGE);
  }
};
