import type { AgentConnection } from '../agent-socket';
import type { ConsoleStore } from '../state/console-store';
import { VisitorContextStore } from '../visitor-panel/visitor-context-store';
import { OffersStore } from './offers-store';

/** The lifecycle side of the workspace: the open conversation's visitor context and escalation offers. */
export interface LifecycleStores {
  visitor: VisitorContextStore;
  offers: OffersStore;
  dispose(): void;
}

/** Starts both on the workspace's connection; accepting an offer opens its conversation. */
export function startLifecycleStores(connection: AgentConnection, consoleStore: ConsoleStore): LifecycleStores {
  const visitor = new VisitorContextStore(connection);
  const offers = new OffersStore(connection, (conversation) => consoleStore.select(conversation.id));
  visitor.start();
  offers.start();
  return {
    visitor,
    offers,
    dispose() {
      offers.dispose();
      visitor.dispose();
    },
  };
}
