import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkplaceApi } from '../../agent-console/api/workplace-api';
import { productsOf } from '../../agent-console/cards/products';
import { ConversationView } from '../../agent-console/conversation/ConversationView';
import { KbConnectionContext } from '../../agent-console/kb/kb-context';
import { createConsoleI18n } from '../../agent-console/lib/i18n';
import { CannedManager } from '../../agent-console/settings/CannedManager';
import { startConsoleSession } from '../../agent-console/state/console-session';
import { ConsoleSessionContext } from '../../agent-console/state/session-context';
import type { CannedResponse, CannedResponseBody, Message, ProductCard, VisitorContextAnswer } from '../../shared/contract';
import { FakeConnection, agent, defaultHandlers, message, minutesAgo, openConversationHandler, summary } from './console-harness';

afterEach(cleanup);

const shoes: ProductCard = {
  title: 'Trail Runner Shoes',
  price: 89.9,
  currency: 'EUR',
  url: 'https://shop.example/products/trail-runner',
  image: 'https://shop.example/img/trail-runner.jpg',
};
const socks: ProductCard = { title: 'Merino Socks', price: 12, currency: 'EUR', url: 'https://shop.example/products/socks' };
const jacket: ProductCard = { title: 'Rain Jacket', price: 149, currency: 'EUR', url: 'https://shop.example/products/jacket' };

const conv = summary(1, { visitorName: 'Marie' });
const sizes: CannedResponse = {
  id: 'size',
  shortcut: 'size',
  title: 'Size',
  text: 'Which size do you wear?',
  quickReplies: ['42', '43'],
  updatedAt: minutesAgo(9),
};

function renderConversation(context: Partial<VisitorContextAnswer>) {
  let stored: CannedResponse[] = [sizes];
  const api = {
    canned: vi.fn(async () => stored),
    saveCanned: vi.fn(async (body: CannedResponseBody) => {
      const saved = { ...body, id: body.shortcut, updatedAt: new Date().toISOString() };
      stored = [...stored.filter((r) => r.shortcut !== body.shortcut), saved];
      return saved;
    }),
    deleteCanned: vi.fn(),
    preferences: vi.fn(() => new Promise<never>(() => {})),
    savePreferences: vi.fn(),
  };
  let seq = 10;
  const connection = new FakeConnection({
    'conversations:list': () => ({ conversations: [conv] }),
    'conversation:open': openConversationHandler({ [conv.id]: { summary: conv, messages: [message(conv.id)] } }),
    'notes:list': () => ({ notes: [] }),
    'team:presence': () => ({ agents: [] }),
    'visitor:context': (payload) => ({ ...(defaultHandlers['visitor:context']!(payload as never) as VisitorContextAnswer), ...context }),
    'message:send': ({ conversationId, clientId, text, card, quickReplies }) => {
      seq += 1;
      const sent: Message = {
        id: `m${seq}`,
        conversationId,
        clientId,
        seq,
        author: 'agent',
        authorName: agent.name,
        text: card?.title ?? text ?? '',
        createdAt: new Date().toISOString(),
        ...(card && { card }),
        ...(quickReplies && { quickReplies }),
      };
      return { message: sent };
    },
  });
  const session = startConsoleSession({
    connection,
    user: agent,
    api,
    browser: {
      notify: () => {},
      chime: () => {},
      isVisible: () => true,
      isAttending: () => false,
      onActivity: () => () => {},
      onAttend: () => () => {},
    },
    i18n: createConsoleI18n('en'),
  });
  render(
    <KbConnectionContext.Provider value={null}>
      <ConsoleSessionContext.Provider value={session}>
        <CannedManager api={api as unknown as WorkplaceApi} />
        <ConversationView now={Date.now()} />
      </ConsoleSessionContext.Provider>
    </KbConnectionContext.Provider>,
  );
  act(() => session.select(conv.id));
  return { connection, api };
}

describe('the products an agent can send', () => {
  it('are the cart’s lines, then the viewed product pages not in the cart, latest first', () => {
    const context = { cart: { items: 2, value: 101.9, currency: 'EUR', lines: [shoes, socks] }, viewedProducts: [jacket, shoes] };
    expect(productsOf(context as never).map(({ card, from }) => [card.title, from])).toEqual([
      ['Trail Runner Shoes', 'cart'],
      ['Merino Socks', 'cart'],
      ['Rain Jacket', 'viewed'],
    ]);
    expect(productsOf(null)).toEqual([]);
  });
});

describe('the composer', () => {
  it('“Send product” lists the visitor’s products; choosing one sends it as a card, shown as a card', async () => {
    const { connection } = renderConversation({
      cart: { items: 1, value: 89.9, currency: 'EUR', lines: [shoes] },
      viewedProducts: [jacket],
    });
    const toggle = await screen.findByRole('button', { name: 'Send product' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await waitFor(() => expect(connection.sent('visitor:context')).toHaveLength(1));
    fireEvent.click(toggle);
    const picker = screen.getByRole('group', { name: 'Products from this visitor' });
    const choices = within(picker).getAllByRole('button');
    expect(choices.map((b) => b.getAttribute('aria-label'))).toEqual(['Send Trail Runner Shoes (€89.90)', 'Send Rain Jacket (€149.00)']);
    expect(within(picker).getByText('€89.90 · In cart')).toBeTruthy();
    expect(within(picker).getByText('€149.00 · Viewed')).toBeTruthy();

    fireEvent.click(choices[1]!);
    expect(connection.sent('message:send')).toEqual([{ conversationId: conv.id, clientId: expect.any(String), card: jacket }]);
    expect(screen.queryByRole('group', { name: 'Products from this visitor' })).toBeNull();
    expect(document.activeElement).toBe(toggle);
    const sent = await screen.findByRole('link', { name: 'Rain Jacket' });
    expect(sent.getAttribute('href')).toBe(jacket.url);
    expect(sent.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByText('€149.00')).toBeTruthy();
  });

  it('says when the visitor has no products yet', async () => {
    renderConversation({});
    fireEvent.click(await screen.findByRole('button', { name: 'Send product' }));
    expect(screen.getByText('Nothing in this visitor’s cart or viewed product pages yet.')).toBeTruthy();
  });

  it('adds quick replies to a reply, takes a canned response’s, and shows them as sent', async () => {
    const { connection } = renderConversation({});
    const reply = await screen.findByRole('textbox', { name: 'Reply' });
    const composer = within(reply.closest('form')!);
    const toggle = composer.getByRole('button', { name: 'Quick replies' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(composer.queryByRole('textbox', { name: 'New quick reply' })).toBeNull();
    fireEvent.click(toggle);
    const input = composer.getByRole('textbox', { name: 'New quick reply' });
    expect(document.activeElement).toBe(input);
    for (const label of ['Yes', 'No', 'Yes']) {
      fireEvent.input(input, { target: { value: label } });
      fireEvent.keyDown(input, { key: 'Enter' });
    }
    const editor = composer.getByRole('group', { name: 'Quick replies' });
    fireEvent.click(within(editor).getByRole('button', { name: 'Remove quick reply No' }));
    fireEvent.input(reply, { target: { value: 'Shall I reserve it?' } });
    fireEvent.keyDown(reply, { key: 'Enter' });
    expect(connection.sent('message:send').at(-1)).toMatchObject({ text: 'Shall I reserve it?', quickReplies: ['Yes'] });
    const offered = await screen.findByRole('list', { name: 'Quick replies offered' });
    expect(
      within(offered)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Yes']);
    // Sent: the editor closes.
    expect(composer.queryByRole('group', { name: 'Quick replies' })).toBeNull();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');

    fireEvent.input(reply, { target: { value: '/size' } });
    fireEvent.keyDown(reply, { key: 'Enter' });
    const chips = within(composer.getByRole('group', { name: 'Quick replies' })).getAllByRole('button', { name: /^Remove quick reply/ });
    expect(chips.map((chip) => chip.getAttribute('aria-label'))).toEqual(['Remove quick reply 42', 'Remove quick reply 43']);
    fireEvent.keyDown(reply, { key: 'Enter' });
    expect(connection.sent('message:send').at(-1)).toMatchObject({ text: 'Which size do you wear?', quickReplies: ['42', '43'] });
  });
});

describe('canned responses', () => {
  it('an admin gives one quick replies and takes them away', async () => {
    const { api } = renderConversation({});
    const edit = await screen.findAllByRole('button', { name: 'Edit' });
    fireEvent.click(edit[0]!);
    const form = screen.getByRole('button', { name: 'Save response' }).closest('form')!;
    const editor = within(form).getByRole('group', { name: 'Quick replies' });
    fireEvent.click(within(editor).getByRole('button', { name: 'Remove quick reply 42' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save response' }));
    await waitFor(() =>
      expect(api.saveCanned).toHaveBeenLastCalledWith(
        { shortcut: 'size', title: 'Size', text: 'Which size do you wear?', quickReplies: ['43'] },
        true,
      ),
    );

    fireEvent.click((await screen.findAllByRole('button', { name: 'Edit' }))[0]!);
    fireEvent.click(within(form).getByRole('button', { name: 'Remove quick reply 43' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save response' }));
    await waitFor(() =>
      expect(api.saveCanned).toHaveBeenLastCalledWith({ shortcut: 'size', title: 'Size', text: 'Which size do you wear?' }, true),
    );
  });
});
