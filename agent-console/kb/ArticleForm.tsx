import { useState } from 'preact/hooks';
import type { KbArticle, KbArticleContent, KbLocale } from '../../shared/contract';
import { KB_LOCALES, RTL_LOCALES } from '../../shared/kb/locales';
import { describeFailure } from '../lib/describe-failure';
import type { KbApi } from '../api/kb-api';
import { LearnedPhrasings } from './LearnedPhrasings';
import { LOCALE_NAMES, statusLabel } from './labels';
import { RevisionHistory } from './RevisionHistory';
import { usePreview } from './use-preview';

/** A new article: empty, or a translation of an existing one (sharing its key). */
export interface NewArticle {
  locale: KbLocale;
  translationOf?: { id: string; title: string };
}

interface ArticleFormProps {
  api: KbApi;
  target: KbArticle | NewArticle;
  canPublish: boolean;
  onSaved: (article: KbArticle) => void;
  onTranslate: (article: KbArticle) => void;
}

type Fields = KbArticleContent & { tagText: string };

const fieldsOf = (article: KbArticle | null): Fields => ({
  title: article?.title ?? '',
  body: article?.body ?? '',
  category: article?.category ?? '',
  tags: article?.tags ?? [],
  tagText: article?.tags.join(', ') ?? '',
});
const tagsOf = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];
const isSaved = (target: KbArticle | NewArticle): target is KbArticle => 'id' in target;

/** Edits one article with a live, server-rendered preview; saves drafts, publishes, unpublishes, restores. */
export function ArticleForm({ api, target, canPublish, onSaved, onTranslate }: ArticleFormProps) {
  const article = isSaved(target) ? target : null;
  const [fields, setFields] = useState<Fields>(() => fieldsOf(article));
  const [locale, setLocale] = useState<KbLocale>(target.locale);
  const [busy, setBusy] = useState<'save' | 'publish' | 'unpublish' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const preview = usePreview(api, fields.body, article?.html ?? '');

  const content: KbArticleContent = { title: fields.title, body: fields.body, category: fields.category, tags: tagsOf(fields.tagText) };
  const saved = fieldsOf(article);
  const dirty =
    !article ||
    (['title', 'body', 'category'] as const).some((k) => content[k] !== saved[k]) ||
    content.tags.join('\u0000') !== saved.tags.join('\u0000');
  const complete = content.title.trim() !== '' && content.category.trim() !== '';
  const dir = RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';

  async function run(action: 'save' | 'publish' | 'unpublish', success: string): Promise<void> {
    setBusy(action);
    setError(null);
    setNotice(null);
    try {
      let current = article;
      if (action !== 'unpublish' && dirty) {
        current = current
          ? await api.update(current.id, content)
          : await api.create({
              ...content,
              locale,
              ...(isSaved(target) || !target.translationOf ? {} : { translationOf: target.translationOf.id }),
            });
      }
      if (!current) return;
      if (action === 'publish') current = await api.publish(current.id);
      if (action === 'unpublish') current = await api.unpublish(current.id);
      setFields(fieldsOf(current));
      onSaved(current);
      setNotice(success);
    } catch (err) {
      setError(describeFailure(err));
    } finally {
      setBusy(null);
    }
  }

  const restore = async (revision: number) => {
    if (!article) return;
    setError(null);
    try {
      const restored = await api.restore(article.id, revision);
      setFields(fieldsOf(restored));
      onSaved(restored);
      setNotice(`Revision #${revision} is back in the draft.${canPublish ? ' Publish it to show it to visitors.' : ''}`);
    } catch (err) {
      setError(describeFailure(err));
    }
  };

  const set = (patch: Partial<Fields>) => setFields((f) => ({ ...f, ...patch }));
  return (
    <section class="kb-form" aria-label={article ? `Edit “${article.title}”` : 'New article'}>
      <header class="kb-form__header">
        <div>
          <h2 class="kb-form__title" dir="auto">
            {article ? article.title : 'New article'}
          </h2>
          <p class="muted">
            {article
              ? `${statusLabel(article)} · ${LOCALE_NAMES[article.locale]} · revision #${article.revision} by ${article.updatedBy.name}`
              : null}
            {!article && !isSaved(target) && target.translationOf ? `Translation of “${target.translationOf.title}”` : null}
          </p>
        </div>
        <div class="kb-form__actions">
          {article && (
            <button type="button" class="button button--small" onClick={() => onTranslate(article)}>
              Translate
            </button>
          )}
          <button
            type="button"
            class="button"
            disabled={!dirty || !complete || busy !== null}
            onClick={() => void run('save', canPublish ? 'Draft saved.' : 'Draft saved. An editor can publish it.')}
          >
            {busy === 'save' ? 'Saving…' : 'Save draft'}
          </button>
          {canPublish && (
            <button
              type="button"
              class="button button--primary"
              disabled={!complete || busy !== null || (!dirty && article?.status === 'published' && !article.hasUnpublishedChanges)}
              onClick={() => void run('publish', 'Published: visitors see it now.')}
            >
              {busy === 'publish' ? 'Publishing…' : 'Publish'}
            </button>
          )}
          {canPublish && article?.status === 'published' && (
            <button
              type="button"
              class="button button--ghost"
              disabled={busy !== null}
              onClick={() => void run('unpublish', 'Unpublished: visitors no longer see it.')}
            >
              {busy === 'unpublish' ? 'Unpublishing…' : 'Unpublish'}
            </button>
          )}
        </div>
      </header>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <div class="kb-form__grid">
        <div class="kb-form__fields">
          <label class="field">
            <span class="field__label">Title</span>
            <input
              class="input"
              dir={dir}
              value={fields.title}
              maxLength={200}
              required
              onInput={(e) => set({ title: e.currentTarget.value })}
            />
          </label>
          <div class="kb-form__row">
            <label class="field">
              <span class="field__label">Category</span>
              <input
                class="input"
                dir={dir}
                value={fields.category}
                maxLength={60}
                required
                onInput={(e) => set({ category: e.currentTarget.value })}
              />
            </label>
            <label class="field">
              <span class="field__label">Language</span>
              <select
                class="input"
                value={locale}
                disabled={article !== null}
                onChange={(e) => setLocale(e.currentTarget.value as KbLocale)}
              >
                {KB_LOCALES.map((l) => (
                  <option key={l} value={l}>
                    {LOCALE_NAMES[l]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label class="field">
            <span class="field__label">Tags (comma separated)</span>
            <input class="input" dir={dir} value={fields.tagText} onInput={(e) => set({ tagText: e.currentTarget.value })} />
          </label>
          <label class="field kb-form__body">
            <span class="field__label">Body (Markdown)</span>
            <textarea
              class="input"
              dir={dir}
              rows={16}
              maxLength={50_000}
              value={fields.body}
              onInput={(e) => set({ body: e.currentTarget.value })}
            />
          </label>
        </div>
        <section class="kb-form__preview" aria-label="Preview" aria-busy={preview.pending}>
          <div class="field__label">Preview {preview.pending && <span class="muted">· updating…</span>}</div>
          {preview.error && (
            <p class="form-error" role="alert">
              Preview failed: {preview.error}
            </p>
          )}
          <article class="kb-preview" dir={dir} data-testid="kb-preview">
            <h1 class="kb-preview__title">{fields.title}</h1>
            {/* Rendered and sanitized by the server: the exact HTML visitors get. */}
            <div dangerouslySetInnerHTML={{ __html: preview.html }} />
          </article>
        </section>
      </div>
      {article && <LearnedPhrasings api={api} articleId={article.id} />}
      {article && <RevisionHistory api={api} articleId={article.id} revision={article.revision} canRestore onRestore={restore} />}
    </section>
  );
}
