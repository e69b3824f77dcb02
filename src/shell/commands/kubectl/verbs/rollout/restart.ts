/**
 * `kubectl rollout restart deployment|daemonset|statefulset/NAME`: stamps the pod template with
 * `kubectl.kubernetes.io/restartedAt` (polymorphichelpers defaultObjectRestarter), so the
 * template changes and the controller rolls out new pods. The time is the simulated clock's,
 * RFC 3339 to the second: a second restart within the same second makes no patch, which
 * kubectl refuses with its own message.
 */
import { simulatedTimestamp } from '../../../../../sim/api/time';
import type { CommandResult } from '../../../../types';
import type { KubectlContext } from '../../kubectl-context';
import { runObjectChange } from './object-change';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

export function rolloutRestart(ctx: KubectlContext): CommandResult {
  const now = simulatedTimestamp(ctx.clock.now());
  return runObjectChange(ctx, {
    subcommand: 'restart',
    change: (info, copy) => {
      if (info.group !== 'apps' || !['Deployment', 'DaemonSet', 'StatefulSet'].includes(info.kind)) return 'restarting is not supported';
      const spec = copy['spec'] as { paused?: boolean; template?: { metadata?: { annotations?: Record<string, string> } } };
      if (info.kind === 'Deployment' && spec.paused) return "can't restart paused deployment (run rollout resume first)";
      const template = (spec.template ??= {});
      const metadata = (template.metadata ??= {});
      (metadata.annotations ??= {})[RESTARTED_AT] = now;
      return undefined;
    },
    done: 'restarted',
    unchanged: (name) => ({ error: `failed to create patch for ${name}: if restart has already been triggered within the past second, please wait before attempting to trigger another` }),
  });
}
