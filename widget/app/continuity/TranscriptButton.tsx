import { Component } from 'preact';
import { continuityText } from '../../../shared/i18n/catalogs/continuity';
import type { ViewProps } from '../view-props';

type Sending = 'idle' | 'sending' | 'sent' | 'failed';

/** "Email me this conversation" (`transcript:request`): for a visitor whose address is known; the server sends it. */
export class TranscriptButton extends Component<ViewProps & { conversationId: string }, { sending: Sending }> {
  override state = { sending: 'idle' as Sending };

  private readonly send = async () => {
    this.setState({ sending: 'sending' });
    try {
      await this.props.session.request('transcript:request', { conversationId: this.props.conversationId });
      this.setState({ sending: 'sent' });
    } catch {
      this.setState({ sending: 'failed' });
    }
  };

  override render({ state: { locale, email } }: ViewProps & { conversationId: string }, { sending }: { sending: Sending }) {
    if (!email) return null;
    const t = continuityText(locale);
    return (
      <p aria-live="polite">
        {sending === 'sent' ? (
          t('transcript.sent', { email })
        ) : (
          <>
            <button type="button" class="link-button" disabled={sending === 'sending'} onClick={this.send}>
              {t('transcript.send')}
            </button>
            {sending === 'failed' && <span class="error"> {t('transcript.failed')}</span>}
          </>
        )}
      </p>
    );
  }
}
