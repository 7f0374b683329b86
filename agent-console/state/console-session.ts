import type { CloseReason, ConversationSummary, User } from '../../shared/contract';
import type { AgentConnection, ConnectionStatus } from '../agent-socket';
import type { BrowserHooks } from '../lib/browser-hooks';
import type { WorkplaceApi } from '../api/workplace-api';
import { createAgentActions } from './agent-actions';
import { createAlerts } from './alerts';
import { createAttention } from './attention';
import { createCanned } from './canned';
import { createConversations } from './conversations';
import { createNotes } from './notes';
import { createOffers } from './offers';
import { createOpenConversation } from './open-conversation';
import { createReadReceipts } from './read-receipts';
import { createStore } from '../../shared/client/store';
import { createTeam } from './team';
import { createVisitorContext } from './visitor-context';

export type ConsoleSession = ReturnType<typeof startConsoleSession>;

export interface ConsoleSessionDeps {
  connection: AgentConnection;
  user: User;
  api: Pick<WorkplaceApi, 'canned'>;
  browser: BrowserHooks;
}

/**
 * The signed-in console's stores on one `/agent` connection. Each server push is handled here, once,
 * and handed to the stores it concerns; views read the stores and call the actions below.
 */
export function startConsoleSession({ connection, user, api, browser }: ConsoleSessionDeps) {
  const status = createStore<{ connection: ConnectionStatus }>({ connection: connection.status() });
  const actions = createAgentActions();
  const conversations = createConversations(connection);
  const openConversation = createOpenConversation(connection, conversations);
  const alerts = createAlerts();
  const attention = createAttention(browser);
  const team = createTeam(connection, user.id, actions);
  const notes = createNotes(connection, actions);
  const receipts = createReadReceipts(connection);
  const canned = createCanned(api);
  const visitor = createVisitorContext(connection);
  const offers = createOffers(connection, (conversation) => {
    conversations.remember(conversation);
    select(conversation.id);
  });

  let shownVisitorId: string | null = null;

  function select(conversationId: string): void {
    openConversation.select(conversationId);
    alerts.dismiss(conversationId);
  }

  function conversationChanged(summary: ConversationSummary): void {
    const before = conversations.store.get().byId[summary.id];
    // Newly mine (taken by someone for me, or transferred to me) and not by my own hand: worth a notification.
    if (summary.status === 'open' && summary.assigneeId === user.id && before?.assigneeId !== user.id && !actions.store.get().busy) {
      attention.call(`Assigned to you: ${summary.visitorName}`, summary.lastMessage?.text ?? 'A conversation is now yours.');
    }
    conversations.upsert(summary);
    alerts.conversationChanged(summary);
    offers.conversationChanged(summary);
  }

  /** Shows the open conversation's visitor, loads its notes and reports what the agent has read. */
  function followSelection(): void {
    const { selected } = openConversation.store.get();
    const summary = selected ? conversations.store.get().byId[selected.id] : undefined;
    const visitorId = summary?.visitorId ?? null;
    if (visitorId !== shownVisitorId) {
      shownVisitorId = visitorId;
      visitor.show(visitorId);
    }
    if (connection.status() !== 'connected' || !selected || selected.load !== 'ready') return;
    notes.loadFor(selected.id);
    const last = selected.messages.at(-1)?.seq;
    if (last !== undefined && browser.isAttending()) receipts.agentRead(selected.id, last, summary?.agentReadSeq ?? -1);
  }

  function statusChanged(next: ConnectionStatus): void {
    if (next !== 'connected') openConversation.disconnected();
    status.set({ connection: next });
    if (next !== 'connected') return;
    visitor.connected();
    receipts.connected();
    notes.connected();
    team.refresh();
    void canned.load();
    conversations.reload();
    openConversation.connected();
    followSelection();
  }

  const cleanups = [
    connection.onStatus(statusChanged),
    connection.on('conversation:upsert', conversationChanged),
    connection.on('escalation:offer', (offer) => {
      offers.add(offer);
      const { conversation } = offer;
      attention.call(`Escalated: ${conversation.visitorName}`, conversation.lastMessage?.text ?? 'A buyer needs help now.');
    }),
    connection.on('message:new', openConversation.receive),
    connection.on('typing:changed', ({ conversationId, typing }) => openConversation.visitorTyping(conversationId, typing)),
    connection.on('conversation:waiting-alert', alerts.add),
    connection.on('note:new', notes.receive),
    connection.on('conversation:read', receipts.visitorRead),
    connection.on('presence:changed', team.update),
    connection.on('visitor:context', visitor.receive),
    openConversation.store.subscribe(followSelection),
    conversations.store.subscribe(followSelection),
    browser.onActivity(team.reportActivity),
    browser.onAttend(() => {
      attention.attended();
      followSelection();
    }),
  ];
  if (connection.status() === 'connected') statusChanged('connected');

  return {
    user,
    status,
    actions,
    conversations,
    openConversation,
    alerts,
    attention,
    team,
    notes,
    receipts,
    canned,
    visitor,
    offers,
    select,
    take(conversationId: string): Promise<boolean> {
      return actions.run(async () => {
        const { conversation } = await connection.request('conversation:take', { conversationId });
        conversations.remember(conversation);
        select(conversation.id);
      });
    },
    transfer(conversationId: string, toUserId: string, note: string): Promise<boolean> {
      return actions.run(() => connection.request('conversation:transfer', { conversationId, toUserId, note }));
    },
    close(conversationId: string, reason: CloseReason, comment: string): Promise<boolean> {
      return actions.run(() => connection.request('conversation:close', { conversationId, reason, comment }));
    },
    /** The open conversation's visitor's latest order number, for canned responses; null when unknown. */
    orderNumber(): string | null {
      return visitor.store.get().context?.orders.at(-1)?.orderId ?? null;
    },
    dispose(): void {
      for (const cleanup of cleanups.splice(0)) cleanup();
      openConversation.dispose();
      offers.dispose();
    },
  };
}
