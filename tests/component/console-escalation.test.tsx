import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentRequestError } from '../../agent-console/agent-socket';
import type { ConversationSummary, Escalation, VisitorContextAnswer, VisitorConversation } from '../../shared/contract';
import { message, minutesAgo, openConversationHandler, renderSignedIn, summary, type Handlers } from './console-harness';

afterEach(cleanup);

const checkoutIdle: Escalation = {
  kind: 'checkout_idle',
  concern: 'shipping_cost',
  reason: 'Idle on checkout for 2 min with 2 items (€89.90)',
  at: minutesAgo(1.5),
};

function context(visitorId: string, patch: Partial<VisitorContextAnswer> = {}): VisitorContextAnswer {
  return {
    visitorId,
    stage: 'purchase',
    timeline: [
      { stage: 'awareness', rule: 'first_visit', at: minutesAgo(40.5) },
      { stage: 'evaluation', rule: 'evaluation_pages', at: minutesAgo(20.5) },
      { stage: 'purchase', rule: 'cart_non_empty', at: minutesAgo(8.5) },
    ],
    intent: {
      score: 0.724,
      reasons: [
        {
          signal: 'exitRate',
          contribution: -0.41,
          detail: 'browsed pages that visitors rarely leave the shop from (4.2 % of views end there)',
        },
        { signal: 'checkoutStarted', contribution: 1.2, detail: 'started checking out' },
        { signal: 'productPages', contribution: 0.63, detail: 'looked at 5 product pages' },
      ],
    },
    hesitation: checkoutIdle,
    cart: { items: 2, value: 89.9, currency: 'EUR' },
    pages: [
      { url: 'https://shop.example/p/kettle', title: 'Kettle', pageType: 'product', at: minutesAgo(9) },
      { url: 'https://shop.example/shipping', title: 'Shipping & returns', pageType: 'shipping_returns', at: minutesAgo(6) },
      { url: 'javascript:alert(1)', title: 'Checkout', pageType: 'checkout', at: minutesAgo(3) },
    ],
    orders: [{ orderId: 'A-1001', total: 42, currency: 'EUR', at: minutesAgo(60 * 24 * 30) }],
    identified: true,
    conversations: [],
    ...patch,
  };
}

const panel = () => screen.getByRole('complementary', { name: 'Visitor' });
const section = (name: string) => within(panel()).getByRole('region', { name });
const itemTexts = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((li) => li.textContent);

async function openConversation(conv: ConversationSummary, handlers: Handlers = {}) {
  const ctx = await renderSignedIn({
    'conversations:list': () => ({ conversations: [conv] }),
    'conversation:open': openConversationHandler({ [conv.id]: { summary: conv, messages: [message(conv.id)] } }),
    ...handlers,
  });
  fireEvent.click(await screen.findByRole('button', { name: new RegExp(conv.visitorName) }));
  await screen.findByRole('heading', { name: conv.visitorName });
  return ctx;
}

// ---- visitor panel -------------------------------------------------------------------------------

describe('visitor panel', () => {
  const conv = summary(1, { visitorName: 'Hedy', escalation: checkoutIdle, priority: 1089.9 });

  it('shows stage, intent with reasons, hesitation, cart, orders, pages and timeline', async () => {
    const { connection } = await openConversation(conv, { 'visitor:context': ({ visitorId }) => context(visitorId) });
    await within(panel()).findByText('Purchase intent');
    expect(connection.sent('visitor:context')).toEqual([{ visitorId: conv.visitorId }]);

    const header = within(panel()).getByRole('heading', { name: 'Visitor' }).parentElement!;
    expect(header.textContent).toContain('Stage: Purchase');
    expect(within(header).getByText('Identity verified')).toBeTruthy();

    const intent = section('Purchase intent');
    expect(within(intent).getByText('72%')).toBeTruthy();
    const meter = intent.querySelector('meter')!;
    expect([meter.getAttribute('aria-label'), meter.getAttribute('value')]).toEqual(['Purchase intent', '72']);
    // Largest effect first, each with its direction for screen readers.
    expect(itemTexts(within(intent).getByRole('list', { name: 'Why' }))).toEqual([
      'started checking outraises intent by +1.20',
      'looked at 5 product pagesraises intent by +0.63',
      'browsed pages that visitors rarely leave the shop from (4.2 % of views end there)lowers intent by −0.41',
    ]);

    const hesitation = section('Hesitation');
    expect(within(hesitation).getByText('Idle at checkout')).toBeTruthy();
    expect(within(hesitation).getByText('Concern: Shipping cost')).toBeTruthy();
    expect(within(hesitation).getByText(checkoutIdle.reason)).toBeTruthy();
    expect(within(hesitation).getByText('1m')).toBeTruthy();

    const cart = section('Cart');
    expect(cart.textContent).toMatch(/89\.90/);
    expect(cart.textContent).toContain('2 items');
    expect(section('Orders').textContent).toMatch(/#A-1001 · €?42\.00/);

    const pages = within(section('Pages this session')).getByRole('list');
    expect(
      within(pages)
        .getAllByRole('listitem')
        .map((li) => li.querySelector('.visitor-panel__page-title')?.textContent),
    ).toEqual(['Checkout', 'Shipping & returns', 'Kettle']);
    expect(within(pages).getByText('shipping returns')).toBeTruthy();
    expect(within(pages).getByRole('link', { name: 'Kettle' }).getAttribute('href')).toBe('https://shop.example/p/kettle');
    // An untrusted URL scheme is shown as text, never as a link.
    expect(within(pages).queryByRole('link', { name: 'Checkout' })).toBeNull();

    const timeline = within(section('Stage timeline')).getByRole('list');
    expect(itemTexts(timeline)).toEqual([
      'Stage: Purchase8mcart non empty',
      'Stage: Evaluation20mevaluation pages',
      'Stage: Awareness40mfirst visit',
    ]);
  });

  it('updates live from pushes for its visitor and ignores other visitors', async () => {
    const { connection } = await openConversation(conv, { 'visitor:context': ({ visitorId }) => context(visitorId) });
    await within(panel()).findByText('72%');

    connection.push('visitor:context', context('someone-else', { stage: 'loyalty', intent: { score: 0.1, reasons: [] } }));
    expect(within(panel()).getByText('72%')).toBeTruthy();

    connection.push(
      'visitor:context',
      context(conv.visitorId, {
        stage: 'support',
        timeline: [...context(conv.visitorId).timeline, { stage: 'support', rule: 'customer', at: minutesAgo(0) }],
        intent: { score: 0.05, reasons: [{ signal: 'cartItems', contribution: -0.9, detail: 'has nothing in the cart' }] },
        hesitation: null,
        cart: { items: 0, value: 0, currency: 'EUR' },
        orders: [...context(conv.visitorId).orders, { orderId: 'A-1002', total: 89.9, currency: 'EUR', at: minutesAgo(0) }],
      }),
    );
    expect(within(panel()).getByRole('heading', { name: 'Visitor' }).parentElement!.textContent).toContain('Stage: Support');
    expect(within(section('Purchase intent')).getByText('5%')).toBeTruthy();
    expect(within(section('Purchase intent')).getByText('has nothing in the cart')).toBeTruthy();
    expect(within(panel()).queryByRole('region', { name: 'Hesitation' })).toBeNull();
    expect(within(section('Cart')).getByText('The cart is empty.')).toBeTruthy();
    expect(itemTexts(within(section('Orders')).getByRole('list'))[0]).toMatch(/^#A-1002/);
    expect(itemTexts(within(section('Stage timeline')).getByRole('list'))[0]).toBe('Stage: Supportnowcustomer');
    expect(connection.sent('visitor:context')).toHaveLength(1);
  });

  it('shows an error with a retry, and re-subscribes after a reconnect', async () => {
    let fail = true;
    const { connection } = await openConversation(conv, {
      'visitor:context': ({ visitorId }) => {
        if (fail) throw new AgentRequestError('forbidden', 'You may not see this visitor.');
        return context(visitorId, { identified: false, hesitation: null, pages: [], orders: [], timeline: [] });
      },
    });
    const alert = await within(panel()).findByRole('alert');
    expect(alert.textContent).toContain('You may not see this visitor.');

    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await within(panel()).findByText('72%');
    expect(within(panel()).queryByText('Identity verified')).toBeNull();
    expect(within(panel()).getByText('No orders yet.')).toBeTruthy();
    expect(within(panel()).getByText('No pages recorded.')).toBeTruthy();

    connection.setStatus('reconnecting');
    connection.setStatus('connected');
    await waitFor(() => expect(connection.sent('visitor:context')).toHaveLength(3));
    expect(within(panel()).getByText('72%')).toBeTruthy();
  });

  it('follows the selected conversation', async () => {
    const other = summary(2, { visitorName: 'Ada' });
    const { connection } = await renderSignedIn({
      'conversations:list': () => ({ conversations: [conv, other] }),
      'conversation:open': openConversationHandler({
        [conv.id]: { summary: conv, messages: [] },
        [other.id]: { summary: other, messages: [] },
      }),
      'visitor:context': ({ visitorId }) =>
        context(visitorId, visitorId === other.visitorId ? { stage: 'awareness', identified: false } : {}),
    });
    expect(screen.queryByRole('complementary', { name: 'Visitor' })).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: /Hedy/ }));
    await waitFor(() => expect(panel().textContent).toContain('Stage: Purchase'));
    fireEvent.click(screen.getByRole('button', { name: /Ada/ }));
    await waitFor(() => expect(panel().textContent).toContain('Stage: Awareness'));
    expect(connection.sent('visitor:context')).toEqual([{ visitorId: conv.visitorId }, { visitorId: other.visitorId }]);
  });
});

// ---- the visitor's earlier conversations ---------------------------------------------------------

describe('visitor panel: earlier conversations', () => {
  const open = summary(1, { visitorName: 'Hedy' });
  const closed = summary(7, {
    visitorName: 'Hedy',
    visitorId: open.visitorId,
    status: 'closed',
    closeReason: 'resolved',
    createdAt: minutesAgo(60 * 24 * 3),
  });
  const listed = (c: ConversationSummary, patch: Partial<VisitorConversation> = {}): VisitorConversation => ({
    id: c.id,
    status: c.status,
    startedAt: c.createdAt,
    closeReason: c.closeReason,
    lastMessage: c.lastMessage,
    csatRating: null,
    agentName: null,
    ...patch,
  });
  const history = [
    listed(open),
    listed(closed, {
      lastMessage: { text: 'Glad to help', author: 'agent', createdAt: minutesAgo(60 * 24 * 3) },
      csatRating: 4,
      agentName: 'Ada Agent',
    }),
    listed(summary(8, { status: 'closed', closeReason: 'no_reply', createdAt: minutesAgo(60 * 24 * 10) }), { lastMessage: null }),
  ];
  const earlier = () => within(section('Earlier conversations')).getByRole('list', { name: 'Earlier conversations, latest first' });

  it('lists the others newest first, and opens one in the console on a click', async () => {
    const { connection } = await renderSignedIn({
      'conversations:list': () => ({ conversations: [open] }),
      'conversation:open': openConversationHandler({
        [open.id]: { summary: open, messages: [] },
        [closed.id]: { summary: closed, messages: [message(closed.id, { text: 'Where is my parcel?' })] },
      }),
      'visitor:context': ({ visitorId }) => context(visitorId, { conversations: history }),
    });
    fireEvent.click(await screen.findByRole('button', { name: /Hedy/ }));
    await waitFor(() => expect(earlier()).toBeTruthy());
    const items = within(earlier()).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toBe('ClosedResolved3dAgent: Glad to helpAda AgentRated 4/5');
    expect(items[1]!.textContent).toMatch(/^ClosedNo reply from the visitor.+No messages$/);

    fireEvent.click(within(items[0]!).getByRole('button'));
    await screen.findByText('Where is my parcel?');
    expect(connection.sent('conversation:open').at(-1)).toEqual({ conversationId: closed.id });
    // Now the open conversation is the earlier one.
    await waitFor(() => expect(within(earlier()).getAllByRole('listitem')[0]!.textContent).toMatch(/^Open.*Hello from 1/));
    expect(within(earlier()).getAllByRole('listitem')).toHaveLength(2);
  });

  it('says so when there are none, and while they load after a push came first', async () => {
    let answer: (value: VisitorContextAnswer) => void = () => {};
    const { connection } = await openConversation(open, {
      'visitor:context': () => new Promise<VisitorContextAnswer>((resolve) => (answer = resolve)),
    });
    connection.push('visitor:context', context(open.visitorId));
    expect(within(section('Earlier conversations')).getByRole('status').textContent).toBe('Loading conversations…');

    answer(context(open.visitorId, { conversations: [listed(open)] }));
    await within(section('Earlier conversations')).findByText('No earlier conversations.');
    // The open conversation is the visitor's only one: nothing to list.
    expect(within(section('Earlier conversations')).queryByRole('list')).toBeNull();
  });
});

// ---- inbox ---------------------------------------------------------------------------------------

describe('inbox with escalations', () => {
  const names = () =>
    within(screen.getByRole('list', { name: 'Conversations' }))
      .getAllByRole('listitem')
      .map((li) => li.querySelector('.inbox-item__name')?.textContent);

  it('orders by priority, then the longest wait, and badges escalated and offline conversations', async () => {
    const { connection } = await renderSignedIn({
      'conversations:list': () => ({
        conversations: [
          summary(1, { visitorName: 'Low waiting long', priority: 100, waitingSince: minutesAgo(30) }),
          summary(2, { visitorName: 'Buyer idle', priority: 1089.9, updatedAt: minutesAgo(1) }),
          summary(3, {
            visitorName: 'Buyer waiting',
            priority: 1089.9,
            waitingSince: minutesAgo(2),
            escalation: checkoutIdle,
          }),
          summary(4, { visitorName: 'Evaluating recent', priority: 600, waitingSince: minutesAgo(5) }),
          summary(5, { visitorName: 'Evaluating oldest', priority: 600, waitingSince: minutesAgo(20), offline: true }),
        ],
      }),
    });
    await screen.findByText('Buyer idle');
    expect(names()).toEqual(['Buyer waiting', 'Buyer idle', 'Evaluating oldest', 'Evaluating recent', 'Low waiting long']);

    const escalated = screen.getByText('Buyer waiting').closest('li')!;
    expect(within(escalated).getByText('Escalated: Idle at checkout · Shipping cost')).toBeTruthy();
    expect(within(escalated).getByText('Escalated: Idle at checkout · Shipping cost').getAttribute('title')).toBe(checkoutIdle.reason);
    expect(within(screen.getByText('Evaluating oldest').closest('li')!).getByText('Offline message')).toBeTruthy();
    expect(within(screen.getByText('Buyer idle').closest('li')!).queryByText(/Escalated|Offline/)).toBeNull();

    // A pushed change re-sorts: a bigger cart outranks every other purchase-stage chat.
    connection.push(
      'conversation:upsert',
      summary(1, { visitorName: 'Low waiting long', priority: 1250, waitingSince: minutesAgo(30), updatedAt: minutesAgo(0) }),
    );
    expect(names()[0]).toBe('Low waiting long');
  });

  it('shows the badges in the conversation header', async () => {
    const conv = summary(6, {
      visitorName: 'Grace',
      escalation: { ...checkoutIdle, kind: 'price_question', concern: 'price' },
      offline: true,
    });
    await openConversation(conv);
    const header = screen.getByRole('heading', { name: 'Grace' }).closest('header')!;
    expect(within(header).getByText('Escalated: Asked about price · Price')).toBeTruthy();
    expect(within(header).getByText('Offline message')).toBeTruthy();
  });
});

// ---- escalation offers ---------------------------------------------------------------------------

describe('escalation offers', () => {
  const conv = summary(9, { visitorName: 'Katherine', escalation: checkoutIdle, priority: 1089.9, waitingSince: minutesAgo(1) });
  const offers = () => screen.queryByRole('region', { name: 'Escalation offers' });
  const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

  async function offered(handlers: Handlers, expiresAt: string | null = inSeconds(30)) {
    const ctx = await renderSignedIn({
      'conversation:open': openConversationHandler({
        [conv.id]: { summary: conv, messages: [message(conv.id, { text: 'Is shipping free?' })] },
      }),
      ...handlers,
    });
    expect(offers()).toBeNull();
    ctx.connection.push('escalation:offer', { conversation: conv, expiresAt });
    const card = within(offers()!).getByRole('article', { name: 'Katherine needs help' });
    return { ...ctx, card };
  }

  it('shows the visitor, the reason and the countdown; Accept takes it and opens the conversation', async () => {
    const { connection, card } = await offered({
      'escalation:accept': ({ conversationId }) => ({ conversation: { ...conv, id: conversationId, assigneeId: 'u1' } }),
    });
    expect(within(card).getByText('Idle at checkout · Shipping cost')).toBeTruthy();
    expect(card.textContent).toContain(checkoutIdle.reason);
    expect(within(card).getByText(/^Offered to you · (29|30) s left$/)).toBeTruthy();

    fireEvent.click(within(card).getByRole('button', { name: 'Accept' }));
    expect(await screen.findByText('Is shipping free?')).toBeTruthy();
    expect(connection.sent('escalation:accept')).toEqual([{ conversationId: conv.id }]);
    expect(connection.sent('conversation:open')).toEqual([{ conversationId: conv.id }]);
    expect(screen.getByRole('heading', { name: 'Katherine' })).toBeTruthy();
    expect(offers()).toBeNull();
  });

  it('says so when another agent already took it', async () => {
    const { connection, card } = await offered({
      'escalation:accept': () => {
        throw new AgentRequestError('conflict', 'Another agent already took this conversation.');
      },
    });
    fireEvent.click(within(card).getByRole('button', { name: 'Accept' }));
    expect((await within(card).findByRole('alert')).textContent).toBe('Another agent already took it.');
    expect(within(card).getByRole('button', { name: 'Accept' })).toHaveProperty('disabled', true);
    expect(connection.sent('conversation:open')).toEqual([]);
    expect(screen.getByText('No conversation selected')).toBeTruthy();

    fireEvent.click(within(card).getByRole('button', { name: 'Dismiss offer for Katherine' }));
    expect(offers()).toBeNull();
  });

  it('offered to everyone: Open shows the conversation without accepting; taken elsewhere, the offer goes', async () => {
    const { connection, card } = await offered({}, null);
    expect(within(card).getByText('Offered to everyone')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Open' }));
    expect(await screen.findByText('Is shipping free?')).toBeTruthy();
    expect(connection.sent('escalation:accept')).toEqual([]);
    expect(offers()).not.toBeNull();

    connection.push('conversation:upsert', { ...conv, assigneeId: 'u2', updatedAt: minutesAgo(0) });
    expect(offers()).toBeNull();
  });

  it('drops an offer when its time to accept runs out', async () => {
    await offered({}, inSeconds(0.05));
    await waitFor(() => expect(offers()).toBeNull());
  });
});
