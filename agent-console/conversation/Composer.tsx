import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TargetedKeyboardEvent } from 'preact';
import type { CannedResponse } from '../../shared/contract';
import { matchShortcuts, type Placeholder, placeholdersIn, shortcutQuery, type Expansion } from '../../shared/canned/expand';
import { AttachButton, filesOf } from '../files/AttachButton';
import { CannedFileChip, type ComposerFiles } from '../files/composer-files';
import { ProductPicker } from '../cards/ProductPicker';
import type { OfferedProduct } from '../cards/products';
import { QuickRepliesEditor, QuickRepliesToggle } from '../cards/QuickRepliesEditor';
import type { ReplyExtras } from '../state/open-conversation';

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
  /** Returns whether the reply was accepted (then the box is cleared). */
  onSend: (text: string, extras?: ReplyExtras) => boolean;
  /** With it, the composer can also write internal notes (agents only). */
  onNote?: (text: string) => Promise<boolean>;
  canned?: CannedCompletion;
  /** With it, replies can carry files: picked, pasted, or a canned response's. */
  files?: ComposerFiles;
  /** With it, the agent can send these products (the visitor's) as cards. */
  products?: readonly OfferedProduct[];
}

const VARIABLE_LABELS: Record<string, string> = {
  'visitor.name': 'the visitor’s name',
  'order.number': 'an order number',
  'agent.name': 'your name',
};

/** "{order.number} (an order number)": the placeholder as written, and what it stands for when known. */
function describePlaceholder(name: string): string {
  const label = VARIABLE_LABELS[name.toLowerCase()];
  return label ? `{${name}} (${label})` : `{${name}}`;
}

export function Composer({
  initialDraft,
  disabled,
  disabledReason,
  autoFocus,
  onDraftChange,
  onSend,
  onNote,
  canned,
  files,
  products,
}: ComposerProps) {
  const [draft, setDraft] = useState(initialDraft);
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [highlight, setHighlight] = useState(0);
  const [dismissedFor, setDismissedFor] = useState<string | null>(null);
  /** Offered to the visitor under the next reply. */
  const [quickReplies, setQuickReplies] = useState<string[]>([]);
  const [editingReplies, setEditingReplies] = useState(false);
  /** The chosen canned response whose file goes out with the reply. */
  const [cannedFile, setCannedFile] = useState<CannedResponse | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  /** A range to select once the textarea shows the new draft: the placeholder to type over. */
  const pendingSelection = useRef<Placeholder | null>(null);
  const id = useId();
  const hintId = `${id}-hint`;
  const listId = `${id}-canned`;

  useLayoutEffect(() => {
    if (autoFocus && !disabled) textarea.current?.focus();
  }, [autoFocus, disabled]);

  useLayoutEffect(() => {
    const range = pendingSelection.current;
    pendingSelection.current = null;
    if (range && textarea.current) {
      textarea.current.focus();
      textarea.current.setSelectionRange(range.start, range.end);
    }
  });

  const query = canned ? shortcutQuery(draft) : null;
  const suggestions = query !== null && dismissedFor !== draft ? matchShortcuts(canned!.responses, query).slice(0, MAX_SUGGESTIONS) : [];
  const open = suggestions.length > 0;
  const active = Math.min(highlight, suggestions.length - 1);
  // A reply never goes out with "{visitor.name}" in it; internal notes may keep braces.
  const placeholders = mode === 'reply' ? placeholdersIn(draft) : [];
  const blocked = placeholders.length > 0;
  const sendsFile = mode === 'reply' && files && cannedFile?.attachment ? { ...cannedFile, attachment: cannedFile.attachment } : null;
  const unfilled = placeholders.filter((p, i) => placeholders.findIndex((q) => q.name === p.name) === i);

  /** Selects a placeholder in the reply so that typing replaces it. */
  const selectPlaceholder = (placeholder: Placeholder) => {
    textarea.current?.focus();
    textarea.current?.setSelectionRange(placeholder.start, placeholder.end);
  };

  const change = (value: string) => {
    setDraft(value);
    setHighlight(0);
    // Notes are not typing the visitor should see.
    if (mode === 'reply') onDraftChange(value);
  };

  const choose = (response: CannedResponse) => {
    const { text } = canned!.expand(response.text);
    change(text);
    setCannedFile(response.attachment ? response : null);
    setQuickReplies(response.quickReplies ?? []);
    pendingSelection.current = placeholdersIn(text)[0] ?? { name: '', start: text.length, end: text.length };
  };

  const submit = async () => {
    if (disabled || (!draft.trim() && !sendsFile)) return;
    if (blocked) {
      selectPlaceholder(placeholders[0]!);
      return;
    }
    const text = draft;
    const reply = () => (quickReplies.length > 0 ? onSend(text, { quickReplies }) : onSend(text));
    const accepted = !text.trim() || (mode === 'note' && onNote ? await onNote(text) : reply());
    if (accepted && sendsFile) {
      files!.sendCanned(sendsFile);
      setCannedFile(null);
    }
    if (accepted) change('');
    if (accepted && mode === 'reply') {
      setQuickReplies([]);
      setEditingReplies(false);
    }
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
  const hint =
    near && !blocked
      ? `${draft.length} / ${MAX_LENGTH} characters`
      : blocked
        ? `Fill in ${unfilled.map((p) => describePlaceholder(p.name)).join(' and ')} before sending.`
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
        rows={2}
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
        onPaste={(event) => {
          const pasted = mode === 'reply' && files ? filesOf(event.clipboardData) : [];
          if (pasted.length === 0) return;
          event.preventDefault();
          files!.attach(pasted);
        }}
      />
      {mode === 'reply' && (
        <div class="composer__tools">
          {products && <ProductPicker products={products} disabled={disabled} onPick={(card) => onSend('', { card })} />}
          <QuickRepliesToggle
            open={editingReplies || quickReplies.length > 0}
            disabled={disabled}
            onToggle={() => {
              // Closing withdraws the replies: what is not shown is not sent.
              if (!editingReplies && quickReplies.length === 0) return setEditingReplies(true);
              setEditingReplies(false);
              setQuickReplies([]);
            }}
          />
        </div>
      )}
      {sendsFile && <CannedFileChip attachment={sendsFile.attachment} onRemove={() => setCannedFile(null)} />}
      {mode === 'reply' && (editingReplies || quickReplies.length > 0) && (
        <QuickRepliesEditor replies={quickReplies} disabled={disabled} onChange={setQuickReplies} autoFocus={editingReplies} />
      )}
      <div class="composer__bar">
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
        {files && mode === 'reply' && <AttachButton accept={files.accept} disabled={disabled} onFiles={files.attach} />}
        <div class="composer__status">
          <span id={hintId} class={`composer__hint${blocked ? ' composer__hint--warning' : ''}`} aria-live="polite">
            {hint}
          </span>
          {blocked && (
            <span class="composer__placeholders">
              {unfilled.map((p) => (
                <button
                  key={p.name}
                  type="button"
                  class="placeholder-chip"
                  aria-label={`Select {${p.name}} in the reply to type over it`}
                  onClick={() => selectPlaceholder(p)}
                >
                  {`{${p.name}}`}
                </button>
              ))}
            </span>
          )}
        </div>
        <button type="submit" class="button button--primary" disabled={disabled || (!draft.trim() && !sendsFile) || blocked}>
          {mode === 'note' ? 'Add note' : 'Send'}
        </button>
      </div>
    </form>
  );
}
