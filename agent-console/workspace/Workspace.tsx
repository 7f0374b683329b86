import { useEffect, useState } from 'preact/hooks';
import type { User } from '../../shared/contract';
import type { AgentConnection } from '../agent-socket';
import { ConversationView } from '../conversation/ConversationView';
import { EscalationOffers } from '../escalation/EscalationOffers';
import { startLifecycleStores, type LifecycleStores } from '../escalation/lifecycle-stores';
import { AccountPage } from '../account/AccountPage';
import { AnalyticsPage } from '../analytics/AnalyticsPage';
import { InboxPane } from '../inbox/InboxPane';
import { SettingsPage } from '../settings/SettingsPage';
import { TeamPage } from '../team/TeamPage';
import { AvailabilityControl } from '../workplace/AvailabilityControl';
import { browserHooks } from '../workplace/browser-hooks';
import { createWorkplaceApi } from '../workplace/workplace-api';
import { WorkplaceContext, type Workplace } from '../workplace/workplace-context';
import { WorkplaceStore } from '../workplace/workplace-store';
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
const workplaceApi = createWorkplaceApi();

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
  const [workplace, setWorkplace] = useState<Workplace | null>(null);
  useEffect(() => {
    const connection = connect();
    setConnection(connection);
    const created = new ConsoleStore(connection);
    const createdLifecycle = startLifecycleStores(connection, created);
    const workplaceStore = new WorkplaceStore(connection, created, workplaceApi, rest.user, browserHooks());
    workplaceStore.start();
    created.start();
    setStore(created);
    setLifecycle(createdLifecycle);
    setWorkplace({
      store: workplaceStore,
      api: workplaceApi,
      user: rest.user,
      orderNumber: () => createdLifecycle.visitor.getState().context?.orders.at(-1)?.orderId ?? null,
    });
    return () => {
      workplaceStore.dispose();
      createdLifecycle.dispose();
      created.dispose();
      connection.close();
    };
  }, [connect]);
  if (!store || !lifecycle || !connection || !workplace) return null;
  return (
    <KbConnectionContext.Provider value={connection}>
      <WorkplaceContext.Provider value={workplace}>
        <WorkspaceView store={store} lifecycle={lifecycle} workplace={workplace} {...rest} />
      </WorkplaceContext.Provider>
    </KbConnectionContext.Provider>
  );
}

type WorkspaceViewProps = Omit<WorkspaceProps, 'connect'> & { store: ConsoleStore; lifecycle: LifecycleStores; workplace: Workplace };

type View = 'inbox' | 'kb' | 'analytics' | 'team' | 'settings' | 'account';
const VIEW_LABELS: Record<View, string> = {
  inbox: 'Inbox',
  kb: 'Knowledge base',
  analytics: 'Analytics',
  team: 'Team',
  settings: 'Settings',
  account: 'My account',
};

/** The views a role may open, in nav order: editors write the knowledge base, admins also run the team and settings. */
function viewsFor(role: User['role']): View[] {
  if (role === 'editor') return ['kb', 'account'];
  return role === 'admin' ? ['inbox', 'kb', 'analytics', 'team', 'settings', 'account'] : ['inbox', 'kb', 'account'];
}

export function WorkspaceView({ store, lifecycle, workplace, user, signingOut, onSignOut, onSessionExpired }: WorkspaceViewProps) {
  const { attention, team, me } = useStoreState(workplace.store);
  const views = viewsFor(user.role);
  const state = useConsoleState(store);
  const visitor = useStoreState(lifecycle.visitor);
  const { offers } = useStoreState(lifecycle.offers);
  const visitorId = state.selected?.conversation?.visitorId ?? null;
  useEffect(() => lifecycle.visitor.show(visitorId), [lifecycle, visitorId]);
  const now = useNow();
  const [view, setView] = useState<View>(views[0]!);
  const waiting = state.conversations.filter((c) => c.waitingSince).length;
  const badge = waiting + attention;

  useEffect(() => {
    if (state.connection === 'unauthorized') onSessionExpired();
  }, [state.connection, onSessionExpired]);

  useEffect(() => {
    document.title = `${badge > 0 ? `(${badge}) ` : ''}Inbox · Agent console`;
  }, [badge]);
  useEffect(() => () => void (document.title = 'Agent console'), []);

  const selectedId = state.selected?.id ?? null;
  return (
    <div class="workspace">
      <Header
        user={user}
        connection={state.connection}
        signingOut={signingOut}
        onSignOut={onSignOut}
        availability={user.role === 'editor' ? null : <AvailabilityControl store={workplace.store} />}
        nav={
          <nav class="kb-nav" aria-label="Workspace">
            {views.map((v) => (
              <button key={v} type="button" class="kb-nav__link" aria-current={view === v ? 'page' : undefined} onClick={() => setView(v)}>
                {VIEW_LABELS[v]}
              </button>
            ))}
          </nav>
        }
      />
      {view === 'kb' && (
        <main class="workspace__main workspace__main--kb">
          <KbEditor api={kbApi} user={user} />
        </main>
      )}
      {view === 'analytics' && (
        <main class="workspace__main workspace__main--page">
          <AnalyticsPage />
        </main>
      )}
      {view === 'team' && (
        <main class="workspace__main workspace__main--page">
          <TeamPage api={workplace.api} userId={user.id} presence={team} />
        </main>
      )}
      {view === 'settings' && (
        <main class="workspace__main workspace__main--page">
          <SettingsPage api={workplace.api} />
        </main>
      )}
      {view === 'account' && (
        <main class="workspace__main workspace__main--page">
          <AccountPage
            api={workplace.api}
            user={user}
            me={me}
            onCapacity={(n) => workplace.store.setCapacity(n)}
            onSignedOut={onSessionExpired}
          />
        </main>
      )}
      {view === 'inbox' && (
        <main class={`workspace__main${visitorId ? ' workspace__main--with-panel' : ''}`}>
          <InboxPane
            state={state}
            workplace={workplace.store}
            userId={user.id}
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
          {visitorId && (
            <VisitorPanel
              state={visitor}
              conversationId={selectedId}
              now={now}
              onRetry={() => lifecycle.visitor.retry()}
              onOpenConversation={(id) => store.select(id)}
            />
          )}
        </main>
      )}
      <EscalationOffers
        offers={offers}
        onAccept={(id) => void lifecycle.offers.accept(id)}
        onOpen={(id) => store.select(id)}
        onDismiss={(id) => lifecycle.offers.dismiss(id)}
      />
    </div>
  );
}
