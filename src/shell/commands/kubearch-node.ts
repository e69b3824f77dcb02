/**
 * `kubearch node stop|start|partition|heal NAME`: break a node and mend it. `stop` stops its
 * kubelet process (no Lease renewals, no status, no pod syncs); `start` brings it back (it
 * re-registers, relists its pods and resyncs them); `partition` makes the network between the
 * node and the apiserver drop everything; `heal` ends that. The containers keep running in both
 * cases, as on a real machine. Noticing the silence (Ready=Unknown after the grace period, the
 * taints, evictions) is the node lifecycle controller's job. `add NAME` makes a new machine join,
 * with the capacity, labels, taints, images and runtime its flags give.
 */
import { missingNode, NODE_VERBS, performFromShell, type NodeVerb } from '../actions';
import type { NodeAddShape } from '../actions/types';
import { parseQuantity, QuantityParseError } from '../../sim/api/quantity';
import { fail, type CommandContext, type CommandResult } from '../types';

export const NODE_USAGE = 'kubearch node stop|start|partition|heal NAME';
export const NODE_ADD_USAGE =
  'kubearch node add NAME [--cpu Q] [--memory Q] [--pods N] [--label K=V]... [--taint K[=V]:EFFECT]... [--image NAME=BYTES]... [--runtime containerd|cri-o]';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** `kubearch node add`'s flags into a shape, or the first thing wrong with them. */
export function parseNodeAdd(args: readonly string[]): NodeAddShape | string {
  const [name, ...rest] = args;
  if (!name || name.startsWith('-')) return `usage: ${NODE_ADD_USAGE}`;
  let cpu = '2';
  let memory = '4025836Ki';
  let pods = 110;
  let runtime: NodeAddShape['runtime'] = 'containerd';
  const labels: Record<string, string> = {};
  const taints: NonNullable<NodeAddShape['taints']>[number][] = [];
  const images: Record<string, number> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined) return `flag needs an argument: ${flag}`;
    switch (flag) {
      case '--cpu':
      case '--memory':
        try {
          parseQuantity(value);
        } catch (error) {
          if (error instanceof QuantityParseError) return `invalid argument "${value}" for "${flag}" flag: ${error.message}`;
          throw error;
        }
        if (flag === '--cpu') cpu = value;
        else memory = value;
        break;
      case '--pods':
        if (!/^[0-9]+$/.test(value) || Number(value) < 1) return `invalid argument "${value}" for "--pods" flag: must be a positive whole number`;
        pods = Number(value);
        break;
      case '--label': {
        const [k, v] = splitOnce(value, '=');
        if (!k || v === undefined) return `invalid label "${value}": expected KEY=VALUE`;
        labels[k] = v;
        break;
      }
      case '--taint': {
        const [kv, effect] = splitOnce(value, ':');
        const [key, v] = splitOnce(kv, '=');
        if (!key || !effect) return `invalid taint spec: ${value}`;
        if (!(EFFECTS as readonly string[]).includes(effect)) return `invalid taint effect: ${effect}, unsupported taint effect`;
        taints.push({ key, ...(v ? { value: v } : {}), effect: effect as (typeof EFFECTS)[number] });
        break;
      }
      case '--image': {
        const [image, bytes] = splitOnce(value, '=');
        if (!image || bytes === undefined || !/^[0-9]+$/.test(bytes)) return `invalid image "${value}": expected NAME=BYTES`;
        images[image] = Number(bytes);
        break;
      }
      case '--runtime':
        if (value !== 'containerd' && value !== 'cri-o') return `invalid argument "${value}" for "--runtime" flag: must be containerd or cri-o`;
        runtime = value;
        break;
      default:
        return `unknown flag: ${flag}`;
    }
  }
  return {
    name,
    cpu,
    memory,
    pods,
    runtime,
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(taints.length ? { taints } : {}),
    ...(Object.keys(images).length ? { images } : {}),
  };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

export function kubearchNode(ctx: CommandContext, args: readonly string[]): CommandResult {
  if (args[0] === 'add') {
    const shape = parseNodeAdd(args.slice(1));
    if (typeof shape === 'string') return fail(`kubearch node add: ${shape}`);
    return performFromShell(ctx, { name: 'node-add', shape }, undefined, 'kubearch node add');
  }
  const [action, name, ...extra] = args;
  if (!action || !name || extra.length > 0) return fail(`kubearch node: usage: ${NODE_USAGE}`);
  // The node is checked before the action: `kubearch node reboot node-9` says node-9 is missing.
  const missing = missingNode(ctx.simulator, name);
  if (missing) return fail(`kubearch node: ${missing}`);
  if (!isNodeVerb(action)) return fail(`kubearch node: unknown action "${action}": ${NODE_USAGE}`);
  return performFromShell(ctx, { name: 'node', verb: action, node: name }, undefined, 'kubearch node');
}

function isNodeVerb(text: string): text is NodeVerb {
  return (NODE_VERBS as readonly string[]).includes(text);
}
