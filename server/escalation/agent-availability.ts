import { Types } from 'mongoose';
import { rooms } from '../realtime/rooms';
import type { ChatNamespaces } from '../realtime/namespaces';
import { accounts, conversations, type StoredUser } from '../data';
import type { SiteDirectory } from '../sites/site-directory';
import { isWithinBusinessHours } from '../../shared/sites/business-hours';
import { dateOf, type Clock } from '../infra/clock';

const WORKING_ROLES: ReadonlyArray<StoredUser['role']> = ['admin', 'agent'];

export interface AvailableAgent {
  user: StoredUser;
  load: number;
}

/**
 * Who can take a conversation now: agents with a connected console socket (asked through Socket.IO,
 * so with the Redis adapter it spans every process and never holds stale presence), set to online,
 * active, in a role that works conversations, and under their capacity of open assigned conversations.
 */
export class AgentAvailability {
  constructor(
    private readonly ns: ChatNamespaces,
    private readonly sites: SiteDirectory,
    private readonly clock: Clock,
  ) {}

  async connectedUserIds(siteId: string): Promise<Types.ObjectId[]> {
    const sockets = await this.ns.agents.in(rooms.siteAgents(siteId)).fetchSockets();
    const ids = new Set(sockets.map((s) => s.data.userId));
    return [...ids].map((id) => new Types.ObjectId(id));
  }

  async onlineAgents(siteId: string): Promise<StoredUser[]> {
    const users = await Promise.all((await this.connectedUserIds(siteId)).map((id) => accounts.byId(id)));
    return users.filter(
      (user): user is StoredUser =>
        user?.siteId.equals(siteId) === true && user.active && user.availability === 'online' && WORKING_ROLES.includes(user.role),
    );
  }

  /** Whether the widget may promise a person: the site is within its business hours and an agent is online. */
  async anyOnline(siteId: string): Promise<boolean> {
    const { site } = await this.sites.get(siteId);
    if (!isWithinBusinessHours(site.businessHours ?? null, dateOf(this.clock))) return false;
    return (await this.onlineAgents(siteId)).length > 0;
  }

  /** Open conversations assigned to each of the agents. */
  async loads(agentIds: Types.ObjectId[]): Promise<Map<string, number>> {
    return new Map(await Promise.all(agentIds.map(async (id) => [id.toHexString(), await conversations.openLoadOf(id)] as const)));
  }

  /** Online agents under capacity, least loaded first (ties: the one connected longest ago wins by id order). */
  async available(siteId: string, exclude: readonly string[] = []): Promise<AvailableAgent[]> {
    const agents = (await this.onlineAgents(siteId)).filter((a) => !exclude.includes(a._id.toHexString()));
    if (agents.length === 0) return [];
    const loadOf = await this.loads(agents.map((a) => a._id));
    return agents
      .map((user) => ({ user, load: loadOf.get(user._id.toHexString()) ?? 0 }))
      .filter((a) => a.load < a.user.capacity)
      .sort((a, b) => a.load - b.load || a.user._id.toHexString().localeCompare(b.user._id.toHexString()));
  }

  /** Tells every widget of the site whether a person can answer now. */
  async broadcast(siteId: string): Promise<void> {
    this.ns.visitors.to(rooms.siteVisitors(siteId)).emit('agents:availability', { online: await this.anyOnline(siteId) });
  }
}
