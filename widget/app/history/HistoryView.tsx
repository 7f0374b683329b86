import { Component } from 'preact';
import type { Message, VisitorConversationItem } from '../../../shared/contract';
import { continuityText } from '../../../shared/i18n/catalogs/continuity';
import { TranscriptButton } from '../continuity/TranscriptButton';
import { Bubble } from '../MessageList';
import { YourData } from '../privacy/YourData';
import { focusOnce, type ViewProps } from '../view-props';

interface Viewing {
  id: string;
  messages: readonly Message[];
}

interface HistoryState {
  list: readonly VisitorConversationItem[] | null;
  failed: boolean;
  viewing: Viewing | null;
}

const when = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/**
 * The visitor's conversations (a lazily loaded view): each with its status, last message and time;
 * the current one opens in the chat, an earlier (closed) one read-only, and a new one can start.
 */
export class HistoryView extends Component<ViewProps, HistoryState> {
  override state: HistoryState = { list: null, failed: false, viewing: null };

  override componentDidMount(): void {
    this.props.session.request('conversations:mine', {}).then(
      ({ conversations }) => this.setState({ list: conversations }),
      () => this.setState({ failed: true }),
    );
  }

  private async open(item: VisitorConversationItem): Promise<void> {
    const { state, session } = this.props;
    if (item.status === 'open' || item.id === state.messages.at(-1)?.conversationId) {
      session.showView('chat');
      return;
    }
    try {
      const { id, messages } = await session.request('conversation:view', { conversationId: item.id });
      this.setState({ viewing: { id, messages } });
    } catch {
      this.setState({ failed: true });
    }
  }

  override render({ state, session }: ViewProps, { list, failed, viewing }: HistoryState) {
    const { t, locale } = state;
    const h = continuityText(locale);
    // One open conversation at a time: a new one starts once the current one has closed.
    const canStartNew = state.csat !== null || state.messages.length === 0;
    const newButton = canStartNew && (
      <button type="button" class="button" onClick={() => session.startNew()}>
        {h('history.new')}
      </button>
    );
    if (viewing)
      return (
        <div class="help">
          <button type="button" class="link-button back" ref={focusOnce(true)} onClick={() => this.setState({ viewing: null })}>
            {h('history.back')}
          </button>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
          <div class="log" role="log" aria-label={t('log.label')} tabIndex={0}>
            {viewing.messages.map((m) =>
              m.author === 'system' ? (
                <p key={m.id} class="note">
                  {m.text}
                </p>
              ) : (
                <Bubble key={m.id} t={t} mine={m.author === 'visitor'} author={m.authorName ?? t('message.support')} text={m.text}>
                  <time dateTime={m.createdAt}>{when(m.createdAt, locale)}</time>
                </Bubble>
              ),
            )}
          </div>
          <p class="note">{h('history.readOnly')}</p>
          <TranscriptButton state={state} session={session} conversationId={viewing.id} />
          {newButton}
        </div>
      );
    const current = state.messages.at(-1)?.conversationId;
    return (
      <div class="help">
        {newButton}
        {current && <TranscriptButton state={state} session={session} conversationId={current} />}
        <p class="note" aria-live="polite">
          {failed ? h('history.failed') : list?.length === 0 ? h('history.empty') : ''}
        </p>
        {list && (
          <ul class="articles">
            {list.map((item) => (
              <li key={item.id}>
                <button type="button" class="card" onClick={() => void this.open(item)}>
                  <strong>{h(item.status === 'open' ? 'history.open' : 'history.closed')}</strong>
                  <span dir="auto">{item.lastMessage?.text ?? h('history.none')}</span>
                  <time dateTime={item.lastMessage?.createdAt ?? item.startedAt}>
                    {when(item.lastMessage?.createdAt ?? item.startedAt, locale)}
                  </time>
                </button>
              </li>
            ))}
          </ul>
        )}
        <YourData state={state} session={session} />
      </div>
    );
  }
}
