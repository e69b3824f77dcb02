/**
 * Simulation controls: play, pause, step one event, speed, reset with a seed, and the simulated
 * clock. Every button performs an action of the registry, the same one `kubearch` in the shell
 * performs (`kubearch step`, `play`, `pause`, `speed`, `reset`); what it shows comes back
 * through the store.
 */
import { useState } from 'react';
import { formatVirtualTime, MAX_SPEED, MIN_SPEED } from '../../worker/shared';
import { useSimulationStore } from '../stores/simulation-store';
import { perform } from '../simulation-client';

const SPEEDS = [MIN_SPEED, 0.5, 1, 2, 5, 10, 25, 50, MAX_SPEED];

export function ControlsBar() {
  const clock = useSimulationStore((s) => s.clock);
  const [seedText, setSeedText] = useState('1');
  const [seedError, setSeedError] = useState<string | undefined>();
  const playing = clock?.playing ?? false;

  const reset = () => {
    const seed = Number(seedText);
    if (!/^\d+$/.test(seedText.trim()) || !Number.isSafeInteger(seed)) {
      setSeedError('The seed is a whole number, 0 or more.');
      return;
    }
    setSeedError(undefined);
    void perform({ name: 'reset', seed });
  };

  return (
    <header className="controls" aria-label="Simulation controls">
      <div className="brand">
        <strong>KubeArch</strong>
        <span className="tagline">the Kubernetes architecture, live</span>
      </div>
      <div className="control-group">
        {playing ? (
          <button type="button" onClick={() => void perform({ name: 'pause' })} data-testid="pause">
            Pause
          </button>
        ) : (
          <button type="button" onClick={() => void perform({ name: 'play' })} data-testid="play">
            Play
          </button>
        )}
        <button type="button" onClick={() => void perform({ name: 'step' })} disabled={playing} data-testid="step" title="Run exactly one simulated event">
          Step
        </button>
        <label className="speed">
          Speed
          <select
            value={clock?.speed ?? 1}
            onChange={(e) => void perform({ name: 'speed', factor: Number(e.target.value) })}
            data-testid="speed"
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="control-group">
        <label className="seed">
          Seed
          <input
            value={seedText}
            onChange={(e) => setSeedText(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && reset()}
            size={8}
            aria-invalid={seedError !== undefined}
            data-testid="seed"
          />
        </label>
        <button type="button" onClick={reset} data-testid="reset">
          Reset
        </button>
        {seedError && <span className="field-error" role="alert">{seedError}</span>}
      </div>
      <div className="clock" data-testid="clock" title="Simulated time since the cluster started">
        <span className="clock-time" data-testid="clock-time">{formatVirtualTime(clock?.time ?? 0)}</span>
        <span className="clock-detail" data-testid="events-run">
          {clock ? `${clock.eventsRun} events run · ${clock.pending} pending` : 'starting…'}
        </span>
        {clock && <span className="clock-detail" data-testid="next-event">next event at {clock.nextEventTime === undefined ? '—' : formatVirtualTime(clock.nextEventTime)}</span>}
      </div>
    </header>
  );
}
