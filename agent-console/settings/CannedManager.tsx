import { useContext, useEffect, useState } from 'preact/hooks';
import type { CannedResponse } from '../../shared/contract';
import { describeFailure } from '../lib/describe-failure';
import type { WorkplaceApi } from '../api/workplace-api';
import { ConsoleSessionContext } from '../state/session-context';
import { CannedFileControls } from '../files/CannedFileControls';
import { QuickRepliesEditor } from '../cards/QuickRepliesEditor';

const EMPTY = { shortcut: '', title: '', text: '', quickReplies: [] as string[] };

/** Admins: the site's canned responses, inserted by agents with "/shortcut". */
export function CannedManager({ api }: { api: WorkplaceApi }) {
  // Inside the workspace, the composer's list follows every change made here (no reload).
  const offered = useContext(ConsoleSessionContext)?.canned;
  const [responses, setResponses] = useState<CannedResponse[]>([]);
  const [form, setForm] = useState(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void api.canned().then(setResponses, (e: unknown) => setError(describeFailure(e))), [api]);

  const keep = (saved: CannedResponse) => {
    offered?.saved(saved);
    setResponses((list) =>
      [...list.filter((r) => r.shortcut !== saved.shortcut), saved].sort((a, b) => a.shortcut.localeCompare(b.shortcut)),
    );
  };

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const { quickReplies, ...fields } = form;
      keep(await api.saveCanned({ ...fields, ...(quickReplies.length > 0 && { quickReplies }) }, editing !== null));
      setForm(EMPTY);
      setEditing(null);
      setError(null);
    } catch (e) {
      setError(describeFailure(e));
    }
  };

  return (
    <section class="card" aria-labelledby="canned-title">
      <h2 id="canned-title" class="card__title">
        Canned responses
      </h2>
      <p class="muted">
        Agents type /shortcut in a reply. Variables: {'{visitor.name}'}, {'{order.number}'}, {'{agent.name}'}.
      </p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <ul class="canned-list">
        {responses.map((r) => (
          <li key={r.id}>
            <strong>/{r.shortcut}</strong> {r.title} <span class="muted">— {r.text}</span>{' '}
            <button
              type="button"
              class="button button--small"
              onClick={() => {
                setForm({ shortcut: r.shortcut, title: r.title, text: r.text, quickReplies: r.quickReplies ?? [] });
                setEditing(r.shortcut);
              }}
            >
              Edit
            </button>{' '}
            <button
              type="button"
              class="button button--small"
              onClick={() =>
                void api.deleteCanned(r.shortcut).then(
                  () => {
                    offered?.removed(r.shortcut);
                    setResponses((list) => list.filter((x) => x.id !== r.id));
                  },
                  (e: unknown) => setError(describeFailure(e)),
                )
              }
            >
              Delete
            </button>
            <CannedFileControls response={r} onSaved={keep} />
          </li>
        ))}
      </ul>
      <form class="form-grid" onSubmit={save}>
        <label class="field">
          <span class="field__label">Shortcut</span>
          <input
            class="input"
            required
            pattern="[A-Za-z0-9_-]{1,32}"
            disabled={editing !== null}
            value={form.shortcut}
            onInput={(e) => setForm({ ...form, shortcut: e.currentTarget.value })}
          />
        </label>
        <label class="field">
          <span class="field__label">Title</span>
          <input
            class="input"
            required
            maxLength={120}
            value={form.title}
            onInput={(e) => setForm({ ...form, title: e.currentTarget.value })}
          />
        </label>
        <label class="field">
          <span class="field__label">Text</span>
          <textarea
            class="input"
            required
            rows={3}
            maxLength={5000}
            value={form.text}
            onInput={(e) => setForm({ ...form, text: e.currentTarget.value })}
          />
        </label>
        <QuickRepliesEditor
          key={editing ?? ''}
          replies={form.quickReplies}
          disabled={false}
          onChange={(quickReplies) => setForm({ ...form, quickReplies })}
        />
        <button type="submit" class="button button--primary">
          {editing ? 'Save response' : 'Add response'}
        </button>
        {editing && (
          <button
            type="button"
            class="button button--ghost"
            onClick={() => {
              setForm(EMPTY);
              setEditing(null);
            }}
          >
            Cancel
          </button>
        )}
      </form>
    </section>
  );
}
