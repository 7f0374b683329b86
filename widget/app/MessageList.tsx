import { Component, createRef, type ComponentChildren } from 'preact';
import type { Message } from '../../shared/contract';
import { articleIdsIn } from '../../shared/kb/links';
import type { Translate } from './locale';
import { lazy } from './lazy';
import { timeOf } from './message-time';
import type { ViewProps } from './view-props';

/** The rating, asked once a conversation closed: its own chunk, like every view only some visitors need. */
const CsatPrompt = lazy(() => import('./CsatPrompt').then((m) => m.CsatPrompt));
/** The proactive offer and a request for a person: shown to the visitors who get one. */
const PromptCard = lazy(() => import('./PromptCard').then((m) => m.PromptCard));
/** An answer of the answer bot: shown to the visitors who get one. */
const BotAnswer = lazy(() => import('./answer-bot/BotAnswer').then((m) => m.BotAnswer));
/** Why the visitor's own message shows masked payment details: shown to the visitors who paste some. */
const MaskedNote = lazy(() => import('./privacy/MaskedNote').then((m) => m.MaskedNote));
/** A file in a message, and the visitor's files on their way: shown to the visitors who send or get one. */
const Files = lazy(() => import('./files/files').then((m) => m.Files));
/** A product card or quick replies from an agent: shown to the visitors who get one. */
const RichMessage = lazy(() => import('./cards/RichMessage').then((m) => m.RichMessage));

/** Within this many pixels of the bottom the list follows new messages. */
export const STICK_PX = 48;

interface BubbleProps {
  t: Translate;
  mine: boolean;
  author?: string | null;
  text: ComponentChildren;
  children?: ComponentChildren;
}

export function Bubble({ t, mine, author, text, children }: BubbleProps) {
  return (
    <div class={mine ? 'message message--mine' : 'message'}>
      {mine ? <span class="sr-only">{t('message.you')}</span> : author && <span class="message__author">{author}</span>}
      <p class="message__text" dir="auto">
        {text}
      </p>
      {children && <div class="message__meta">{children}</div>}
    </div>
  );
}

/** The conversation log; follows new messages unless the visitor scrolled up to read. */
export class MessageList extends Component<ViewProps> {
  private readonly log = createRef<HTMLDivElement>();
  private following = true;
  private pendingCount = this.props.state.pending.length;

  override componentDidMount(): void {
    this.follow();
  }

  override componentDidUpdate(): void {
    this.follow();
  }

  private follow(): void {
    const el = this.log.current;
    const { pending } = this.props.state;
    // Always jump down after the visitor sends.
    if (el && (this.following || pending.length > this.pendingCount)) el.scrollTop = el.scrollHeight;
    this.pendingCount = pending.length;
  }

  private readonly onScroll = () => {
    const el = this.log.current!;
    this.following = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
  };

  override render({ state, session }: ViewProps) {
    const { t, site, messages, locale } = state;
    const connected = state.connection.status === 'connected';
    const readId = messages.findLast((m) => m.author === 'visitor' && m.seq <= state.readByAgent)?.id;
    // The offer stays where it arrived, in time order with the messages after it.
    const offer = state.prompt || state.person !== 'idle' ? [<PromptCard key="prompt" state={state} session={session} />] : [];
    return (
      // A scrolling region must be reachable by keyboard to be scrolled without a mouse (axe: scrollable-region-focusable).
      // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
      <div ref={this.log} class="log" role="log" aria-live="polite" aria-label={t('log.label')} tabIndex={0} onScroll={this.onScroll}>
        {site && <Bubble t={t} mine={false} author={site.name} text={site.greeting} />}
        {messages
          .map((message: Message, index) => {
            if (message.author === 'system')
              return (
                <p key={message.id} class="note">
                  {message.text}
                </p>
              );
            if (message.answer) return <BotAnswer key={message.id} state={state} session={session} message={message} />;
            const previous = messages[index - 1];
            const showAuthor = previous?.author !== message.author || previous.authorName !== message.authorName;
            const author = showAuthor ? (message.authorName ?? t('message.support')) : null;
            if (message.card || message.quickReplies)
              return <RichMessage key={message.id} state={state} session={session} message={message} author={author} />;
            // An agent's reply may carry a help article's link: it opens inside the widget.
            const articles = message.author === 'agent' ? articleIdsIn(message.text) : [];
            return (
              <Bubble
                key={message.id}
                t={t}
                mine={message.author === 'visitor'}
                author={author}
                text={message.attachment ? <Files state={state} session={session} message={message} /> : message.text}
              >
                <time dateTime={message.createdAt}>{timeOf(message.createdAt, locale)}</time>
                {message.id === readId && <span>{t('message.read')}</span>}
                {message.masked && message.author === 'visitor' && <MaskedNote locale={locale} />}
                {articles.map((id) => (
                  <button key={id} type="button" class="link-button" onClick={() => void session.openArticle(id)}>
                    {t('prompt.readArticle')}
                  </button>
                ))}
              </Bubble>
            );
          })
          .toSpliced(state.promptAt, 0, ...offer)}
        {state.csat && <CsatPrompt state={state} session={session} />}
        {state.pending.map((entry) => (
          <Bubble key={entry.clientId} t={t} mine text={entry.text}>
            {entry.failed ? (
              <span class="error">
                {t('message.notSent')}{' '}
                <button type="button" class="link-button" onClick={() => session.retry(entry.clientId)}>
                  {t('message.retry')}
                </button>
              </span>
            ) : connected ? (
              t('message.sending')
            ) : (
              <span class="queued">{t('message.queued')}</span>
            )}
          </Bubble>
        ))}
        {state.uploads?.[0] && <Files state={state} session={session} />}
      </div>
    );
  }
}
