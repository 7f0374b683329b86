import { Component } from 'preact';
import type { Message } from '../../../shared/contract';
import { answerBotText } from '../../../shared/i18n/catalogs/answer-bot';
import { PersonAction } from '../HelpView';
import { takesFocus, type ViewProps } from '../view-props';

interface Props extends ViewProps {
  message: Message;
}

/**
 * An answer of the bot: the passage of a help article that answers the visitor's question (one line per
 * list item or table row, as the article has it), the article to read in full, and, on the newest
 * answer, "That helped" and "Talk to a person".
 */
type Helped = 'no' | 'sending' | 'yes' | 'failed';

export class BotAnswer extends Component<Props, { helped: Helped }> {
  override state: { helped: Helped } = { helped: 'no' };

  private readonly helped = async () => {
    this.setState({ helped: 'sending' });
    try {
      await this.props.session.request('bot:helped', { messageId: this.props.message.id });
      this.setState({ helped: 'yes' });
    } catch {
      this.setState({ helped: 'failed' });
    }
  };

  override render({ state, session, message }: Props, { helped }: { helped: Helped }) {
    const { t, locale } = state;
    // The newest answer, with no agent reply after it, is the one the visitor can still act on.
    const current = state.messages.findLast((m) => m.author === 'agent' || m.author === 'bot') === message;
    const b = answerBotText(locale);
    const answer = message.answer!;
    return (
      <div class="message">
        <span class="message__author">{b('bot.name')}</span>
        <div class="card" dir="auto">
          {answer.mode === 'while_you_wait' && <span>{b('bot.whileYouWait')}</span>}
          <strong>{answer.title}</strong>
          <p class="message__text">{message.text}</p>
          <button type="button" class="link-button back" onClick={() => void session.openArticle(answer.articleId)}>
            {t('prompt.readArticle')}
          </button>
        </div>
        {current && answer.mode === 'answer' && (
          <>
            {helped === 'yes' ? (
              <p class="note" role="status" {...takesFocus()}>
                {b('bot.thanks')}
              </p>
            ) : (
              <p>
                {helped === 'failed' && <span class="error">{b('bot.failed')} </span>}
                <button type="button" class="button button--secondary" disabled={helped === 'sending'} onClick={this.helped}>
                  {b('bot.helped')}
                </button>
              </p>
            )}
            {helped !== 'yes' && <PersonAction state={state} session={session} articleId={answer.articleId} />}
          </>
        )}
      </div>
    );
  }
}
