import { useEffect, useState } from 'preact/hooks';
import type { User } from '../../shared/contract';
import type { AgentConnection } from '../agent-socket';
import { AccountPage } from '../account/AccountPage';
import { AnalyticsPage } from '../analytics/AnalyticsPage';
import { createAuditApi } from '../api/audit-api';
import { createKbApi } from '../api/kb-api';
import { createMailApi } from '../api/mail-api';
import { createOpsApi } from '../api/ops-api';
import { createWorkplaceApi } from '../api/workplace-api';
import { AuditLogPage } from '../audit/AuditLogPage';
import { ConversationView } from '../conversation/ConversationView';
import { EscalationOffers } from '../escalation/EscalationOffers';
import { InboxPane } from '../inbox/InboxPane';
import { KbConnectionContext } from '../kb/kb-context';
import { KbEditor } from '../kb/KbEditor';
import { OutboxPage } from '../outbox/OutboxPage';
import { QueuesPage } from '../queues/QueuesPage';
import { browserHooks } from '../lib/browser-hooks';
import { createConsoleI18n } from '../lib/i18n';
import { useMediaQuery } from '../lib/use-media-query';
import { useNow } from '../lib/use-now';
import { SettingsPage } from '../settings/SettingsPage';
import { type ConsoleSession, startConsoleSession } from '../state/console-session';
import { ConsoleSessionContext } from '../state/session-context';
import { useStore } from '../state/use-store';
import { TeamPage } from '../team/TeamPage';
import { VisitorPanel } from '../visitor-panel/VisitorPanel';
import { AvailabilityControl } from './AvailabilityControl';
import { Header } from './Header';

const kbApi = createKbApi();
const workplaceApi = createWorkplaceApi();
const mailApi = createMailApi();
const opsApi = createOpsApi();
const auditApi = createAuditApi();

export interface WorkspaceProps {
  user: User;
  /** Opens the `/agent` connection; called once per mount, closed on unmount. */
  connect: () => AgentConnection;
  signingOut: boolean;
  onSignOut: () => void;
  /** The socket was refused as unauthorized: the session is gone. */
  onSessionExpired: () => void;
}

/** The signed-in screen: owns the connection and the console session for as long as it is shown. */
export function Workspace({ connect, ...rest }: WorkspaceProps) {
  const [live, setLive] = useState<{ connection: AgentConnection; session: ConsoleSession } | null>(null);
  useEffect(() => {
    const connection = connect();
    const session = startConsoleSession({
      connection,
      user: rest.user,
      api: workplaceApi,
      browser: browserHooks(),
      i18n: createConsoleI18n(),
    });
    // A link from an email (`#conversation=<id>`) opens that conversation once.
    const linked = /[#&]conversation=([0-9a-f]{24})/.exec(location.hash)?.[1];
    if (linked) {
      history.replaceState(null, '', location.pathname + location.search);
      session.select(linked);
    }
    setLive({ connection, session });
    return () => {
      session.dispose();
      connection.close();
    };
  }, [connect]);
  if (!live) return null;
  return (
    <KbConnectionContext.Provider value={live.connection}>
      <ConsoleSessionContext.Provider value={live.session}>
        <WorkspaceView session={live.session} {...rest} />
      </ConsoleSessionContext.Provider>
    </KbConnectionContext.Provider>
  );
}

type WorkspaceViewProps = Omit<WorkspaceProps, 'connect'> & { session: ConsoleSession };

type View = 'inbox' | 'kb' | 'analytics' | 'team' | 'settings' | 'outbox' | 'queues' | 'audit' | 'account';
/** Each view's name, and the shorter one the navigation shows when the window is narrow. */
const VIEW_LABELS: Record<View, { full: string; short: string }> = {
  inbox: { full: 'Inbox', short: 'Inbox' },
  kb: { full: 'Knowledge base', short: 'KB' },
  analytics: { full: 'Analytics', short: 'Analytics' },
  team: { full: 'Team', short: 'Team' },
  settings: { full: 'Settings', short: 'Settings' },
  outbox: { full: 'Outbox', short: 'Outbox' },
  queues: { full: 'Queues', short: 'Queues' },
  audit: { full: 'Audit log', short: 'Audit' },
  account: { full: 'My account', short: 'Account' },
};

/** The views a role may open, in nav order: editors write the knowledge base, admins also run the team and settings. */
function viewsFor(role: User['role']): View[] {
  if (role === 'editor') return ['kb', 'account'];
  return role === 'admin'
    ? ['inbox', 'kb', 'analytics', 'team', 'settings', 'outbox', 'queues', 'audit', 'account']
    : ['inbox', 'kb', 'account'];
}

export function WorkspaceView({ session, user, signingOut, onSignOut, onSessionExpired }: WorkspaceViewProps) {
  const views = viewsFor(user.role);
  const { connection } = useStore(session.status);
  const { count: attention, focus } = useStore(session.attention.store);
  const { team, me } = useStore(session.team.store);
  const { byId, open } = useStore(session.conversations.store);
  const { selected } = useStore(session.openConversation.store);
  const visitor = useStore(session.visitor.store);
  const { offers } = useStore(session.offers.store);
  const selectedId = selected?.id ?? null;
  const visitorId = selectedId ? (byId[selectedId]?.visitorId ?? null) : null;
  const now = useNow();
  const [view, setView] = useState<View>(views[0]!);
  // Below 1200 px the visitor panel starts folded, until the agent unfolds it.
  const narrow = useMediaQuery('(max-width: 1199px)');
  const [panelOpen, setPanelOpen] = useState<boolean | null>(null);
  const panelCollapsed = !(panelOpen ?? !narrow);
  const waiting = open.ids.filter((id) => byId[id]?.waitingSince).length;
  const badge = waiting + attention;

  useEffect(() => {
    if (connection === 'unauthorized') onSessionExpired();
  }, [connection, onSessionExpired]);

  // A clicked notification shows its conversation, whatever page was open.
  useEffect(() => {
    if (focus) setView('inbox');
  }, [focus]);

  useEffect(() => {
    document.title = `${badge > 0 ? `(${badge}) ` : ''}Inbox · Agent console`;
  }, [badge]);
  useEffect(
    () => () => {
      document.title = 'Agent console';
    },
    [],
  );

  return (
    <div class="workspace">
      <Header
        user={user}
        connection={connection}
        signingOut={signingOut}
        onSignOut={onSignOut}
        availability={user.role === 'editor' ? null : <AvailabilityControl />}
        nav={
          <nav class="kb-nav" aria-label="Workspace">
            {views.map((v) => (
              <button
                key={v}
                type="button"
                class="kb-nav__link"
                aria-label={VIEW_LABELS[v].full}
                aria-current={view === v ? 'page' : undefined}
                onClick={() => setView(v)}
              >
                <span class="nav-label nav-label--full">{VIEW_LABELS[v].full}</span>
                <span class="nav-label nav-label--short" aria-hidden="true">
                  {VIEW_LABELS[v].short}
                </span>
              </button>
            ))}
          </nav>
        }
      />
      <EscalationOffers
        offers={offers}
        onAccept={(id) => void session.offers.accept(id)}
        onOpen={session.select}
        onDismiss={session.offers.dismiss}
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
          <TeamPage api={workplaceApi} userId={user.id} presence={team} />
        </main>
      )}
      {view === 'settings' && (
        <main class="workspace__main workspace__main--page">
          <SettingsPage api={workplaceApi} />
        </main>
      )}
      {view === 'outbox' && (
        <main class="workspace__main workspace__main--page">
          <OutboxPage api={mailApi} />
        </main>
      )}
      {view === 'queues' && (
        <main class="workspace__main workspace__main--page">
          <QueuesPage api={opsApi} />
        </main>
      )}
      {view === 'audit' && (
        <main class="workspace__main workspace__main--page">
          <AuditLogPage api={auditApi} />
        </main>
      )}
      {view === 'account' && (
        <main class="workspace__main workspace__main--page">
          <AccountPage
            api={workplaceApi}
            user={user}
            me={me}
            onCapacity={(n) => session.team.setCapacity(n)}
            onSignedOut={onSessionExpired}
          />
        </main>
      )}
      {view === 'inbox' && (
        <main
          class={`workspace__main${visitorId ? ` workspace__main--with-panel${panelCollapsed ? ' workspace__main--panel-collapsed' : ''}` : ''}`}
        >
          <InboxPane userId={user.id} now={now} />
          <ConversationView now={now} />
          {visitorId && (
            <VisitorPanel
              state={visitor}
              conversationId={selectedId}
              now={now}
              onRetry={() => session.visitor.retry()}
              onOpenConversation={session.select}
              collapsed={panelCollapsed}
              onToggle={() => setPanelOpen(panelCollapsed)}
              privacy={user.role === 'admin' ? { visitorId, name: byId[selectedId ?? '']?.visitorName ?? visitorId } : null}
            />
          )}
        </main>
      )}
    </div>
  );
}
