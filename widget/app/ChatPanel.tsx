import type { TargetedKeyboardEvent } from 'preact';
import { ChatView } from './ChatView';
import { HelpView } from './HelpView';
import { lazy } from './lazy';
import { textDirection } from './locale';
import { StatusBanner } from './StatusBanner';
import type { ViewProps } from './view-props';

const HistoryView = lazy(() => import('./history/HistoryView').then((m) => m.HistoryView));
const VIEWS = { chat: ChatView, help: HelpView, history: HistoryView };
/** Consent mode: the notice shown instead of the views until the visitor starts the chat. */
const ConsentView = lazy(() => import('./consent/ConsentView').then((m) => m.ConsentView));

/** The panel's ref: on a phone, where the panel fills the screen, it keeps clear of the on-screen keyboard. */
const onPhone = (panel: HTMLElement | null): void => {
  if (panel && innerWidth < 481) void import('./phone/fit-viewport').then((m) => m.fitViewport(panel));
};

export function ChatPanel({ state, session }: ViewProps) {
  const { t } = state;
  const View = VIEWS[state.view];
  const logo = state.site?.branding?.logoUrl;
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') session.close();
  };

  return (
    <section
      ref={onPhone}
      class="panel"
      role="dialog"
      aria-labelledby="lc-title"
      lang={state.locale}
      dir={textDirection(state.locale)}
      onKeyDown={onKeyDown}
      // Files dropped on the panel, pasted into the message box or picked with Attach (their events bubble up here).
      onDragOver={(event) => event.preventDefault()}
      onDrop={session.attach}
      onPaste={session.attach}
      onChange={session.attach}
    >
      <header>
        {logo && <img class="logo" src={logo} alt="" />}
        <h2 id="lc-title">{state.site?.name || t('panel.title')}</h2>
        <button type="button" class="icon-button" aria-label={t('panel.close')} onClick={() => session.close()}>
          <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round">
            <path d="M6 6l12 12M18 6 6 18" />
          </svg>
        </button>
      </header>
      {state.consent ? (
        <ConsentView state={state} session={session} />
      ) : (
        <>
          <nav class="tabs">
            {(['chat', 'help', 'history'] as const).map((view) => (
              <button key={view} type="button" class="tab" aria-pressed={state.view === view} onClick={() => session.openPanel(view)}>
                {t(`panel.${view}`)}
              </button>
            ))}
          </nav>
          <StatusBanner state={state} />
          <View state={state} session={session} />
        </>
      )}
    </section>
  );
}
