import type { Availability } from '../../shared/contract';
import { useStoreState } from '../state/use-store-state';
import type { WorkplaceStore } from './workplace-store';

const LABELS: Record<Availability, string> = { online: 'Online', away: 'Away', offline: 'Offline' };

/** The agent's own availability in the header; "Away (idle)" when the server set it after inactivity. */
export function AvailabilityControl({ store }: { store: WorkplaceStore }) {
  const { me, busy } = useStoreState(store);
  if (!me) return null;
  return (
    <label class={`availability availability--${me.availability}`}>
      <span class="availability__dot" aria-hidden="true" />
      <span class="visually-hidden">Your availability</span>
      <select
        class="availability__select"
        value={me.availability}
        disabled={busy}
        onChange={(event) => void store.setAvailability(event.currentTarget.value as Availability)}
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
