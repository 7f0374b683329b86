import type { VisitorContext } from '../../shared/contract';
import { humanizeId } from '../lib/lifecycle-labels';

/** The score as a percentage and each signal's share of it, largest effect first. */
export function IntentSection({ intent }: { intent: VisitorContext['intent'] }) {
  const percent = Math.round(Math.min(1, Math.max(0, intent.score)) * 100);
  const reasons = [...intent.reasons].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const largest = Math.max(...reasons.map((r) => Math.abs(r.contribution)), 1e-9);
  return (
    <div class="intent">
      <p class="intent__score">
        <strong class="intent__percent">{percent}%</strong>
        <span class="muted"> likely to buy</span>
      </p>
      <meter class="intent__meter" min={0} max={100} low={30} high={70} optimum={100} value={percent} aria-label="Purchase intent" />
      {reasons.length === 0 ? (
        <p class="muted">No signals yet.</p>
      ) : (
        <ul class="intent__reasons" aria-label="Why">
          {reasons.map((reason) => {
            const raises = reason.contribution > 0;
            return (
              <li
                key={reason.signal}
                class={`intent-reason intent-reason--${raises ? 'up' : 'down'}`}
                title={`Signal: ${humanizeId(reason.signal)} (log-odds)`}
              >
                <span class="intent-reason__detail">{reason.detail || humanizeId(reason.signal)}</span>
                <span class="intent-reason__effect">
                  <span class="visually-hidden">{raises ? 'raises intent by' : 'lowers intent by'} </span>
                  <span aria-hidden="true">{raises ? '+' : '−'}</span>
                  {Math.abs(reason.contribution).toFixed(2)}
                </span>
                <span
                  class="intent-reason__bar"
                  aria-hidden="true"
                  style={{ width: `${Math.round((Math.abs(reason.contribution) / largest) * 100)}%` }}
                />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
