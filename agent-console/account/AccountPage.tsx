import { useState } from 'preact/hooks';
import type { AgentPresence, User } from '../../shared/contract';
import { describeFailure } from '../lib/describe-failure';
import type { WorkplaceApi } from '../api/workplace-api';
import { Name } from '../ui/Name';
import { NotificationSettings } from './NotificationSettings';

interface AccountPageProps {
  api: WorkplaceApi;
  user: User;
  /** The agent's own availability (null for editors, who take no chats). */
  me: AgentPresence | null;
  onCapacity: (capacity: number) => Promise<boolean>;
  /** Every session ended, this one too. */
  onSignedOut: () => void;
}

/** One's own account: password, capacity, notifications, signing out everywhere. */
export function AccountPage({ api, user, me, onCapacity, onSignedOut }: AccountPageProps) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const changePassword = async (event: Event) => {
    event.preventDefault();
    try {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setMessage({ kind: 'ok', text: 'Password changed. Your other sessions were signed out.' });
    } catch (e) {
      setMessage({ kind: 'error', text: describeFailure(e) });
    }
  };

  return (
    <section class="page" aria-labelledby="account-title">
      <h1 id="account-title" class="page__title">
        My account
      </h1>
      <p class="muted">
        <Name name={user.name} /> · {user.email} · {user.role}
      </p>
      {message && (
        <p class={message.kind === 'ok' ? 'notice' : 'form-error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <form class="card form-grid" onSubmit={changePassword} aria-labelledby="password-title">
        <h2 id="password-title" class="card__title">
          Change password
        </h2>
        <label class="field">
          <span class="field__label">Current password</span>
          <input
            class="input"
            type="password"
            autocomplete="current-password"
            required
            value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">New password (at least 10 characters)</span>
          <input
            class="input"
            type="password"
            autocomplete="new-password"
            minLength={10}
            required
            value={next}
            onInput={(e) => setNext(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="button button--primary">
          Change password
        </button>
      </form>
      {me && (
        <div class="card">
          <h2 class="card__title">Chats at a time</h2>
          <label class="field">
            <span class="field__label">Routing offers you new chats while you have fewer than this many open</span>
            <input
              class="input input--compact"
              type="number"
              min={1}
              max={100}
              value={me.capacity}
              onChange={(e) => {
                const capacity = Number(e.currentTarget.value);
                if (Number.isInteger(capacity) && capacity >= 1 && capacity <= 100) void onCapacity(capacity);
              }}
            />
          </label>
        </div>
      )}
      <NotificationSettings />
      <div class="card">
        <h2 class="card__title">Sessions</h2>
        <p class="muted">Signs you out on every device and browser, this one included.</p>
        <button
          type="button"
          class="button"
          onClick={() =>
            void api.signOutEverywhere().then(onSignedOut, (e: unknown) => setMessage({ kind: 'error', text: describeFailure(e) }))
          }
        >
          Sign out everywhere
        </button>
      </div>
    </section>
  );
}
