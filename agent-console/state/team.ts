import type { AgentPresence, Availability } from '../../shared/contract';
import type { AgentConnection } from '../agent-socket';
import type { AgentActions } from './agent-actions';
import { createStore } from '../../shared/client/store';

export interface TeamState {
  me: AgentPresence | null;
  team: AgentPresence[];
}

const ACTIVITY_REPORT_MS = 60_000;

/** Who is on the team and how available (`presence:changed`), the agent's own availability, and activity reports. */
export function createTeam(connection: AgentConnection, userId: string, actions: AgentActions) {
  const store = createStore<TeamState>({ me: null, team: [] });
  let lastActivityReport = 0;

  function update(presence: AgentPresence): void {
    store.set((s) => ({
      team: s.team.some((a) => a.userId === presence.userId)
        ? s.team.map((a) => (a.userId === presence.userId ? presence : a))
        : [...s.team, presence],
      me: presence.userId === userId ? presence : s.me,
    }));
  }

  async function load(): Promise<void> {
    try {
      const { agents } = await connection.request('team:presence', {});
      store.set({ team: agents, me: agents.find((a) => a.userId === userId) ?? null });
    } catch {
      // Only transfers need the team; the dialog says so when it is empty.
    }
  }

  return {
    store,
    update,
    /** Loads and capacities change with every assignment: fresh ones before picking a transfer target. */
    refresh(): void {
      void load();
    },
    setAvailability(availability: Availability): Promise<boolean> {
      return actions.run(async () => update(await connection.request('availability:set', { availability })));
    },
    setCapacity(capacity: number): Promise<boolean> {
      return actions.run(async () => update(await connection.request('availability:set', { capacity })));
    },
    /** The agent used the console: tells the server now and then, so that it does not set them away. */
    reportActivity(): void {
      const now = Date.now();
      if (now - lastActivityReport < ACTIVITY_REPORT_MS || connection.status() !== 'connected') return;
      lastActivityReport = now;
      connection.request('presence:activity', {}).catch(() => {
        lastActivityReport = 0;
      });
    },
  };
}
