/**
 * The newest packet walk as a list, beside the rules: for each node the packet crossed, every
 * rule it matched in order (hook, table, the rule as iptables-save prints it) and what the rule
 * did to it (DNAT, masquerade, REJECT...), then where it ended. `kubearch trace-packet` prints
 * the same walk in the shell.
 */
import type { WalkStepView, WalkView } from '../../worker/protocol';
import { formatVirtualTime } from '../../worker/shared';

function effect(step: WalkStepView): string {
  switch (step.action) {
    case 'dnat':
      return `DNAT to ${step.detail ?? ''}`;
    case 'masquerade':
      return `MASQUERADE to ${step.detail ?? ''}`;
    case 'snat':
      return `SNAT to ${step.detail ?? ''}`;
    case 'redirect':
      return `REDIRECT to ${step.detail ?? ''}`;
    case 'reject':
      return `REJECT ${step.detail ?? ''}`;
    case 'drop':
      return 'DROP';
    case 'ipvs':
      return `IPVS ${step.detail ?? ''}`;
    case 'conntrack':
      return `conntrack: ${step.detail ?? ''}`;
    default:
      return '';
  }
}

export function outcomeText(walk: WalkView): string {
  switch (walk.outcome) {
    case 'connected':
      return `connected to ${walk.endpoint?.pod ?? walk.endpoint?.address ?? ''} on ${walk.endpoint?.node ?? ''}`;
    case 'refused':
      return `refused: nothing listens on ${walk.endpoint?.address ?? ''}:${walk.endpoint?.port ?? ''}`;
    case 'rejected':
      return 'rejected by a REJECT rule (no endpoints)';
    case 'timeout':
      return `no answer (${walk.reason ?? ''})`;
  }
}

export function PacketWalkList({ walk }: { walk: WalkView | undefined }) {
  if (!walk) return <p className="panel-empty">No packet yet: curl or wget a Service from a pod (kubectl exec) or a node (kubearch ssh), or run kubearch trace-packet.</p>;
  return (
    <div className="walk-list" data-testid="walk-list">
      <p className="walk-head">
        <span className="mono">{formatVirtualTime(walk.at)}</span> tcp {walk.from.pod ?? walk.from.node} ({walk.from.address}) → {walk.to.address}:{walk.to.port}:{' '}
        <strong className={walk.outcome === 'connected' ? 'walk-ok' : 'walk-bad'}>{outcomeText(walk)}</strong>
      </p>
      <ol className="walk-hops">
        {walk.hops.map((hop, i) => (
          <li key={i} data-testid="walk-hop">
            <strong>{hop.node}</strong>
            {hop.dnat ? <span className="walk-dnat"> DNAT → {hop.dnat}</span> : null} <span className="hint">verdict {hop.verdict}</span>
            <ul>
              {hop.steps
                .filter((s) => !(s.action === 'policy' && s.detail === 'ACCEPT'))
                .map((s, j) => (
                  <li key={j} className={`walk-step walk-${s.action}`}>
                    <span className="walk-where">
                      {s.hook} {s.table}
                    </span>{' '}
                    {s.ruleText !== undefined ? `-A ${s.chain} ${s.ruleText}` : `${s.chain}${s.detail ? `: ${s.detail}` : ''}`}
                    {effect(s) && s.ruleText !== undefined ? <strong className="walk-effect"> ⇒ {effect(s)}</strong> : null}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
