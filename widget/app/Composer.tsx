import type { TargetedEvent, TargetedKeyboardEvent } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

const MAX_LENGTH = 5000;

interface ComposerProps {
  draft: string;
  disabled: boolean;
  onDraftChange(text: string): void;
  onSend(text: string): void;
  onBlur(): void;
}

export function Composer({ draft, disabled, onDraftChange, onSend, onBlur }: ComposerProps) {
  const input = useRef<HTMLTextAreaElement>(null);
  const canSend = !disabled && draft.trim() !== '';

  useEffect(() => input.current?.focus(), []);

  const send = () => {
    if (canSend) onSend(draft);
    input.current?.focus();
  };
  const onSubmit = (event: TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    send();
  };
  // Enter sends, Shift+Enter adds a line; never while an IME composition is open.
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form class="composer" onSubmit={onSubmit}>
      <textarea
        ref={input}
        class="composer__input"
        aria-label="Message"
        placeholder="Write a message…"
        rows={1}
        maxLength={MAX_LENGTH}
        value={draft}
        disabled={disabled}
        onInput={(event) => onDraftChange(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      />
      <button type="submit" class="composer__send" disabled={!canSend}>
        Send
      </button>
    </form>
  );
}
