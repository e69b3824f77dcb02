/**
 * `kubectl rollout resume deployment/NAME`: clears spec.paused (polymorphichelpers
 * defaultObjectResumer; `paused: false` is left out of the encoded object, so the patch
 * removes the field), and the rollout the paused template changes waited for begins.
 */
import type { CommandResult } from '../../../../types';
import type { KubectlContext } from '../../kubectl-context';
import { runObjectChange } from './object-change';

export function rolloutResume(ctx: KubectlContext): CommandResult {
  return runObjectChange(ctx, {
    subcommand: 'resume',
    change: (info, copy) => {
      if (info.kind !== 'Deployment') return 'resuming is not supported';
      const spec = copy['spec'] as { paused?: boolean };
      if (!spec.paused) return 'is not paused';
      delete spec.paused;
      return undefined;
    },
    done: 'resumed',
    unchanged: () => ({ line: 'already resumed' }),
  });
}
