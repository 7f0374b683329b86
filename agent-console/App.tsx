import { useCallback, useEffect, useState } from 'preact/hooks';
import type { User } from '../shared/contract';
import type { ConsoleApi } from './api/auth-api';
import type { AgentConnection } from './agent-socket';
import { InvitePage } from './account/InvitePage';
import { SignIn } from './sign-in/SignIn';
import { createWorkplaceApi } from './api/workplace-api';
import { Workspace } from './workspace/Workspace';

export interface AppProps {
  api: ConsoleApi;
  connect: () => AgentConnection;
}

type Session =
  | { phase: 'checking' }
  | { phase: 'signed-out'; notice: string | null }
  | { phase: 'signed-in'; user: User; signingOut: boolean };

const inviteApi = createWorkplaceApi();

/** An invite link opens the console at `#invite=<token>` (a fragment: the token never reaches a server log). */
function inviteTokenOf(hash: string): string | null {
  return /[#&]invite=([A-Za-z0-9_-]+)/.exec(hash)?.[1] ?? null;
}

export function App({ api, connect }: AppProps) {
  const [session, setSession] = useState<Session>({ phase: 'checking' });
  const [inviteToken, setInviteToken] = useState(() => inviteTokenOf(location.hash));
  const leaveInvite = useCallback(() => {
    history.replaceState(null, '', location.pathname + location.search);
    setInviteToken(null);
  }, []);

  useEffect(() => {
    let live = true;
    api.me().then(
      (user) => live && setSession(user ? { phase: 'signed-in', user, signingOut: false } : { phase: 'signed-out', notice: null }),
      () => live && setSession({ phase: 'signed-out', notice: 'Could not check your session. Please sign in.' }),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const signIn = useCallback((email: string, password: string) => api.signIn(email, password), [api]);
  const onSignedIn = useCallback((user: User) => setSession({ phase: 'signed-in', user, signingOut: false }), []);
  const onSessionExpired = useCallback(
    () => setSession({ phase: 'signed-out', notice: 'Your session has ended. Please sign in again.' }),
    [],
  );

  const signOut = useCallback(() => {
    setSession((s) => (s.phase === 'signed-in' ? { ...s, signingOut: true } : s));
    void api
      .signOut()
      .catch(() => {})
      .then(() => setSession({ phase: 'signed-out', notice: null }));
  }, [api]);

  if (session.phase === 'checking') {
    return (
      <div class="splash" role="status">
        <span class="spinner" aria-hidden="true" />
        <span>Loading…</span>
      </div>
    );
  }
  if (inviteToken) {
    return (
      <InvitePage
        api={inviteApi}
        token={inviteToken}
        onAccepted={(user) => {
          leaveInvite();
          setSession({ phase: 'signed-in', user, signingOut: false });
        }}
        onCancel={leaveInvite}
      />
    );
  }
  if (session.phase === 'signed-out') {
    return <SignIn signIn={signIn} onSignedIn={onSignedIn} notice={session.notice} />;
  }
  return (
    <Workspace
      user={session.user}
      connect={connect}
      signingOut={session.signingOut}
      onSignOut={signOut}
      onSessionExpired={onSessionExpired}
    />
  );
}
