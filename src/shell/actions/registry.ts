/**
 * The action registry: one definition per action, and `performAction`, the only way any caller
 * (the shell's `kubearch` commands, the worker's `perform`, labs) runs one. Keeping a single
 * entry point is what makes the Step button and `kubearch step` the same act.
 */
import type { Simulator } from '../host/simulator';
import { formatVirtualTime } from '../../sim/engine';
import { describeCondition, type BreakCondition, type Breakpoint } from '../../sim/breakpoints/breakpoints';
import { formatBreakpoint, formatHit } from './breakpoint-text';
import { proxyMode, proxyRestart } from './kube-proxy-actions';
import type { ActionContext, ActionDefinition, ActionName, ActionRequest, ActionResult, StepTarget } from './types';

type Definitions = { readonly [N in ActionName]: ActionDefinition<Extract<ActionRequest, { name: N }>> };

const done = (output: string): ActionResult => ({ ok: true, output });
const refused = (output: string): ActionResult => ({ ok: false, output });

/** Play, pause, speed and reset need wall-clock timers, which the headless runner does not have. */
function noDriver(what: string): ActionResult {
  return refused(`${what} needs the page's clock: the headless runner has no wall clock (use kubearch step N)`);
}

export const actions: Definitions = {
  step: {
    name: 'step',
    summary: 'run the next N events (default 1), or to the next request, etcd write or watch event; stops at a breakpoint',
    perform({ simulator }, { count = 1, to }) {
      if (to !== undefined) return stepTo(simulator, to);
      if (!Number.isInteger(count) || count < 1) return refused(`N must be a positive whole number, got '${count}'`);
      const { engine, breakpoints } = simulator;
      breakpoints.takeHits();
      const lines: string[] = [];
      for (let i = 0; i < count; i++) {
        const ran = engine.step();
        if (!ran) {
          lines.push('(no events scheduled)');
          break;
        }
        lines.push(`${formatVirtualTime(ran.at)}  ${ran.label}`);
        if (breakpoints.hitPending) {
          lines.push(...breakpoints.takeHits().map(formatHit));
          break;
        }
      }
      return done(lines.join('\n'));
    },
  },
  breakpoint: {
    name: 'breakpoint',
    summary: 'add, list or delete breakpoints on the cluster (an etcd write, a watch event, a request, a pod phase)',
    perform({ simulator }, request) {
      const { breakpoints } = simulator;
      switch (request.verb) {
        case 'add': {
          const bp = breakpoints.add(request.condition);
          return done(`breakpoint ${bp.id}: ${describeCondition(bp.condition)}`);
        }
        case 'delete':
          return breakpoints.delete(request.id) ? done(`breakpoint ${request.id} deleted`) : refused(`no breakpoint ${request.id}${listHint(breakpoints.list())}`);
        case 'list':
          return done(breakpoints.list().length ? ['ID  CONDITION', ...breakpoints.list().map(formatBreakpoint)].join('\n') : 'no breakpoints');
      }
    },
  },
  play: {
    name: 'play',
    summary: 'run the engine against the wall clock, at the current speed',
    perform({ driver }) {
      if (!driver) return noDriver('play');
      driver.play();
      return done('playing');
    },
  },
  pause: {
    name: 'pause',
    summary: 'stop running the engine against the wall clock',
    perform({ driver }) {
      if (!driver) return noDriver('pause');
      driver.pause();
      return done('paused');
    },
  },
  speed: {
    name: 'speed',
    summary: 'simulated milliseconds per wall millisecond while playing',
    perform({ driver }, { factor }) {
      if (!driver) return noDriver('speed');
      try {
        driver.setSpeed(factor);
      } catch (error) {
        return refused(error instanceof Error ? error.message : String(error));
      }
      return done(`speed ${factor}x`);
    },
  },
  reset: {
    name: 'reset',
    summary: 'boot a new cluster from SEED (default: the current seed)',
    perform({ driver, simulator }, { seed = simulator.engine.seed }) {
      if (!driver) return noDriver('reset');
      if (!Number.isSafeInteger(seed) || seed < 0) return refused(`seed must be a whole number >= 0, got ${seed}`);
      driver.reset(seed);
      return done(`cluster rebuilt from seed ${seed}`);
    },
  },
  'compact-etcd': {
    name: 'compact-etcd',
    summary: 'etcdctl compaction REVISION (default: the current revision)',
    perform({ simulator, exec }, { revision = simulator.etcdRevision() }) {
      const result = exec(['etcdctl', 'compaction', String(revision)]);
      return result.exitCode === 0 ? done(result.stdout.trimEnd()) : refused(result.stderr.trim());
    },
  },
  'admission-plugin': {
    name: 'admission-plugin',
    summary: "turn one of kube-apiserver's admission plugins on or off",
    perform({ simulator }, { plugin, enabled }) {
      const chain = simulator.admission;
      if (!chain.plugins.some((p) => p.name === plugin)) {
        return refused(`unknown admission plugin "${plugin}" (plugins: ${chain.plugins.map((p) => p.name).join(', ')})`);
      }
      chain.setEnabled(plugin, enabled);
      return done(`admission plugin ${plugin} ${enabled ? 'enabled' : 'disabled'}`);
    },
  },
  node: {
    name: 'node',
    summary: "stop or partition a node's kubelet, and bring it back",
    perform({ simulator }, { verb, node }) {
      const kubelet = simulator.kubelets.find((k) => k.shape.name === node);
      if (!kubelet) return refused(missingNode(simulator, node) ?? '');
      switch (verb) {
        case 'stop':
          if (!kubelet.isRunning) return done(`kubelet on ${node} is already stopped`);
          kubelet.stop();
          return done(`kubelet on ${node} stopped: no more Lease renewals or status from it; its containers keep running`);
        case 'start':
          if (kubelet.isRunning) return done(`kubelet on ${node} is already running`);
          kubelet.start();
          return done(`kubelet on ${node} starting: it will register, relist its pods and resync them`);
        case 'partition':
          kubelet.partitioned = true;
          return done(`${node} partitioned: the network drops its traffic to and from kube-apiserver`);
        case 'heal':
          kubelet.partitioned = false;
          return done(`${node} healed: its traffic to kube-apiserver flows again`);
      }
    },
  },
  'node-add': {
    name: 'node-add',
    summary: 'a machine joins the cluster: its runtime and kubelet start, and the Node registers',
    perform({ simulator }, { shape }) {
      const refusal = simulator.addNode(shape);
      if (refusal) return refused(refusal);
      const taints = shape.taints?.length ? `, taints ${shape.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(',')}` : '';
      return done(`node/${shape.name} joining: ${shape.runtime ?? 'containerd'}, cpu ${shape.cpu}, memory ${shape.memory}, pods ${shape.pods}${taints}; its kubelet registers the Node in about a second`);
    },
  },
  'scheduler-config': {
    name: 'scheduler-config',
    summary: "restart kube-scheduler with a new KubeSchedulerConfiguration (its --config)",
    perform({ simulator }, { document }) {
      const errors = simulator.configureScheduler(document);
      if (errors) return refused(`the configuration is refused, kube-scheduler keeps running with the old one:\n${errors.map((e) => `  ${e}`).join('\n')}`);
      const profiles = simulator.schedulerConfiguration()?.profiles.map((p) => p.schedulerName).join(', ') ?? '';
      return done(`kube-scheduler restarting with the new configuration (profiles: ${profiles}); it releases its Lease and the new process takes it`);
    },
  },
  'proxy-restart': proxyRestart,
  'proxy-mode': proxyMode,
};

/** Events a "step to next ..." runs at most before it gives up: a quiet cluster renews Leases every few seconds. */
export const STEP_TO_LIMIT = 100_000;

const STEP_TO_CONDITIONS: Record<StepTarget, BreakCondition> = {
  request: { kind: 'request' },
  'etcd-write': { kind: 'etcd-write', prefix: '' },
  'watch-event': { kind: 'watch-event' },
};

/** Run events one at a time until the next `to` (or a breakpoint) happens; print the event it happened in. */
function stepTo(simulator: Simulator, to: StepTarget): ActionResult {
  const { engine, breakpoints } = simulator;
  const condition = STEP_TO_CONDITIONS[to];
  if (!condition) return refused(`unknown step target '${String(to)}' (targets: ${Object.keys(STEP_TO_CONDITIONS).join(', ')})`);
  breakpoints.takeHits();
  breakpoints.armOnce(condition);
  try {
    for (let ran = 1; ran <= STEP_TO_LIMIT; ran++) {
      const event = engine.step();
      if (!event) return done(`(no events scheduled after ${ran - 1} events)`);
      if (breakpoints.hitPending) {
        return done([`ran ${ran} event${ran === 1 ? '' : 's'}, to ${formatVirtualTime(event.at)}`, `${formatVirtualTime(event.at)}  ${event.label}`, ...breakpoints.takeHits().map(formatHit)].join('\n'));
      }
    }
    return refused(`no ${to} in the next ${STEP_TO_LIMIT} events (now ${formatVirtualTime(engine.now())})`);
  } finally {
    breakpoints.armOnce(undefined);
  }
}

function listHint(list: readonly Breakpoint[]): string {
  return list.length ? ` (breakpoints: ${list.map((b) => b.id).join(', ')})` : ' (there are no breakpoints)';
}

/** Why `name` cannot be acted on, when it is not one of the cluster's nodes. */
export function missingNode(simulator: Pick<Simulator, 'kubelets'>, name: string): string | undefined {
  const names = simulator.kubelets.map((k) => k.shape.name);
  return names.includes(name) ? undefined : `no node "${name}" in this cluster (nodes: ${names.join(', ')})`;
}

/** Run one action: the single door every caller goes through. */
export function performAction(ctx: ActionContext, request: ActionRequest): ActionResult {
  const definition = actions[request.name] as ActionDefinition<ActionRequest>;
  return definition.perform(ctx, request);
}
