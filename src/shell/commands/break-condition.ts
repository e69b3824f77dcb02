/**
 * A breakpoint's condition from its words, as `kubearch break add` and the page's breakpoint
 * form take them (`etcd-write /registry/pods/`, `watch pods ADDED`, `request --user alice`,
 * `pod-phase Running`), or why they are not one. Pure, so the page can check what is typed.
 */
import type { BreakCondition } from '../../sim/breakpoints/breakpoints';

export const BREAK_USAGE = 'kubearch break add etcd-write PREFIX | watch RESOURCE [TYPE] | request [--user U] [--verb V] | pod-phase PHASE; break list; break delete N';

const WATCH_TYPES = ['ADDED', 'MODIFIED', 'DELETED'] as const;
const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

export function parseCondition(words: readonly string[]): BreakCondition | string {
  const [kind, ...rest] = words;
  switch (kind) {
    case 'etcd-write': {
      const [prefix, ...extra] = rest;
      if (prefix === undefined || extra.length) return 'usage: kubearch break add etcd-write PREFIX (for example /registry/pods/)';
      if (!prefix.startsWith('/')) return `an etcd key prefix starts with '/', got '${prefix}' (for example /registry/pods/)`;
      return { kind: 'etcd-write', prefix };
    }
    case 'watch': {
      const [resource, type, ...extra] = rest;
      if (resource === undefined || extra.length) return 'usage: kubearch break add watch RESOURCE [ADDED|MODIFIED|DELETED]';
      if (!/^[a-z][a-z0-9.-]*$/.test(resource)) return `RESOURCE is a resource's plural name (pods, nodes, leases), got '${resource}'`;
      if (type === undefined) return { kind: 'watch-event', resource };
      const upper = type.toUpperCase();
      const known = WATCH_TYPES.find((t) => t === upper);
      if (!known) return `unknown watch event type '${type}' (types: ${WATCH_TYPES.join(', ')})`;
      return { kind: 'watch-event', resource, type: known };
    }
    case 'request': {
      let user: string | undefined;
      let verb: string | undefined;
      for (let i = 0; i < rest.length; i++) {
        const flag = rest[i] ?? '';
        const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
        const value = inline ?? rest[++i];
        if (name !== '--user' && name !== '--verb') return `unknown flag '${flag}' (request takes --user USER and --verb VERB)`;
        if (!value) return `${name} needs a value`;
        if (name === '--user') user = value;
        else verb = value;
      }
      return { kind: 'request', ...(user ? { user } : {}), ...(verb ? { verb } : {}) };
    }
    case 'pod-phase': {
      const [phase, ...extra] = rest;
      if (phase === undefined || extra.length) return `usage: kubearch break add pod-phase PHASE (${POD_PHASES.join(', ')})`;
      if (!POD_PHASES.includes(phase)) return `unknown pod phase '${phase}' (phases: ${POD_PHASES.join(', ')})`;
      return { kind: 'pod-phase', phase };
    }
    default:
      return kind === undefined ? `usage: ${BREAK_USAGE}` : `unknown condition '${kind}' (conditions: etcd-write, watch, request, pod-phase)`;
  }
}
