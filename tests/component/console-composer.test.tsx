import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkplaceApi } from '../../agent-console/api/workplace-api';
import { Composer } from '../../agent-console/conversation/Composer';
import { ConversationView } from '../../agent-console/conversation/ConversationView';
import { MessageItem } from '../../agent-console/conversation/MessageItem';
import { linkPieces } from '../../agent-console/conversation/MessageText';
import { KbConnectionContext } from '../../agent-console/kb/kb-context';
import { createConsoleI18n } from '../../agent-console/lib/i18n';
import { CannedManager } from '../../agent-console/settings/CannedManager';
import { startConsoleSession } from '../../agent-console/state/console-session';
import { ConsoleSessionContext } from '../../agent-console/state/session-context';
import type { CannedResponse, CannedResponseBody } from '../../shared/contract';
import { FakeConnection, agent, message, minutesAgo, openConversationHandler, summary } from './console-harness';

afterEach(cleanup);

function renderComposer(draft: string) {
  const onSend = vi.fn(() => true);
  render(<Composer initialDraft={draft} disabled={false} disabledReason={null} autoFocus onDraftChange={() => {}} onSend={onSend} />);
  return { onSend, reply: screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement };
}

describe('unfilled placeholders', () => {
  it('refuse Enter and Send, name the placeholder, and select it for typing over; filled, the reply goes', () => {
    const { onSend, reply } = renderComposer('Hi {visitor.name}! Your code is {discount code}.');
    const send = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    expect(screen.getByText('Fill in {visitor.name} (the visitor’s name) and {discount code} before sending.')).toBeTruthy();

    fireEvent.keyDown(reply, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
    // Enter puts the caret on the first placeholder: typing replaces it.
    expect(reply.value.slice(reply.selectionStart, reply.selectionEnd)).toBe('{visitor.name}');

    fireEvent.click(screen.getByRole('button', { name: 'Select {discount code} in the reply to type over it' }));
    expect(reply.value.slice(reply.selectionStart, reply.selectionEnd)).toBe('{discount code}');

    fireEvent.input(reply, { target: { value: 'Hi Marie! Your code is {discount code}.' } });
    fireEvent.keyDown(reply, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.input(reply, { target: { value: 'Hi Marie! Your code is SPRING10.' } });
    expect(send.disabled).toBe(false);
    fireEvent.keyDown(reply, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('Hi Marie! Your code is SPRING10.');
  });

  it('leave braces that are no placeholder alone', () => {
    const { onSend, reply } = renderComposer('The payload was {"ok": true}');
    fireEvent.keyDown(reply, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('The payload was {"ok": true}');
  });
});

describe('links in messages', () => {
  it('finds http(s) links without the punctuation that ends the sentence', () => {
    expect(linkPieces('See https://shop.test/help/articles/abc. Or (https://x.test/a)!')).toEqual([
      { text: 'See ' },
      { text: 'https://shop.test/help/articles/abc', href: 'https://shop.test/help/articles/abc' },
      { text: '. Or (' },
      { text: 'https://x.test/a', href: 'https://x.test/a' },
      { text: ')!' },
    ]);
    expect(linkPieces('javascript:alert(1) and ftp://x')).toEqual([{ text: 'javascript:alert(1) and ftp://x' }]);
  });

  it('renders a link as an anchor opening a new tab, breakable after its slashes', () => {
    const url = 'http://127.0.0.1:3000/help/articles/64f0c0ffee0000000000abcd';
    const text = `How long does shipping take?\nOrders leave the same day.\n${url}`;
    const { container } = render(
      <ul>
        <MessageItem message={message('c1', { author: 'agent', authorName: 'Ada', text })} visitorName="Marie" now={Date.now()} />
      </ul>,
    );
    const link = screen.getByRole('link', { name: url });
    expect(link.getAttribute('href')).toBe(url);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.querySelectorAll('wbr').length).toBeGreaterThanOrEqual(3);
    expect(container.querySelector('.message__bubble')?.textContent).toBe(text);
  });
});

describe('canned responses', () => {
  const conv = summary(1, { visitorName: 'Marie' });
  const welcome: CannedResponse = { id: 'w', shortcut: 'welcome', title: 'Welcome', text: 'Welcome!', updatedAt: minutesAgo(9) };

  function renderSession() {
    let stored: CannedResponse[] = [welcome];
    const api = {
      canned: vi.fn(async () => stored),
      saveCanned: vi.fn(async (body: CannedResponseBody) => {
        const saved = { ...body, id: body.shortcut, updatedAt: new Date().toISOString() };
        stored = [...stored.filter((r) => r.shortcut !== body.shortcut), saved];
        return saved;
      }),
      deleteCanned: vi.fn(async (shortcut: string) => {
        stored = stored.filter((r) => r.shortcut !== shortcut);
      }),
      preferences: vi.fn(() => new Promise<never>(() => {})),
      savePreferences: vi.fn(),
    };
    const connection = new FakeConnection({
      'conversations:list': () => ({ conversations: [conv] }),
      'conversation:open': openConversationHandler({ [conv.id]: { summary: conv, messages: [message(conv.id)] } }),
      'notes:list': () => ({ notes: [] }),
      'team:presence': () => ({ agents: [] }),
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
    return connection;
  }

  const offered = async (query: string) => {
    const reply = await screen.findByRole('textbox', { name: 'Reply' });
    fireEvent.input(reply, { target: { value: `/${query}` } });
    const menu = screen.queryByRole('listbox', { name: 'Canned responses' });
    const shortcuts = menu
      ? within(menu)
          .getAllByRole('option')
          .map((o) => o.querySelector('.canned-menu__shortcut')?.textContent)
      : [];
    fireEvent.input(reply, { target: { value: '' } });
    return shortcuts;
  };

  it('are offered in the reply box as soon as one is added, edited or deleted, without a reload', async () => {
    renderSession();
    await screen.findByText('/welcome');
    expect(await offered('')).toEqual(['/welcome']);

    const form = screen.getByRole('button', { name: 'Add response' }).closest('form')!;
    fireEvent.input(within(form).getByLabelText('Shortcut'), { target: { value: 'thanks' } });
    fireEvent.input(within(form).getByLabelText('Title'), { target: { value: 'Thanks' } });
    fireEvent.input(within(form).getByLabelText('Text'), { target: { value: 'Thanks, {visitor.name}!' } });
    await act(async () => {
      fireEvent.submit(form);
    });
    await waitFor(async () => expect(await offered('')).toEqual(['/thanks', '/welcome']));

    fireEvent.click(within(screen.getByText('/thanks').closest('li')!).getByRole('button', { name: 'Edit' }));
    fireEvent.input(within(form).getByLabelText('Title'), { target: { value: 'Thank you' } });
    await act(async () => {
      fireEvent.submit(form);
    });
    const reply = screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;
    fireEvent.input(reply, { target: { value: '/th' } });
    expect(within(screen.getByRole('listbox', { name: 'Canned responses' })).getByRole('option').textContent).toBe('/thanksThank you');
    fireEvent.input(reply, { target: { value: '' } });

    await act(async () => {
      fireEvent.click(within(screen.getByText('/welcome').closest('li')!).getByRole('button', { name: 'Delete' }));
    });
    await waitFor(async () => expect(await offered('')).toEqual(['/thanks']));
  });

  it('follow what another admin changes elsewhere (the server pushes it), without a reload', async () => {
    const connection = renderSession();
    await screen.findByText('/welcome');
    const refund: CannedResponse = { id: 'r', shortcut: 'refund', title: 'Refund', text: 'Refunded.', updatedAt: minutesAgo(1) };
    act(() => connection.push('canned:saved', refund));
    expect(await offered('')).toEqual(['/refund', '/welcome']);

    act(() => connection.push('canned:saved', { ...refund, title: 'Refund sent' }));
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    fireEvent.input(reply, { target: { value: '/ref' } });
    expect(within(screen.getByRole('listbox', { name: 'Canned responses' })).getByRole('option').textContent).toBe('/refundRefund sent');
    fireEvent.input(reply, { target: { value: '' } });

    act(() => connection.push('canned:removed', { shortcut: 'welcome' }));
    expect(await offered('')).toEqual(['/refund']);
  });
});
