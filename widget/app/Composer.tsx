import { createRef, type TargetedEvent, type TargetedKeyboardEvent } from 'preact';
import { focusOnce, type ViewProps } from './view-props';

const MAX_LENGTH = 5000;

export function Composer({ state, session }: ViewProps) {
  const { t, draft } = state;
  const canSend = state.connection.status !== 'failed' && draft.trim() !== '';
  const picker = createRef<HTMLInputElement>();
  const send = (field: HTMLTextAreaElement | null) => {
    if (canSend) session.send(draft);
    field?.focus();
  };
  const onSubmit = (event: TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    send(event.currentTarget.querySelector('textarea'));
  };
  // Enter sends, Shift+Enter adds a line; never while an IME composition is open.
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send(event.currentTarget);
    }
  };

  return (
    <form class="composer" onSubmit={onSubmit}>
      <textarea
        ref={focusOnce(state.openedByVisitor)}
        aria-label={t('composer.label')}
        placeholder={t('composer.placeholder')}
        rows={1}
        maxLength={MAX_LENGTH}
        value={draft}
        disabled={state.connection.status === 'failed'}
        dir="auto"
        onInput={(event) => session.setDraft(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={() => session.stopTyping()}
      />
      <input type="file" ref={picker} multiple hidden />
      {state.site?.attachments?.kinds[0] && (
        <button type="button" class="icon-button" aria-label={t('composer.attach')} onClick={() => picker.current?.click()}>
          <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round">
            <path d="M12 5v14M5 12h14" />
          </svg>
        </button>
      )}
      <button type="submit" class="button" disabled={!canSend}>
        {t('composer.send')}
      </button>
    </form>
  );
}
