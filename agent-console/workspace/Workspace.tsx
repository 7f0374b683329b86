import { useEffect, useState } from 'preact/hooks';
import type { User } from '../../shared/contract';
import type { AgentConnection } from '../agent-socket';
import { ConversationView } from '../conversation/ConversationView';
import { EscalationOffers } from '../escalation/EscalationOffers';
import { startLifecycleStores, type LifecycleStores } from '../escalation/lifecycle-stores';
import { Inbox } from '../inbox/Inbox';
import { createKbApi } from '../kb/kb-api';
import { KbConnectionContext } from '../kb/kb-context';
import { KbEditor } from '../kb/KbEditor';
import { useNow } from '../lib/use-now';
import { ConsoleStore } from '../state/console-store';
import { useConsoleState } from '../state/use-console-state';
import { useStoreState } from '../state/use-store-state';
import { VisitorPanel } from '../visitor-panel/VisitorPanel';
import { Header } from './Header';

const kbApi = createKbApi();

export interface WorkspaceProps {
  user: User;
  /** Opens the `/agent` connection; called once per mount, closed on unmount. */
  connect: () => AgentConnection;
  signingOut: boolean;
  onSignOut: () => void;
  /** The socket was refused as unauthorized: the session is gone. */
  onSessionExpired: () => void;
}

/** The signed-in screen: owns the connection and the store for as long as it is shown. */
export function Workspace({ connect, ...rest }: WorkspaceProps) {
  const [store, setStore] = useState<ConsoleStore | null>(null);
  const [lifecycle, setLifecycle] = useState<LifecycleStores | null>(null);
  const [connection, setConnection] = useState<AgentConnection | null>(null);
  useEffect(() => {
    const connection = connect();
    setConnection(connection);
    const created = new ConsoleStore(connection);
    const createdLifecycle = startLifecycleStores(connection, created);
    created.start();
    setStore(created);
    setLifecycle(createdLifecycle);
    return () => {
      createdLifecycle.dispose();
      created.dispose();
      connection.close();
    };
  }, [connect]);
  if (!store || !lifecycle || !connection) return null;
  return (
    <KbConnectionContext.Provider value={connection}>
      <WorkspaceView store={store} lifecycle={lifecycle} {...rest} />
    </KbConnectionContext.Provider>
  );
}

type WorkspaceViewProps = Omit<WorkspaceProps, 'connect'> & { store: ConsoleStore; lifecycle: LifecycleStores };

export function WorkspaceView({ store, lifecycle, user, signingOut, onSignOut, onSessionExpired }: WorkspaceViewProps) {
  const state = useConsoleState(store);
  const visitor = useStoreState(lifecycle.visitor);
  const { offers } = useStoreState(lifecycle.offers);
  const visitorId = state.selected?.conversation?.visitorId ?? null;
  useEffect(() => lifecycle.visitor.show(visitorId), [lifecycle, visitorId]);
  const now = useNow();
  const [view, setView] = useState<'inbox' | 'kb'>('inbox');
  const waiting = state.conversations.filter((c) => c.waitingSince).length;

  useEffect(() => {
    if (state.connection === 'unauthorized') onSessionExpired();
  }, [state.connection, onSessionExpired]);

  useEffect(() => {
    document.title = `${waiting > 0 ? `(${waiting}) ` : ''}Inbox · Agent console`;
  }, [waiting]);
  useEffect(() => () => void (document.title = 'Agent console'), []);

  const selectedId = state.selected?.id ?? null;
  return (
    <div class="workspace">
      <Header
        user={user}
        connection={state.connection}
        signingOut={signingOut}
        onSignOut={onSignOut}
        nav={
          <nav class="kb-nav" aria-label="Workspace">
            <button type="button" class="kb-nav__link" aria-current={view === 'inbox' ? 'page' : undefined} onClick={() => setView('inbox')}>Inbox</button>
            <button type="button" class="kb-nav__link" aria-current={view === 'kb' ? 'page' : undefined} onClick={() => setView('kb')}>Knowledge base</button>
          </nav>
        }
      />
      {view === 'kb' && (
        <main class="workspace__main workspace__main--kb">
          <KbEditor api={kbApi} user={user} />
        </main>
      )}
      {view === 'inbox' && <main class={`workspace__main${visitorId ? ' workspace__main--with-panel' : ''}`}>
        <Inbox
          status={state.inbox}
          error={state.inboxError}
          conversations={state.conversations}
          selectedId={selectedId}
          alerts={state.alerts}
          now={now}
          onSelect={(id) => store.select(id)}
          onDismissAlert={(id) => store.dismissAlert(id)}
          onRetry={() => store.reloadInbox()}
        />
        <ConversationView
          selected={state.selected}
          outgoing={state.outgoing.filter((o) => o.conversationId === selectedId)}
          agentName={user.name}
          connection={state.connection}
          now={now}
          onSend={(text) => store.send(text)}
          onDraftChange={(draft) => store.notifyTyping(draft)}
          onRetry={(clientId) => store.retry(clientId)}
          onDiscard={(clientId) => store.discard(clientId)}
          onReload={(id) => store.select(id)}
        />
        {visitorId && <VisitorPanel state={visitor} now={now} onRetry={() => lifecycle.visitor.retry()} />}
      </main>}
      <EscalationOffers
        offers={offers}
        onAccept={(id) => void lifecycle.offers.accept(id)}
        onOpen={(id) => store.select(id)}
        onDismiss={(id) => lifecycle.offers.dismiss(id)}
      />
    </div>
  );
}
