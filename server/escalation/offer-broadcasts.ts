import { toSummary } from '../conversations/serialize';
import type { DomainEvents } from '../events/domain-events';
import type { AgentNamespace } from '../realtime/namespaces';
import { rooms } from '../realtime/rooms';

/** An offer reaches the one agent it is for (until its SLA ends), or every agent of the site. */
export function broadcastOffer(agents: AgentNamespace, { conversation, to }: DomainEvents['escalation.offered']): void {
  const summary = toSummary(conversation);
  if ('userId' in to)
    agents.to(rooms.agent(to.userId)).emit('escalation:offer', { conversation: summary, expiresAt: to.expiresAt.toISOString() });
  else agents.to(rooms.siteAgents(to.siteId)).emit('escalation:offer', { conversation: summary, expiresAt: null });
}
