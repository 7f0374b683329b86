import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TargetedKeyboardEvent } from 'preact';

const MAX_LENGTH = 5000;

interface ComposerProps {
  /** Draft to start from (kept per conversation by the parent). */
  initialDraft: string;
  disabled: boolean;
  disabledReason: string | null;
  autoFocus: boolean;
  onDraftChange: (draft: string) => void;
  /** Returns whether the text was accepted (then the box is cleared). */
  onSend: (text: string) => boolean;
}

export function Composer({ initialDraft, disabled, disabledReason, autoFocus, onDraftChange, onSend }: ComposerProps) {
  const [draft, setDraft] = useState(initialDraft);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const hintId = `${id}-hint`;

  useLayoutEffect(() => {
    if (autoFocus && !disabled) textarea.current?.focus();
  }, [autoFocus, disabled]);

  const change = (value: string) => {
    setDraft(value);
    onDraftChange(value);
  };

  const submit = () => {
    if (disabled || !draft.trim()) return;
    if (onSend(draft)) change('');
    textarea.current?.focus();
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends; Shift+Enter is a newline; never interrupt an IME composition.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    submit();
  };

  const near = draft.length > MAX_LENGTH - 200;
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label for={id} class="visually-hidden">
        Reply
      </label>
      <textarea
        id={id}
        ref={textarea}
        class="composer__input"
        rows={3}
        maxLength={MAX_LENGTH}
        placeholder={disabledReason ?? 'Write a reply…'}
        aria-describedby={hintId}
        disabled={disabled}
        value={draft}
        onInput={(event) => change(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <div class="composer__bar">
        <span id={hintId} class="composer__hint">
          {near ? `${draft.length} / ${MAX_LENGTH} characters` : 'Enter to send · Shift+Enter for a new line'}
        </span>
        <button type="submit" class="button button--primary" disabled={disabled || !draft.trim()}>
          Send
        </button>
      </div>
    </form>
  );
}
