import type { DomainEvents } from '../events/domain-events';
import type { ChatNamespaces } from '../realtime/namespaces';
import { rooms } from '../realtime/rooms';
import { toVisitorContext } from './visitor-context';

/** What the widget and the console see of visitor events. */
export class VisitorBroadcasts {
  constructor(private readonly ns: ChatNamespaces) {}

  /** The widget learns its visitor's new stage. */
  stageChanged({ visitor, stage }: DomainEvents['visitor.stageChanged']): void {
    this.ns.visitors.to(rooms.visitor(visitor._id.toHexString())).emit('lifecycle:stage', { stage });
  }

  /** Agents looking at the visitor see the fresh context. */
  updated({ after }: DomainEvents['visitor.updated']): void {
    this.ns.agents.to(rooms.visitorWatchers(after._id.toHexString())).emit('visitor:context', toVisitorContext(after));
  }
}
