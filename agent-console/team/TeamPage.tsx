import { useEffect, useState } from 'preact/hooks';
import type { AgentPresence, Invite, Role, TeamMember } from '../../shared/contract';
import { describeFailure } from '../lib/describe-failure';
import type { WorkplaceApi } from '../api/workplace-api';
import { Name } from '../ui/Name';

const ROLE_LABELS: Record<Role, string> = { admin: 'Admin', agent: 'Agent', editor: 'Editor' };
const STATUS_LABELS: Record<TeamMember['status'], string> = { active: 'Active', invited: 'Invited', deactivated: 'Deactivated' };

interface TeamPageProps {
  api: WorkplaceApi;
  /** The signed-in admin: they cannot deactivate or demote themselves. */
  userId: string;
  /** Live availability and load of the agents. */
  presence: readonly AgentPresence[];
}

/** Admins: the site's users — create with a password or invite by link, change role, deactivate. */
export function TeamPage({ api, userId, presence }: TeamPageProps) {
  const [users, setUsers] = useState<TeamMember[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [invite, setInvite] = useState<{ name: string; invite: Invite } | null>(null);
  const [form, setForm] = useState({ name: '', email: '', role: 'agent' as Role, password: '' });
  const [saving, setSaving] = useState(false);

  const load = () => api.team().then(setUsers, (e: unknown) => setError(describeFailure(e)));
  useEffect(() => void load(), [api]);

  const replace = (user: TeamMember) => setUsers((list) => (list ?? []).map((u) => (u.id === user.id ? user : u)));
  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(describeFailure(e));
    }
  };

  const create = (event: Event) => {
    event.preventDefault();
    setSaving(true);
    void run(async () => {
      const { user, invite: link } = await api.createUser({ ...form, password: form.password || undefined });
      setUsers((list) => [...(list ?? []), user]);
      setInvite(link ? { name: user.name, invite: link } : null);
      setForm({ name: '', email: '', role: 'agent', password: '' });
    }).finally(() => setSaving(false));
  };

  return (
    <section class="page" aria-labelledby="team-title">
      <h1 id="team-title" class="page__title">
        Team
      </h1>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {invite && (
        <div class="notice invite-link" role="status">
          <p>
            Send this one-time link to{' '}
            <strong>
              <Name name={invite.name} />
            </strong>
            . It works until {new Date(invite.invite.expiresAt).toLocaleString()}.
          </p>
          <input class="input" readOnly value={invite.invite.url} aria-label="Invite link" onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
      {users === null ? (
        <p role="status">Loading the team…</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Now</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const live = presence.find((p) => p.userId === user.id);
              const self = user.id === userId;
              return (
                <tr key={user.id}>
                  <td>
                    <Name name={user.name} />
                    {self && <span class="muted"> (you)</span>}
                  </td>
                  <td>{user.email}</td>
                  <td>
                    <select
                      class="input input--compact"
                      aria-label={`Role of ${user.name}`}
                      value={user.role}
                      disabled={self || user.status === 'deactivated'}
                      onChange={(e) =>
                        void run(async () => replace(await api.updateUser(user.id, { role: e.currentTarget.value as Role })))
                      }
                    >
                      {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {STATUS_LABELS[user.status]}
                    {user.inviteExpiresAt && <span class="muted"> · link until {new Date(user.inviteExpiresAt).toLocaleDateString()}</span>}
                  </td>
                  <td>
                    {live
                      ? `${live.availability}${live.autoAway ? ' (idle)' : ''}${live.connected ? '' : ', not connected'} · ${live.load}/${live.capacity}`
                      : '—'}
                  </td>
                  <td class="table__actions">
                    {user.status !== 'deactivated' && (
                      <button
                        type="button"
                        class="button button--small"
                        onClick={() =>
                          void run(async () => {
                            const { user: updated, invite: link } = await api.reinvite(user.id);
                            replace(updated);
                            setInvite(link ? { name: updated.name, invite: link } : null);
                          })
                        }
                      >
                        {user.status === 'invited' ? 'New invite link' : 'Password reset link'}
                      </button>
                    )}
                    {!self && (
                      <button
                        type="button"
                        class="button button--small"
                        onClick={() => void run(async () => replace(await api.setActive(user.id, user.status === 'deactivated')))}
                      >
                        {user.status === 'deactivated' ? 'Reactivate' : 'Deactivate'}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form class="card form-grid" onSubmit={create} aria-labelledby="add-user-title">
        <h2 id="add-user-title" class="card__title">
          Add someone
        </h2>
        <label class="field">
          <span class="field__label">Name</span>
          <input
            class="input"
            required
            maxLength={120}
            value={form.name}
            onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
          />
        </label>
        <label class="field">
          <span class="field__label">Email</span>
          <input
            class="input"
            type="email"
            required
            value={form.email}
            onInput={(e) => setForm({ ...form, email: e.currentTarget.value })}
          />
        </label>
        <label class="field">
          <span class="field__label">Role</span>
          <select class="input" value={form.role} onChange={(e) => setForm({ ...form, role: e.currentTarget.value as Role })}>
            {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field__label">Password (leave empty to send an invite link)</span>
          <input
            class="input"
            type="password"
            autocomplete="new-password"
            minLength={10}
            value={form.password}
            onInput={(e) => setForm({ ...form, password: e.currentTarget.value })}
          />
        </label>
        <button type="submit" class="button button--primary" disabled={saving}>
          {form.password ? 'Create user' : 'Invite'}
        </button>
      </form>
    </section>
  );
}
