import type { ComponentChildren } from 'preact';
import type { VisitorContext } from '../../shared/contract';
import { messageTime, relativeTime } from '../lib/format';
import { CONCERN_LABELS, HESITATION_LABELS, STAGE_LABELS, formatMoney, humanizeId } from '../lib/lifecycle-labels';
import { ConversationHistory } from './ConversationHistory';
import { IntentSection } from './IntentSection';
import { PrivacyActions } from './PrivacyActions';
import type { VisitorContextState } from '../state/visitor-context';

export interface VisitorPanelProps {
  state: VisitorContextState;
  /** The conversation open beside the panel. */
  conversationId: string | null;
  now: number;
  onRetry: () => void;
  onOpenConversation: (conversationId: string) => void;
  /** Folded to a narrow rail with a button that unfolds it, so the conversation gets the width. */
  collapsed: boolean;
  onToggle: () => void;
  /** Admins only: the visitor's export and erasure, with the name the confirmation shows. */
  privacy?: { visitorId: string; name: string } | null;
}

/** Beside the open conversation: where the visitor stands, why, what they did this session, and their other conversations. */
export function VisitorPanel({ state, conversationId, now, onRetry, onOpenConversation, collapsed, onToggle, privacy }: VisitorPanelProps) {
  const { context } = state;
  if (collapsed) {
    return (
      <aside class="visitor-panel visitor-panel--collapsed" aria-label="Visitor">
        <button type="button" class="visitor-panel__toggle" aria-expanded="false" onClick={onToggle}>
          Show visitor
        </button>
      </aside>
    );
  }
  return (
    <aside class="visitor-panel" aria-labelledby="visitor-panel-title">
      <div class="visitor-panel__header">
        <h2 id="visitor-panel-title" class="visitor-panel__title">
          Visitor
        </h2>
        {context && <StageBadge stage={context.stage} />}
        {context?.identified && (
          <span class="badge badge--success" title="The shop signed this visitor's identity">
            Identity verified
          </span>
        )}
        <button type="button" class="icon-button visitor-panel__hide" aria-label="Hide visitor" aria-expanded="true" onClick={onToggle}>
          »
        </button>
      </div>
      {(state.load === 'loading' || state.load === 'idle') && !context && (
        <p class="visitor-panel__state" role="status">
          Loading visitor…
        </p>
      )}
      {state.load === 'error' && (
        <div class="visitor-panel__state visitor-panel__state--error" role="alert">
          <p>{state.error ?? 'Could not load this visitor.'}</p>
          <button type="button" class="button button--small" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
      {context && (
        <VisitorDetails context={context} now={now}>
          <Section title="Earlier conversations">
            <ConversationHistory conversations={state.conversations} openId={conversationId} now={now} onOpen={onOpenConversation} />
          </Section>
          {privacy && (
            <Section title="Data protection">
              <PrivacyActions key={privacy.visitorId} visitorId={privacy.visitorId} name={privacy.name} />
            </Section>
          )}
        </VisitorDetails>
      )}
    </aside>
  );
}

function StageBadge({ stage }: { stage: VisitorContext['stage'] }) {
  return (
    <span class={`stage-badge stage-badge--${stage}`}>
      <span class="visually-hidden">Stage: </span>
      {STAGE_LABELS[stage]}
    </span>
  );
}

function When({ at, now }: { at: string; now: number }) {
  return (
    <time class="visitor-panel__when" dateTime={at} title={messageTime(at, now)}>
      {relativeTime(at, now)}
    </time>
  );
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  const id = `visitor-panel-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section class="visitor-panel__section" aria-labelledby={id}>
      <h3 id={id} class="visitor-panel__heading">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** `children`: sections shown after the orders. */
function VisitorDetails({ context, now, children }: { context: VisitorContext; now: number; children: ComponentChildren }) {
  const { hesitation, cart, orders, pages, timeline } = context;
  return (
    <div class="visitor-panel__body">
      {hesitation && (
        <Section title="Hesitation">
          <div class="hesitation">
            <p class="hesitation__kind">
              <span class="badge badge--danger">{HESITATION_LABELS[hesitation.kind]}</span>
              <span class="badge">Concern: {CONCERN_LABELS[hesitation.concern]}</span>
              <When at={hesitation.at} now={now} />
            </p>
            <p class="hesitation__reason">{hesitation.reason}</p>
          </div>
        </Section>
      )}

      <Section title="Purchase intent">
        <IntentSection intent={context.intent} />
      </Section>

      <Section title="Cart">
        {cart.items > 0 ? (
          <>
            <p class="visitor-panel__fact">
              <strong>{formatMoney(cart.value, cart.currency)}</strong>{' '}
              <span class="muted">
                · {cart.items} {cart.items === 1 ? 'item' : 'items'}
              </span>
            </p>
            {cart.lines && (
              <ul class="visitor-panel__list" aria-label="In the cart">
                {cart.lines.map((line) => (
                  <li key={line.url}>
                    <a href={line.url} target="_blank" rel="noopener noreferrer">
                      {line.title}
                    </a>{' '}
                    <span class="muted">{formatMoney(line.price, line.currency)}</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <p class="muted">The cart is empty.</p>
        )}
      </Section>

      <Section title="Orders">
        {orders.length === 0 ? (
          <p class="muted">No orders yet.</p>
        ) : (
          <ul class="visitor-panel__list" aria-label="Orders">
            {[...orders].reverse().map((order) => (
              <li key={order.orderId} class="visitor-panel__row">
                <span>
                  #{order.orderId} · {formatMoney(order.total, order.currency)}
                </span>
                <When at={order.at} now={now} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      {children}

      <Section title="Pages this session">
        {pages.length === 0 ? (
          <p class="muted">No pages recorded.</p>
        ) : (
          <ol class="visitor-panel__list" aria-label="Pages visited, latest first">
            {[...pages].reverse().map((page, i) => (
              <li key={`${page.at}-${i}`} class="visitor-panel__page">
                <span class="visitor-panel__row">
                  <PageLink url={page.url} title={page.title} />
                  <When at={page.at} now={now} />
                </span>
                <span class="visitor-panel__meta">
                  <span class="badge">{humanizeId(page.pageType)}</span>
                  <span class="visitor-panel__url">{page.url}</span>
                </span>
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section title="Stage timeline">
        {timeline.length === 0 ? (
          <p class="muted">No stage changes yet.</p>
        ) : (
          <ol class="timeline" aria-label="Stage changes, latest first">
            {[...timeline].reverse().map((change, i) => (
              <li key={`${change.at}-${i}`} class="timeline__item">
                <span class="visitor-panel__row">
                  <StageBadge stage={change.stage} />
                  <When at={change.at} now={now} />
                </span>
                <span class="timeline__rule">{change.rule ? humanizeId(change.rule) : 'no rule recorded'}</span>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </div>
  );
}

/** Links only to web pages: a tracked URL comes from the visitor's browser and is not trusted. */
function PageLink({ url, title }: { url: string; title: string }) {
  const label = title || url || 'Untitled page';
  if (!/^https?:\/\//i.test(url)) return <span class="visitor-panel__page-title">{label}</span>;
  return (
    <a class="visitor-panel__page-title" href={url} target="_blank" rel="noopener noreferrer">
      {label}
    </a>
  );
}
