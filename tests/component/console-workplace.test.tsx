import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CannedResponse, Note } from '../../shared/contract';
import { agent, jsonResponse, message, minutesAgo, openConversationHandler, renderSignedIn, summary } from './console-harness';

const canned: CannedResponse[] = [
  {
    id: 's:ship',
    shortcut: 'ship',
    title: 'Shipping times',
    text: 'Hi {visitor.name}, {agent.name} here. Order {order.number} ships today.',
    updatedAt: minutesAgo(60),
  },
  { id: 's:returns', shortcut: 'returns', title: 'Returns', text: 'Returns are free for 30 days.', updatedAt: minutesAgo(60) },
];

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) =>
      String(input) === '/api/canned'
        ? jsonResponse(200, { responses: canned })
        : jsonResponse(404, { error: { code: 'not_found', message: 'No such route.' } }),
    ),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const names = () =>
  within(screen.getByRole('list', { name: 'Conversations' }))
    .queryAllByRole('listitem')
    .map((li) => li.querySelector('.inbox-item__name')?.textContent);

describe('inbox views', () => {
  it('filters Unassigned, Mine and Escalated, with counts and unread badges', async () => {
    await renderSignedIn({
      'conversations:list': ({ status }) => ({
        conversations:
          status === 'closed'
            ? [summary(9, { visitorName: 'Closed Carl', status: 'closed', csat: { rating: 4, comment: '', at: minutesAgo(1) } })]
            : [
                summary(1, { visitorName: 'Una Unassigned', unread: 2 }),
                summary(2, { visitorName: 'Mia Mine', assigneeId: agent.id }),
                summary(3, { visitorName: 'Otto Other', assigneeId: 'someone-else' }),
                summary(4, {
                  visitorName: 'Eve Escalated',
                  escalation: { kind: 'checkout_idle', concern: 'shipping_cost', reason: 'idle', at: minutesAgo(1) },
                  priority: 5,
                }),
              ],
      }),
    });
    await screen.findByText('Una Unassigned');
    expect(names()).toHaveLength(4);
    expect(screen.getByLabelText('2 unread').textContent).toBe('2');

    fireEvent.click(screen.getByRole('tab', { name: /Unassigned/ }));
    expect(names().sort()).toEqual(['Eve Escalated', 'Una Unassigned']);
    expect(screen.getByRole('tab', { name: /Unassigned/ }).textContent).toContain('2');
    fireEvent.click(screen.getByRole('tab', { name: /Mine/ }));
    expect(names()).toEqual(['Mia Mine']);
    fireEvent.click(screen.getByRole('tab', { name: /Escalated/ }));
    expect(names()).toEqual(['Eve Escalated']);
    fireEvent.click(screen.getByRole('tab', { name: /Closed/ }));
    await screen.findByText('Closed Carl');
    expect(screen.getByText('Rated 4/5')).toBeTruthy();
  });

  it('searches on the server once the agent pauses typing', async () => {
    const { connection } = await renderSignedIn({
      'conversations:search': ({ query }) => ({ conversations: query === 'zoe' ? [summary(7, { visitorName: 'Zoë Nováková' })] : [] }),
    });
    await screen.findByText('No open conversations');
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search conversations' }), { target: { value: 'zoe' } });
    expect(await screen.findByText('Zoë Nováková')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Search results' })).toBeTruthy();
    expect(connection.sent('conversations:search')).toEqual([{ query: 'zoe' }]);
  });
});

describe('conversation tools', () => {
  const conv = summary(1, { visitorName: 'Marie' });

  async function openMarie(extra = {}) {
    const rendered = await renderSignedIn({
      'conversations:list': () => ({ conversations: [conv] }),
      'conversation:open': openConversationHandler({
        [conv.id]: { summary: conv, messages: [message(conv.id, { text: 'Where is my order?' })] },
      }),
      'notes:list': () => ({ notes: [] }),
      'team:presence': () => ({
        agents: [
          {
            userId: agent.id,
            name: agent.name,
            role: 'agent',
            availability: 'online',
            autoAway: false,
            capacity: 5,
            load: 1,
            connected: true,
          },
          {
            userId: 'u2',
            name: 'Bob Baker',
            role: 'agent',
            availability: 'online',
            autoAway: false,
            capacity: 5,
            load: 0,
            connected: true,
          },
        ],
      }),
      ...extra,
    });
    fireEvent.click(await screen.findByText('Marie'));
    await screen.findByText('Where is my order?');
    return rendered;
  }

  it('completes /shortcuts and fills in the variables it knows, flagging the rest', async () => {
    await openMarie();
    const reply = screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;
    fireEvent.input(reply, { target: { value: '/sh' } });
    const menu = await screen.findByRole('listbox', { name: 'Canned responses' });
    expect(
      within(menu)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['/shipShipping times']);
    fireEvent.keyDown(reply, { key: 'Enter' });
    expect(reply.value).toBe('Hi Marie, Ada Agent here. Order {order.number} ships today.');
    expect(screen.getByText('Fill in {order.number} (an order number) before sending.')).toBeTruthy();
    // The caret lands on what is left to fill in: typing replaces it.
    expect(reply.value.slice(reply.selectionStart, reply.selectionEnd)).toBe('{order.number}');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('writes internal notes that are never sent as messages', async () => {
    const note: Note = {
      id: 'n1',
      conversationId: conv.id,
      clientId: 'c1',
      kind: 'note',
      authorId: agent.id,
      authorName: agent.name,
      text: 'VIP customer',
      createdAt: new Date().toISOString(),
    };
    const { connection } = await openMarie({ 'note:add': () => ({ note }) });
    fireEvent.click(screen.getByRole('radio', { name: 'Internal note' }));
    const box = screen.getByRole('textbox', { name: 'Internal note' });
    fireEvent.input(box, { target: { value: 'VIP customer' } });
    await act(async () => {
      fireEvent.keyDown(box, { key: 'Enter' });
    });
    await screen.findByText('VIP customer');
    expect(screen.getByText('VIP customer').closest('li')?.querySelector('.message__author')?.textContent).toBe(
      'Internal note · Ada Agent',
    );
    expect(connection.sent('note:add')).toMatchObject([{ conversationId: conv.id, text: 'VIP customer' }]);
    expect(connection.sent('message:send')).toEqual([]);
    expect(connection.sent('typing:set')).toEqual([]);
  });

  it('transfers with a note and closes with a reason', async () => {
    const { connection } = await openMarie({
      'conversation:transfer': () => ({ conversation: { ...conv, assigneeId: 'u2' } }),
      'conversation:close': () => ({ conversation: { ...conv, status: 'closed' as const, closeReason: 'spam' } }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    const transfer = screen.getByRole('form', { name: 'Transfer' });
    await waitFor(() =>
      expect(
        within(transfer)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toContain('Bob Baker — online, 0/5 chats'),
    );
    fireEvent.change(within(transfer).getByLabelText('Transfer to'), { target: { value: 'u2' } });
    fireEvent.input(within(transfer).getByLabelText(/Note for them/), { target: { value: 'Needs a refund' } });
    await act(async () => {
      fireEvent.submit(transfer);
    });
    expect(connection.sent('conversation:transfer')).toEqual([{ conversationId: conv.id, toUserId: 'u2', note: 'Needs a refund' }]);

    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    const close = screen.getByRole('form', { name: 'Close conversation' });
    fireEvent.change(within(close).getByLabelText('Reason'), { target: { value: 'spam' } });
    await act(async () => {
      fireEvent.submit(close);
    });
    expect(connection.sent('conversation:close')).toEqual([{ conversationId: conv.id, reason: 'spam', comment: '' }]);
  });

  it('shows the visitor’s rating when it arrives', async () => {
    const { connection } = await openMarie();
    connection.push('conversation:upsert', { ...conv, status: 'closed', closeReason: 'resolved', updatedAt: new Date().toISOString() });
    expect(await screen.findByText('Waiting for the visitor’s rating.')).toBeTruthy();
    connection.push('conversation:upsert', {
      ...conv,
      status: 'closed',
      closeReason: 'resolved',
      csat: { rating: 2, comment: 'Slow', at: new Date().toISOString() },
      updatedAt: new Date(Date.now() + 1000).toISOString(),
    });
    expect(screen.getByText(/Visitor rating: 2\/5/)).toBeTruthy();
    expect(screen.getByText('“Slow”')).toBeTruthy();
  });
});
