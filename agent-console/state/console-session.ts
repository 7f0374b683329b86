import type { CloseReason, ConversationSummary, User } from '../../shared/contract';
import type { AgentConnection, ConnectionStatus } from '../agent-socket';
import type { BrowserHooks } from '../lib/browser-hooks';
import type { ConsoleI18n } from '../lib/i18n';
import type { ReadableStore } from '../../shared/client/store';
import type { WorkplaceApi } from '../api/workplace-api';
import { createFilesApi, type FilesApi } from '../api/files-api';
import { createFileUploads } from './file-uploads';
import { createAgentActions } from './agent-actions';
import { createAlerts } from './alerts';
import { attentionFor, createAttention } from './attention';
import { createCanned } from './canned';
import { createConversations } from './conversations';
import { createNotes } from './notes';
import { createOffers } from './offers';
import { createOpenConversation } from './open-conversation';
import { createPreferences } from './preferences';
import { createReadReceipts } from './read-receipts';
import { createStore } from '../../shared/client/store';
import { createTeam } from './team';
import { createVisitorContext } from './visitor-context';

export type ConsoleSession = ReturnType<typeof startConsoleSession>;

export interface ConsoleSessionDeps {
  connection: AgentConnection;
  user: User;
  api: Pick<WorkplaceApi, 'canned' | 'preferences' | 'savePreferences'>;
  browser: BrowserHooks;
  i18n: ReadableStore<ConsoleI18n>;
  /** Files over REST (tests give a fake). */
  filesApi?: FilesApi;
}

/**
 * The signed-in console's stores on one `/agent` connection. Each server push is handled here, once,
 * and handed to the stores it concerns; views read the stores and call the actions below.
 */
export function startConsoleSession({ connection, user, api, browser, i18n, filesApi = createFilesApi() }: ConsoleSessionDeps) {
  const status = createStore<{ connection: ConnectionStatus }>({ connection: connection.status() });
  const actions = createAgentActions();
  const conversations = createConversations(connection);
  const openConversation = createOpenConversation(connection, conversations);
  const files = createFileUploads(filesApi, openConversation.receive);
  const alerts = createAlerts();
  const preferences = createPreferences(api);
  const attention = createAttention({ browser, preferences: preferences.store, i18n, open: (id) => select(id) });
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
    const { byId, open } = conversations.store.get();
    const kind = attentionFor(byId[summary.id], summary, user.id);
    // Not what my own hand did (taking, accepting), and no conversation is new while the inbox is still loading.
    const worthIt = kind === 'assigned' ? !actions.store.get().busy : kind === 'conversation' ? open.load === 'ready' : kind !== null;
    if (kind && worthIt) attention.call(kind, summary);
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
    void preferences.load();
    conversations.reload();
    openConversation.connected();
    followSelection();
  }

  const cleanups = [
    connection.onStatus(statusChanged),
    connection.on('conversation:upsert', conversationChanged),
    connection.on('escalation:offer', (offer) => {
      offers.add(offer);
      attention.call('offer', offer.conversation);
    }),
    connection.on('message:new', openConversation.receive),
    connection.on('typing:changed', ({ conversationId, typing }) => openConversation.visitorTyping(conversationId, typing)),
    connection.on('conversation:waiting-alert', alerts.add),
    connection.on('note:new', notes.receive),
    connection.on('conversation:read', receipts.visitorRead),
    connection.on('presence:changed', team.update),
    connection.on('canned:saved', canned.saved),
    connection.on('canned:removed', ({ shortcut }) => canned.removed(shortcut)),
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
    preferences,
    i18n,
    /** The notification sound, to try it out. */
    chime: browser.chime,
    team,
    notes,
    receipts,
    canned,
    /** The agent's files on their way into conversations. */
    files,
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
