/**
 * The strip under the controls: the event log (what ran, what runs next) beside the
 * breakpoints. Its styles are in debugger-strip.css.
 */
import { StepLog } from './step-log';
import { BreakpointsPanel } from './breakpoints-panel';
import './debugger-strip.css';

export function DebuggerStrip() {
  return (
    <div className="debugger-strip">
      <StepLog />
      <BreakpointsPanel />
    </div>
  );
}
