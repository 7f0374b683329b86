import type { Redis } from 'ioredis';
import type { Types } from 'mongoose';
import type { AgentPresence, Availability } from '../../shared/contract';
import { rooms } from '../realtime/rooms';
import type { ChatNamespaces } from '../realtime/namespaces';
import { accounts, sites, type StoredUser } from '../data';
import { AppError } from '../errors/app-error';
import type { Logger } from '../infra/logger';
import type { Clock } from '../infra/clock';

/** What presence needs of routing's view of agents (escalation/agent-availability.ts). */
export interface AgentLoads {
  connectedUserIds(siteId: string): Promise<Types.ObjectId[]>;
  loads(agentIds: Types.ObjectId[]): Promise<Map<string, number>>;
  /** Tells the site's widgets whether a person can answer now. */
  broadcast(siteId: string): Promise<void>;
}

interface Deps {
  ns: ChatNamespaces;
  redis: Redis;
  agents: AgentLoads;
  clock: Clock;
  log: Logger;
}

const WORKING_ROLES: StoredUser['role'][] = ['admin', 'agent'];

/**
 * Agents' availability (online / away / offline), capacity and inactivity. Activity is a score in a
 * Redis sorted set per site, so every process sees the same clock and one sweep (a bull job, see
 * auto-away-sweep.ts) can put idle agents away; activity after an automatic away brings them back.
 */
export class Presence {
  constructor(private readonly deps: Deps) {}

  async set(user: StoredUser, patch: { availability?: Availability; capacity?: number }): Promise<AgentPresence> {
    await accounts.update(user._id, { ...patch, ...(patch.availability && { autoAway: false }) });
    await this.changed(user.siteId.toHexString(), [user._id]);
    return this.one(user._id);
  }

  /** The agent is at the console: resets the inactivity clock, and ends an automatic away. */
  async activity(user: StoredUser, now = this.deps.clock.now()): Promise<void> {
    await this.deps.redis.zadd(activityKey(user.siteId.toHexString()), now, user._id.toHexString());
    if (await accounts.endAutoAway(user._id)) await this.changed(user.siteId.toHexString(), [user._id]);
  }

  /** A console connected or disconnected. */
  async connectionChanged(user: StoredUser): Promise<void> {
    await this.changed(user.siteId.toHexString(), [user._id]);
  }

  async team(siteId: Types.ObjectId): Promise<AgentPresence[]> {
    const users = await accounts.ofSite(siteId);
    return this.describe(
      siteId.toHexString(),
      users.filter((u) => u.active && WORKING_ROLES.includes(u.role) && u.passwordHash),
    );
  }

  /** Puts every online agent of every site idle for longer than the site's `autoAwayMinutes` away. */
  async sweep(now = this.deps.clock.now()): Promise<{ away: number }> {
    let away = 0;
    for (const site of await sites.autoAwaySettings()) {
      const minutes = site.autoAwayMinutes ?? 10;
      if (minutes <= 0) continue;
      const siteId = site._id.toHexString();
      const idle = await this.deps.redis.zrangebyscore(activityKey(siteId), '-inf', now - minutes * 60_000);
      if (idle.length === 0) continue;
      const users = await Promise.all(idle.map((id) => accounts.byId(id)));
      const online = users.filter((u): u is StoredUser => u?.availability === 'online');
      if (online.length === 0) continue;
      await Promise.all(online.map((u) => accounts.update(u._id, { availability: 'away', autoAway: true })));
      away += online.length;
      this.deps.log.info({ siteId, agents: online.length }, 'agents set away after inactivity');
      await this.changed(
        siteId,
        online.map((u) => u._id),
      );
    }
    return { away };
  }

  private async one(userId: Types.ObjectId): Promise<AgentPresence> {
    const user = await accounts.byId(userId);
    if (!user) throw new AppError('not_found', 'No such user.');
    const [presence] = await this.describe(user.siteId.toHexString(), [user]);
    return presence!;
  }

  /** Tells the site's agents and widgets. */
  private async changed(siteId: string, userIds: Types.ObjectId[]): Promise<void> {
    const users = (await Promise.all(userIds.map((id) => accounts.byId(id)))).filter((u): u is StoredUser => u !== null);
    for (const presence of await this.describe(siteId, users)) {
      this.deps.ns.agents.to(rooms.siteAgents(siteId)).emit('presence:changed', presence);
    }
    await this.deps.agents.broadcast(siteId);
  }

  private async describe(siteId: string, users: StoredUser[]): Promise<AgentPresence[]> {
    const [connected, loads] = await Promise.all([
      this.deps.agents.connectedUserIds(siteId),
      this.deps.agents.loads(users.map((u) => u._id)),
    ]);
    const connectedIds = new Set(connected.map((id) => id.toHexString()));
    return users.map((user) => {
      const userId = user._id.toHexString();
      return {
        userId,
        name: user.name,
        role: user.role,
        availability: user.availability,
        autoAway: user.autoAway ?? false,
        capacity: user.capacity,
        load: loads.get(userId) ?? 0,
        connected: connectedIds.has(userId),
      };
    });
  }
}

function activityKey(siteId: string): string {
  return `agent-activity:${siteId}`;
}
