import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useCardsText } from './cards-text';

/** The contract's limits (`QuickReplies`): up to six labels, forty characters each. */
const MAX_REPLIES = 6;
const MAX_LENGTH = 40;

interface QuickRepliesEditorProps {
  replies: readonly string[];
  disabled: boolean;
  onChange: (replies: string[]) => void;
  /** Focuses the new-reply field when the editor appears (opened by its toggle). */
  autoFocus?: boolean;
}

/** Quick replies offered to the visitor: added with Enter, removed one by one. */
export function QuickRepliesEditor({ replies, disabled, onChange, autoFocus = false }: QuickRepliesEditorProps) {
  const { t } = useCardsText();
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  // Only when the editor appears.
  useLayoutEffect(() => {
    if (autoFocus) input.current?.focus();
  }, []);
  const add = () => {
    const label = draft.trim();
    if (label && !replies.includes(label)) onChange([...replies, label]);
    setDraft('');
  };
  return (
    <fieldset class="quick-replies-editor">
      <legend class="visually-hidden">{t('replies')}</legend>
      {replies.map((reply) => (
        <span key={reply} class="quick-replies-editor__chip">
          {reply}
          <button
            type="button"
            class="quick-replies-editor__remove"
            aria-label={t('removeReply', { label: reply })}
            disabled={disabled}
            onClick={() => onChange(replies.filter((r) => r !== reply))}
          >
            ×
          </button>
        </span>
      ))}
      {replies.length < MAX_REPLIES && (
        <>
          <label for={id} class="visually-hidden">
            {t('newReply')}
          </label>
          <input
            ref={input}
            id={id}
            class="quick-replies-editor__input"
            maxLength={MAX_LENGTH}
            placeholder={t('newReply')}
            aria-describedby={`${id}-hint`}
            disabled={disabled}
            value={draft}
            onInput={(event) => setDraft(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter' || event.isComposing) return;
              event.preventDefault();
              add();
            }}
          />
          <span id={`${id}-hint`} class="visually-hidden">
            {t('newReplyHint', { max: MAX_REPLIES, length: MAX_LENGTH })}
          </span>
        </>
      )}
    </fieldset>
  );
}

/** The composer's "Quick replies" switch: shows or hides the editor above the bar. */
export function QuickRepliesToggle({ open, disabled, onToggle }: { open: boolean; disabled: boolean; onToggle: () => void }) {
  const { t } = useCardsText();
  return (
    <button
      type="button"
      class="button button--ghost composer-tool"
      aria-label={t('replies')}
      title={t('replies')}
      aria-expanded={open}
      disabled={disabled}
      onClick={onToggle}
    >
      <svg class="composer-tool__icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        <rect x="3" y="5" width="8" height="5" rx="2.5" fill="none" stroke="currentColor" stroke-width="1.8" />
        <rect x="13" y="5" width="8" height="5" rx="2.5" fill="none" stroke="currentColor" stroke-width="1.8" />
        <rect x="3" y="14" width="11" height="5" rx="2.5" fill="none" stroke="currentColor" stroke-width="1.8" />
      </svg>
    </button>
  );
}
