/**
 * `kubearch ...`: everything that drives the simulator itself rather than Kubernetes
 * (DESIGN.md): stepping the engine, reading its clock and trace. What changes the simulator
 * (step, play, pause, speed, reset, admission, node) is an action of the registry in
 * ../actions, the same one the page's buttons perform; this file only parses and prints.
 */
import { formatVirtualTime } from '../../sim/engine';
import { performFromShell, type ClockDriver } from '../actions';
import { fail, ok, type Command, type CommandContext, type CommandResult } from '../types';
import { EXPLAIN_USAGE, kubearchExplain } from './kubearch-explain';
import { SSH_USAGE, kubearchSsh } from './kubearch-ssh';
import { NODE_ADD_USAGE, NODE_USAGE, kubearchNode } from './kubearch-node';
import { SCHEDULER_USAGE, kubearchScheduler } from './kubearch-scheduler';
import { CLOUD_USAGE, kubearchCloud } from './kubearch-cloud';
import { kubearchBreak } from './kubearch-break';
import { PROXY_USAGE, kubearchProxy } from './kubearch-proxy';
import { TRACE_PACKET_USAGE, kubearchTracePacket } from './kubearch-trace-packet';
import { STEP_TARGETS, type StepTarget } from '../actions';

const USAGE = `Drive the simulator.

Usage:
  kubearch step [N]        run the next N events (default 1) and print them
  kubearch step --to request|etcd-write|watch-event
                           run to the next API request, etcd write or watch event
  kubearch play|pause      run the engine against the wall clock, or stop (the page only)
  kubearch speed FACTOR    simulated ms per wall ms while playing (the page only)
  kubearch reset [SEED]    boot a new cluster from SEED (the page only)
  kubearch admission enable|disable PLUGIN
                           turn one of kube-apiserver's admission plugins on or off
  kubearch status          print the simulated time, events run and pending, and the seed
  kubearch trace [N]       print the last N events the engine ran (default 20)
  ${EXPLAIN_USAGE}
                           why kube-scheduler put the pod where it did
  ${SSH_USAGE}
                           run a node's tools there (crictl, iptables-save, iptables, ipvsadm, ipset, conntrack, curl)
  ${NODE_USAGE}
                           stop or partition a node's kubelet, and bring it back
  ${NODE_ADD_USAGE}
                           a new machine joins the cluster
  ${SCHEDULER_USAGE}
                           print kube-scheduler's KubeSchedulerConfiguration, or restart it with one
  ${PROXY_USAGE}
                           restart kube-proxy so it re-reads its ConfigMap, or set its mode there and restart
  ${CLOUD_USAGE}
                           the simulated cloud: its machines, load balancers and routes
  ${TRACE_PACKET_USAGE}
                           one connection's walk through each node's rules, to the pod
`;

/** `kubearch` for a host: the page's worker passes its clock driver, the runner none. */
export function kubearchCommand(driver?: ClockDriver): Command {
  return (ctx) => kubearchWith(ctx, driver);
}

/** The runner's `kubearch`: no wall clock, so play, pause, speed and reset say they cannot. */
export const kubearch: Command = kubearchCommand();

function kubearchWith(ctx: CommandContext, driver: ClockDriver | undefined): CommandResult {
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
    case 'cloud':
      return kubearchCloud(ctx, argv.slice(2));
    case 'scheduler':
      return kubearchScheduler(ctx, argv.slice(2));
    case 'break':
      return kubearchBreak(ctx, argv.slice(2));
    case 'trace-packet':
      return kubearchTracePacket(ctx, argv.slice(2));
    case 'proxy':
      return kubearchProxy(ctx, argv.slice(2));
    case 'step': {
      if (arg === '--to' || arg?.startsWith('--to=')) {
        const target = arg === '--to' ? argv[3] : arg.slice('--to='.length);
        if (argv.length > (arg === '--to' ? 4 : 3)) return fail('kubearch step: usage: kubearch step --to request|etcd-write|watch-event');
        if (!isStepTarget(target)) return fail(`kubearch step: --to takes ${STEP_TARGETS.join(', ')}, got '${target ?? ''}'`);
        return performFromShell(ctx, { name: 'step', to: target }, driver, 'kubearch step');
      }
      const n = arg === undefined ? 1 : Number(arg);
      if (!Number.isInteger(n) || n < 1) return fail(`kubearch step: N must be a positive whole number, got '${arg}'`);
      return performFromShell(ctx, { name: 'step', count: n }, driver, 'kubearch step');
    }
    case 'play':
    case 'pause':
      return performFromShell(ctx, { name: sub }, driver, `kubearch ${sub}`);
    case 'speed': {
      const factor = Number(arg);
      if (arg === undefined || !Number.isFinite(factor)) return fail(`kubearch speed: FACTOR must be a number, got '${arg ?? ''}'`);
      return performFromShell(ctx, { name: 'speed', factor }, driver, 'kubearch speed');
    }
    case 'reset': {
      if (arg !== undefined && !/^\d+$/.test(arg)) return fail(`kubearch reset: SEED must be a whole number >= 0, got '${arg}'`);
      return performFromShell(ctx, arg === undefined ? { name: 'reset' } : { name: 'reset', seed: Number(arg) }, driver, 'kubearch reset');
    }
    case 'admission': {
      const plugin = argv[3];
      if ((arg !== 'enable' && arg !== 'disable') || !plugin || argv.length > 4) return fail('kubearch admission: usage: kubearch admission enable|disable PLUGIN');
      return performFromShell(ctx, { name: 'admission-plugin', plugin, enabled: arg === 'enable' }, driver, 'kubearch admission');
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
}

function isStepTarget(text: string | undefined): text is StepTarget {
  return (STEP_TARGETS as readonly (string | undefined)[]).includes(text);
}

