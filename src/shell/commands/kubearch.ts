/**
 * `kubearch ...`: everything that drives the simulator itself rather than Kubernetes
 * (DESIGN.md): stepping the engine, reading its clock and trace.
 */
import { formatVirtualTime } from '../../sim/engine';
import { fail, ok, type Command } from '../types';
import { EXPLAIN_USAGE, kubearchExplain } from './kubearch-explain';
import { SSH_USAGE, kubearchSsh } from './kubearch-ssh';
import { NODE_USAGE, kubearchNode } from './kubearch-node';

const USAGE = `Drive the simulator.

Usage:
  kubearch step [N]        run the next N events (default 1) and print them
  kubearch status          print the simulated time, events run and pending, and the seed
  kubearch trace [N]       print the last N events the engine ran (default 20)
  ${EXPLAIN_USAGE}
                           why kube-scheduler put the pod where it did
  ${SSH_USAGE}
                           run a node's tools there (crictl ps|pods|images|inspect|logs)
  ${NODE_USAGE}
                           stop or partition a node's kubelet, and bring it back
`;

export const kubearch: Command = (ctx) => {
  const { argv, simulator } = ctx;
  const { engine } = simulator;
  const [, sub, arg] = argv;
  switch (sub) {
    case 'explain':
      return kubearchExplain(ctx, argv.slice(2));
    case 'ssh':
      return kubearchSsh(ctx, argv.slice(2));
    case 'node':
      return kubearchNode(ctx, argv.slice(2));
    case 'step': {
      const n = arg === undefined ? 1 : Number(arg);
      if (!Number.isInteger(n) || n < 1) return fail(`kubearch step: N must be a positive whole number, got '${arg}'`);
      const lines: string[] = [];
      for (let i = 0; i < n; i++) {
        const ran = engine.step();
        if (!ran) {
          lines.push('(no events scheduled)');
          break;
        }
        lines.push(`${formatVirtualTime(ran.at)}  ${ran.label}`);
      }
      return ok(`${lines.join('\n')}\n`);
    }
    case 'status':
      return ok(
        `time:    ${formatVirtualTime(engine.now())}\nevents:  ${engine.eventsRun} run, ${engine.pending} pending\nseed:    ${engine.seed}\ntrace:   ${engine.trace.digest()}\n`,
      );
    case 'trace': {
      const n = arg === undefined ? 20 : Number(arg);
      if (!Number.isInteger(n) || n < 1) return fail(`kubearch trace: N must be a positive whole number, got '${arg}'`);
      return ok(`${engine.trace.format(n)}\n`);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return ok(USAGE);
    default:
      return fail(`kubearch: unknown command "${sub}"\n${USAGE}`);
  }
};
