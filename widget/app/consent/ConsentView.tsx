import { visitorDataText } from '../../../shared/i18n/catalogs/visitor-data';
import { focusOnce, takesFocus, type ViewProps } from '../view-props';
import { consent } from './consent';

/** What the panel shows while the widget waits for consent: what the chat keeps, the shop's privacy page, and the way to start. */
export function ConsentView({ state, session }: ViewProps) {
  const text = visitorDataText(state.locale);
  const { policyUrl, deleted } = state.consent ?? {};
  return (
    <div class="help">
      {deleted && (
        <p role="status" {...takesFocus()}>
          {text('data.deleted')}
        </p>
      )}
      <h3>{text('consent.title')}</h3>
      <p>{text('consent.notice')}</p>
      {policyUrl && (
        <p>
          <a href={policyUrl} target="_blank" rel="noopener noreferrer">
            {text('consent.policy')}
          </a>
        </p>
      )}
      <button type="button" class="button" ref={focusOnce(state.openedByVisitor)} onClick={() => void consent(session, true)}>
        {text('consent.start')}
      </button>
    </div>
  );
}
