/**
 * `kubectl rollout pause deployment/NAME`: sets spec.paused (polymorphichelpers
 * defaultObjectPauser); the Deployment controller then only scales it, and a new template
 * starts no rollout until it is resumed.
 */
import type { CommandResult } from '../../../../types';
import type { KubectlContext } from '../../kubectl-context';
import { runObjectChange } from './object-change';

export function rolloutPause(ctx: KubectlContext): CommandResult {
  return runObjectChange(ctx, {
    subcommand: 'pause',
    change: (info, copy) => {
      if (info.kind !== 'Deployment') return 'pausing is not supported';
      const spec = copy['spec'] as { paused?: boolean };
      if (spec.paused) return 'is already paused';
      spec.paused = true;
      return undefined;
    },
    done: 'paused',
    unchanged: () => ({ line: 'already paused' }),
  });
}
