import { Component, type TargetedEvent } from 'preact';
import { continuityText } from '../../../shared/i18n/catalogs/continuity';
import { ChatError } from '../chat-client';
import { takesFocus, type ViewProps } from '../view-props';
import { TranscriptButton } from './TranscriptButton';

/** The browser's own check for `type="email"`, kept loose: the server has the last word. */
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Problem = 'invalid' | 'failed' | null;

/**
 * The inline email step, below the conversation: optional, so the visitor can keep writing and the
 * message waits either way; the address is stored on the visitor for replies once they have left.
 */
export class EmailStep extends Component<ViewProps, { value: string; sending: boolean; problem: Problem }> {
  override state = { value: '', sending: false, problem: null as Problem };

  private readonly submit = async (event: TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = this.state.value.trim();
    if (!LOOKS_LIKE_EMAIL.test(email)) {
      this.setState({ problem: 'invalid' });
      return;
    }
    this.setState({ sending: true, problem: null });
    try {
      const saved = await this.props.session.request('visitor:contact', { email });
      this.props.session.emailSaved(saved.email);
    } catch (error) {
      // Never the server's own words: a refused address is the visitor's to fix, anything else is retried.
      this.setState({ sending: false, problem: error instanceof ChatError && error.code === 'invalid_payload' ? 'invalid' : 'failed' });
    }
  };

  override render({ state, session }: ViewProps) {
    const { email, emailStep } = state;
    const t = continuityText(state.locale);
    const { value, sending, problem } = this.state;
    const conversationId = state.messages.at(-1)?.conversationId;
    if (emailStep === 'saved')
      return (
        <div class="offline">
          <p role="status" {...takesFocus()}>
            {t('email.saved', { email: email ?? '' })}
          </p>
          {conversationId && <TranscriptButton state={state} session={session} conversationId={conversationId} />}
        </div>
      );
    // The bot answered the question: nothing waits for a reply, and the step would hide the answer's buttons.
    if (state.messages.at(-1)?.answer?.mode === 'answer') return null;
    return (
      <form class="offline" onSubmit={this.submit} noValidate>
        <p id="lc-email-intro">{t('email.intro')}</p>
        <label class="field">
          {t('email.label')}
          <input
            type="email"
            name="email"
            autocomplete="email"
            maxLength={254}
            dir="ltr"
            value={value}
            aria-describedby="lc-email-intro"
            aria-invalid={problem === 'invalid'}
            aria-errormessage={problem ? 'lc-email-error' : undefined}
            onInput={(event) => this.setState({ value: event.currentTarget.value, problem: null })}
          />
        </label>
        {problem && (
          <p class="error" id="lc-email-error" role="alert">
            {t(problem === 'invalid' ? 'email.invalid' : 'email.failed')}
          </p>
        )}
        <p>
          <button type="submit" class="button" disabled={sending}>
            {t('email.save')}
          </button>{' '}
          <button type="button" class="link-button" onClick={() => session.declineEmail()}>
            {t('email.skip')}
          </button>
        </p>
      </form>
    );
  }
}
