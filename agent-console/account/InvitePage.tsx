import { useEffect, useState } from 'preact/hooks';
import type { InvitePeekResponse, User } from '../../shared/contract';
import { describeFailure } from '../lib/describe-failure';
import type { WorkplaceApi } from '../api/workplace-api';

interface InvitePageProps {
  api: Pick<WorkplaceApi, 'peekInvite' | 'acceptInvite'>;
  token: string;
  onAccepted: (user: User) => void;
  /** Leave for the sign-in form. */
  onCancel: () => void;
}

/** The page an invite link opens: the invited person sets their password and is signed in. */
export function InvitePage({ api, token, onAccepted, onCancel }: InvitePageProps) {
  const [invite, setInvite] = useState<InvitePeekResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [saving, setSaving] = useState(false);
  useEffect(() => void api.peekInvite(token).then(setInvite, (e: unknown) => setError(describeFailure(e))), [api, token]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (password !== confirm) {
      setError('The two passwords differ.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onAccepted(await api.acceptInvite(token, password));
    } catch (e) {
      setSaving(false);
      setError(describeFailure(e));
    }
  };

  return (
    <main class="auth">
      <form class="auth__card" onSubmit={submit} aria-busy={saving ? 'true' : undefined}>
        <div class="auth__brand">
          <span class="brand-mark" aria-hidden="true" />
          <span>Agent console</span>
        </div>
        <h1 class="auth__title">{invite ? `Welcome, ${invite.name}` : 'Your invitation'}</h1>
        {invite && <p class="auth__lead muted">Choose a password for {invite.email}.</p>}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        {invite && (
          <>
            <label class="field">
              <span class="field__label">New password (at least 10 characters)</span>
              <input
                class="input"
                type="password"
                autocomplete="new-password"
                minLength={10}
                required
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            </label>
            <label class="field">
              <span class="field__label">Repeat the password</span>
              <input
                class="input"
                type="password"
                autocomplete="new-password"
                required
                value={confirm}
                onInput={(e) => setConfirm(e.currentTarget.value)}
              />
            </label>
            <button type="submit" class="button button--primary button--block" disabled={saving}>
              {saving ? 'Saving…' : 'Set password and sign in'}
            </button>
          </>
        )}
        <button type="button" class="button button--ghost button--block" onClick={onCancel}>
          Go to sign-in
        </button>
      </form>
    </main>
  );
}
