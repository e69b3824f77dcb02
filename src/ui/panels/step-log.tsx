/**
 * The event log beside the clock: the last events the engine ran (simulated time, the
 * component, what it did, in the engine's own trace labels), the newest highlighted as the one
 * just stepped, and the next scheduled event with when it runs, so a quiet cluster between Lease
 * renewals does not look idle. Reads the store only; stepping is the controls' job.
 */
import { formatVirtualTime } from '../../worker/shared';
import { useSimulationStore } from '../stores/simulation-store';

/** Rows shown; the store keeps more. */
const ROWS = 6;

/** "kubelet/node-1: renew Lease" → ["kubelet/node-1", "renew Lease"]. */
export function splitLabel(label: string): [string, string] {
  const colon = label.indexOf(': ');
  return colon < 0 ? ['', label] : [label.slice(0, colon), label.slice(colon + 2)];
}

export function StepLog() {
  const events = useSimulationStore((s) => s.engineEvents);
  const clock = useSimulationStore((s) => s.clock);
  const recent = events.slice(-ROWS);
  const next = clock?.nextEventTime;
  const [nextWho, nextWhat] = splitLabel(clock?.nextEventLabel ?? '');
  return (
    <section className="step-log" aria-label="Event log" data-testid="event-log">
      <h2 className="strip-title">Event log</h2>
      <ol className="step-log-rows">
        {recent.length === 0 && <li className="step-log-empty">No event run yet since the cluster booted: press Step to run one.</li>}
        {recent.map((e, i) => {
          const [who, what] = splitLabel(e.label);
          const last = i === recent.length - 1;
          return (
            <li key={e.seq} className={last ? 'just-ran' : ''} data-testid={last ? 'event-log-last' : 'event-log-row'} aria-current={last ? 'step' : undefined}>
              <span className="t">{formatVirtualTime(e.at)}</span>
              <span className="who">{who}</span>
              <span className="what" title={e.label}>{what}</span>
            </li>
          );
        })}
        <li className="next" data-testid="event-log-next">
          {next === undefined || clock === undefined ? (
            <span className="what">nothing scheduled</span>
          ) : (
            <>
              <span className="t">{formatVirtualTime(next)}</span>
              <span className="who">next: {nextWho}</span>
              <span className="what" title={clock.nextEventLabel}>
                {nextWhat} <em>(in {formatVirtualTime(Math.max(0, next - clock.time))} of simulated time)</em>
              </span>
            </>
          )}
        </li>
      </ol>
    </section>
  );
}
