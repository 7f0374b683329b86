import type { DomainEvents } from '../../events/domain-events';
import type { ChatNamespaces } from '../../realtime/namespaces';
import { rooms } from '../../realtime/rooms';

/** What the consoles see of canned-response changes: every signed-in agent of the site, in every tab. */
export class CannedBroadcasts {
  constructor(private readonly ns: ChatNamespaces) {}

  saved({ siteId, response }: DomainEvents['canned.saved']): void {
    this.ns.agents.to(rooms.siteAgents(siteId)).emit('canned:saved', response);
  }

  removed({ siteId, shortcut }: DomainEvents['canned.removed']): void {
    this.ns.agents.to(rooms.siteAgents(siteId)).emit('canned:removed', { shortcut });
  }
}
