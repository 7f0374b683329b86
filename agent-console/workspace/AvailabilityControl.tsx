import type { Availability } from '../../shared/contract';
import { useConsoleSession } from '../state/session-context';
import { useStore } from '../state/use-store';

const LABELS: Record<Availability, string> = { online: 'Online', away: 'Away', offline: 'Offline' };

/** The agent's own availability in the header; "Away (idle)" when the server set it after inactivity. */
export function AvailabilityControl() {
  const { team, actions } = useConsoleSession();
  const { me } = useStore(team.store);
  const { busy } = useStore(actions.store);
  if (!me) return null;
  return (
    <label class={`availability availability--${me.availability}`}>
      <span class="availability__dot" aria-hidden="true" />
      <span class="visually-hidden">Your availability</span>
      <select
        class="availability__select"
        value={me.availability}
        disabled={busy}
        onChange={(event) => void team.setAvailability(event.currentTarget.value as Availability)}
      >
        {(Object.keys(LABELS) as Availability[]).map((a) => (
          <option key={a} value={a}>
            {LABELS[a]}
            {a === 'away' && me.autoAway ? ' (idle)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
