import { Component } from 'preact';
import type { ViewProps } from './view-props';

/**
 * After an agent closes the chat: "How did we do?" with 1–5 and an optional comment. A class, like
 * the rest of the widget: hooks would add their runtime to the download that opens the widget.
 */
export class CsatPrompt extends Component<ViewProps, { rating: number; comment: string }> {
  override state = { rating: 0, comment: '' };

  override render({ state: { t, csat }, session }: ViewProps) {
    const { rating, comment } = this.state;
    if (!csat) return null;
    if (csat.status === 'sent')
      return (
        <p class="note" role="status">
          {t('help.thanks')}
        </p>
      );
    return (
      <form
        class="offline"
        onSubmit={(event) => {
          event.preventDefault();
          if (rating) void session.rate(rating, comment);
        }}
      >
        <p id="lc-csat">{t('csat.question')}</p>
        <div role="radiogroup" aria-labelledby="lc-csat">
          {[1, 2, 3, 4, 5].map((n) => (
            // biome-ignore lint/a11y/useSemanticElements: star buttons announced as a radio group; native radios would need more markup and CSS in the widget's byte budget
            <button
              key={n}
              type="button"
              role="radio"
              aria-checked={rating === n}
              aria-label={t('csat.star', { n })}
              class={n <= rating ? 'star on' : 'star'}
              onClick={() => this.setState({ rating: n })}
            >
              ★
            </button>
          ))}
        </div>
        <label class="field">
          {t('csat.comment')}
          <textarea
            rows={2}
            maxLength={1000}
            dir="auto"
            value={comment}
            onInput={(event) => this.setState({ comment: event.currentTarget.value })}
          />
        </label>
        {csat.status === 'failed' && (
          <p class="error" role="alert">
            {t('message.notSent')}
          </p>
        )}
        <button type="submit" class="button" disabled={!rating || csat.status === 'sending'}>
          {t('csat.submit')}
        </button>
      </form>
    );
  }
}
