import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TargetedKeyboardEvent } from 'preact';
import type { CannedResponse } from '../../shared/contract';
import { matchShortcuts, shortcutQuery, type Expansion } from '../../shared/canned/expand';

const MAX_LENGTH = 5000;
const MAX_SUGGESTIONS = 6;

/** Canned responses offered on "/": the site's list and how to fill one in for this conversation. */
export interface CannedCompletion {
  responses: readonly CannedResponse[];
  expand(text: string): Expansion;
}

interface ComposerProps {
  /** Draft to start from (kept per conversation by the parent). */
  initialDraft: string;
  disabled: boolean;
  disabledReason: string | null;
  autoFocus: boolean;
  onDraftChange: (draft: string) => void;
  /** Returns whether the text was accepted (then the box is cleared). */
  onSend: (text: string) => boolean;
  /** With it, the composer can also write internal notes (agents only). */
  onNote?: (text: string) => Promise<boolean>;
  canned?: CannedCompletion;
}

const VARIABLE_LABELS: Record<Expansion['missing'][number], string> = {
  'visitor.name': 'the visitor’s name',
  'order.number': 'an order number',
  'agent.name': 'your name',
};

export function Composer({ initialDraft, disabled, disabledReason, autoFocus, onDraftChange, onSend, onNote, canned }: ComposerProps) {
  const [draft, setDraft] = useState(initialDraft);
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [highlight, setHighlight] = useState(0);
  const [dismissedFor, setDismissedFor] = useState<string | null>(null);
  const [missing, setMissing] = useState<Expansion['missing']>([]);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const hintId = `${id}-hint`;
  const listId = `${id}-canned`;

  useLayoutEffect(() => {
    if (autoFocus && !disabled) textarea.current?.focus();
  }, [autoFocus, disabled]);

  const query = canned ? shortcutQuery(draft) : null;
  const suggestions = query !== null && dismissedFor !== draft ? matchShortcuts(canned!.responses, query).slice(0, MAX_SUGGESTIONS) : [];
  const open = suggestions.length > 0;
  const active = Math.min(highlight, suggestions.length - 1);

  const change = (value: string) => {
    setDraft(value);
    setHighlight(0);
    // A variable counts as filled in once its placeholder is gone from the draft.
    setMissing((current) => current.filter((name) => value.includes(`{${name}}`)));
    // Notes are not typing the visitor should see.
    if (mode === 'reply') onDraftChange(value);
  };

  const choose = (response: CannedResponse) => {
    const expansion = canned!.expand(response.text);
    change(expansion.text);
    setMissing(expansion.missing);
    textarea.current?.focus();
  };

  const submit = async () => {
    if (disabled || !draft.trim()) return;
    const text = draft;
    const accepted = mode === 'note' && onNote ? await onNote(text) : onSend(text);
    if (accepted) change('');
    textarea.current?.focus();
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setHighlight((active + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        choose(suggestions[active]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissedFor(draft);
        return;
      }
    }
    // Enter sends; Shift+Enter is a newline; never interrupt an IME composition.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void submit();
  };

  const near = draft.length > MAX_LENGTH - 200;
  const hint = near
    ? `${draft.length} / ${MAX_LENGTH} characters`
    : missing.length > 0
      ? `Fill in ${missing.map((m) => VARIABLE_LABELS[m]).join(' and ')} before sending.`
      : mode === 'note'
        ? 'Only agents see notes · Enter to add'
        : `Enter to send · Shift+Enter for a new line${canned ? ' · / for canned responses' : ''}`;
  return (
    <form
      class={`composer${mode === 'note' ? ' composer--note' : ''}`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {onNote && (
        <div class="composer__modes" role="radiogroup" aria-label="Write">
          {(['reply', 'note'] as const).map((m) => (
            // biome-ignore lint/a11y/useSemanticElements: a two-way switch of buttons, announced as radios (tests and styles rely on buttons)
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              class="composer__mode"
              disabled={disabled}
              onClick={() => {
                setMode(m);
                textarea.current?.focus();
              }}
            >
              {m === 'reply' ? 'Reply' : 'Internal note'}
            </button>
          ))}
        </div>
      )}
      <label for={id} class="visually-hidden">
        {mode === 'note' ? 'Internal note' : 'Reply'}
      </label>
      {open && (
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a combobox's popup list; focus stays in the textarea (aria-activedescendant)
        <ul id={listId} class="canned-menu" role="listbox" aria-label="Canned responses">
          {suggestions.map((response, index) => (
            // biome-ignore lint/a11y/useFocusableInteractive: options are not focused themselves (aria-activedescendant)
            <li
              key={response.id}
              id={`${listId}-${index}`}
              // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the listbox above, chosen by mouse or by the textarea's arrow keys
              role="option"
              aria-selected={index === active}
              class="canned-menu__item"
              onMouseDown={(event) => {
                event.preventDefault();
                choose(response);
              }}
            >
              <span class="canned-menu__shortcut">/{response.shortcut}</span>
              <span class="canned-menu__title">{response.title}</span>
            </li>
          ))}
        </ul>
      )}
      <textarea
        id={id}
        ref={textarea}
        class="composer__input"
        rows={3}
        maxLength={MAX_LENGTH}
        placeholder={disabledReason ?? (mode === 'note' ? 'Write a note for your team…' : 'Write a reply…')}
        aria-describedby={hintId}
        aria-autocomplete={canned ? 'list' : undefined}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        disabled={disabled}
        value={draft}
        onInput={(event) => change(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <div class="composer__bar">
        <span id={hintId} class={`composer__hint${missing.length > 0 ? ' composer__hint--warning' : ''}`}>
          {hint}
        </span>
        <button type="submit" class="button button--primary" disabled={disabled || !draft.trim()}>
          {mode === 'note' ? 'Add note' : 'Send'}
        </button>
      </div>
    </form>
  );
}
