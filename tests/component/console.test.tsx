import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgentRequestError, type RequestResult } from '../../agent-console/agent-socket';
import { createApi } from '../../agent-console/api/auth-api';
import { RestError } from '../../shared/client/rest-client';
import { App } from '../../agent-console/App';
import { Inbox } from '../../agent-console/inbox/Inbox';
import type { User } from '../../shared/contract';
import {
  FakeConnection,
  agent,
  convId,
  fakeApi,
  jsonResponse,
  message,
  minutesAgo,
  openConversationHandler,
  renderSignedIn,
  sendHandler,
  summary,
  type Handlers,
} from './console-harness';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

// ---- sign-in -------------------------------------------------------------------------------------

describe('sign-in', () => {
  it('shows a loading state while the session is checked, then the form', async () => {
    let resolveMe: (user: User | null) => void = () => {};
    const api = fakeApi();
    api.me = () => new Promise((resolve) => (resolveMe = resolve));
    render(<App api={api} connect={() => new FakeConnection()} />);
    expect(screen.getByRole('status')).toHaveProperty('textContent', 'Loading…');
    await act(async () => resolveMe(null));
    expect(screen.getByLabelText('Email')).toBeTruthy();
    expect(screen.getByLabelText('Password')).toBeTruthy();
  });

  it('shows an error on 401 and moves to the inbox after a successful sign-in', async () => {
    const calls: Array<{ url: string; body: unknown }> = [];
    let attempt = 0;
    const fetchFake = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      calls.push({ url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (url === '/api/auth/me') return jsonResponse(401, { error: { code: 'unauthorized', message: 'Sign in first.' } });
      if (url === '/api/auth/sign-in') {
        attempt += 1;
        return attempt === 1
          ? jsonResponse(401, { error: { code: 'bad_credentials', message: 'Wrong email or password.' } })
          : jsonResponse(200, { user: agent });
      }
      throw new Error(`unexpected ${url}`);
    });
    const connection = new FakeConnection();
    render(<App api={createApi({ fetch: fetchFake as typeof fetch })} connect={() => connection} />);

    const email = await screen.findByLabelText('Email');
    fireEvent.input(email, { target: { value: 'ada@example.com' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Incorrect email or password.');
    expect(calls.at(-1)).toEqual({ url: '/api/auth/sign-in', body: { email: 'ada@example.com', password: 'wrong' } });

    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'right' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('button', { name: 'Sign out' });
    expect(screen.getByText('Ada Agent')).toBeTruthy();
    expect(await screen.findByText('No open conversations')).toBeTruthy();
    expect(connection.sent('conversations:list')).toEqual([{ status: 'open' }]);
  });

  it('shows a loading state while submitting and a message on network failure', async () => {
    let fail: (error: unknown) => void = () => {};
    const api = fakeApi(null);
    api.signIn.mockImplementation(() => new Promise((_, reject) => (fail = reject)));
    render(<App api={api} connect={() => new FakeConnection()} />);

    fireEvent.input(await screen.findByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Sign in' }).closest('form')!);

    const busy = await screen.findByRole('button', { name: 'Signing in…' });
    expect(busy).toHaveProperty('disabled', true);
    await act(async () => fail(new RestError('network', 'offline', null)));
    expect(screen.getByRole('alert').textContent).toMatch(/could not reach the server/i);
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', false);
  });

  it('asks for both fields before calling the server', async () => {
    const api = fakeApi(null);
    render(<App api={api} connect={() => new FakeConnection()} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter your email and password.');
    expect(api.signIn).not.toHaveBeenCalled();
  });
});

describe('REST client', () => {
  it('maps answers and failures to users and typed errors', async () => {
    const responses = [
      jsonResponse(401, { error: { code: 'unauthorized', message: 'no' } }),
      jsonResponse(400, { error: { code: 'invalid_payload', message: 'bad email' } }),
      jsonResponse(502, undefined),
    ];
    const api = createApi({ fetch: (async () => responses.shift()!) as typeof fetch });
    expect(await api.me()).toBeNull();
    await expect(api.signIn('x', 'y')).rejects.toMatchObject({ code: 'invalid_payload', status: 400 });
    await expect(api.signIn('x', 'y')).rejects.toMatchObject({ code: 'unexpected_response', status: 502 });

    const offline = createApi({ fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch });
    await expect(offline.me()).rejects.toMatchObject({ code: 'network', status: null });
  });
});

// ---- inbox ---------------------------------------------------------------------------------------

describe('inbox', () => {
  it('shows the empty state, then a conversation pushed live', async () => {
    const { connection } = await renderSignedIn();
    expect(await screen.findByText('No open conversations')).toBeTruthy();

    connection.push('conversation:upsert', summary(1, { visitorName: 'Grace Hopper' }));
    expect(screen.getByText('Grace Hopper')).toBeTruthy();
    expect(screen.getByText('Hello from 1')).toBeTruthy();
    expect(screen.queryByText('No open conversations')).toBeNull();

    // A closed conversation leaves the open inbox.
    connection.push('conversation:upsert', summary(1, { status: 'closed', updatedAt: new Date().toISOString() }));
    expect(screen.queryByText('Grace Hopper')).toBeNull();
    expect(screen.getByText('No open conversations')).toBeTruthy();
  });

  it('keeps waiting conversations first, longest wait first, then the most recent', async () => {
    const { connection } = await renderSignedIn({
      'conversations:list': () => ({
        conversations: [
          summary(1, { updatedAt: minutesAgo(10) }),
          summary(2, { updatedAt: minutesAgo(1) }),
          summary(3, { waitingSince: minutesAgo(2.5), updatedAt: minutesAgo(2) }),
        ],
      }),
    });
    await screen.findByText('Visitor 1');
    const names = () =>
      within(screen.getByRole('list', { name: 'Conversations' }))
        .getAllByRole('listitem')
        .map((li) => li.querySelector('.inbox-item__name')?.textContent);
    expect(names()).toEqual(['Visitor 3', 'Visitor 2', 'Visitor 1']);
    expect(screen.getByText('Waiting 2 min')).toBeTruthy();

    connection.push('conversation:upsert', summary(1, { waitingSince: minutesAgo(7.5), updatedAt: minutesAgo(0) }));
    expect(names()).toEqual(['Visitor 1', 'Visitor 3', 'Visitor 2']);
    expect(screen.getByText('Waiting 7 min')).toBeTruthy();
  });

  it('renders a list of conversations from props (view alone)', () => {
    const onSelect = vi.fn();
    render(
      <Inbox
        status="ready"
        error={null}
        conversations={[summary(4, { visitorName: '<b>Bold</b>' })]}
        selectedId={null}
        alerts={[]}
        now={Date.now()}
        onSelect={onSelect}
        onDismissAlert={() => {}}
        onRetry={() => {}}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: /<b>Bold<\/b>/ }));
    expect(onSelect).toHaveBeenCalledWith(convId(4));
    expect(document.querySelector('b')).toBeNull();
  });

  it('shows a waiting alert and highlights that conversation', async () => {
    const conv = summary(5, { visitorName: 'Linus', waitingSince: minutesAgo(6) });
    const { connection } = await renderSignedIn({
      'conversations:list': () => ({ conversations: [conv] }),
      'conversation:open': openConversationHandler({ [conv.id]: { summary: conv, messages: [] } }),
    });
    await screen.findByText('Linus');

    connection.push('conversation:waiting-alert', { conversationId: conv.id, visitorName: 'Linus', waitingSeconds: 360 });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Linus has been waiting 6 min for a reply.');
    const item = document.querySelector(`[data-conversation-id="${conv.id}"]`)!;
    expect(item.classList.contains('is-alerted')).toBe(true);
    expect(within(item as HTMLElement).getByText('Needs reply')).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('(1) Inbox · Agent console'));

    fireEvent.click(within(alert).getByRole('button', { name: 'Open' }));
    expect(await screen.findByRole('heading', { name: 'Linus' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(item.classList.contains('is-alerted')).toBe(false);
  });

  it('shows the connection state and reloads the inbox after a reconnect', async () => {
    const { connection } = await renderSignedIn();
    expect(screen.getByText('Connected')).toBeTruthy();
    connection.setStatus('reconnecting');
    expect(screen.getByText('Reconnecting…')).toBeTruthy();
    connection.setStatus('connected');
    expect(screen.getByText('Connected')).toBeTruthy();
    await waitFor(() => expect(connection.sent('conversations:list')).toHaveLength(2));
  });
});

// ---- conversation --------------------------------------------------------------------------------

describe('conversation', () => {
  const conv = summary(7, { visitorName: 'Marie' });
  const history = () => [
    message(conv.id, { text: 'Hi, my order is late' }),
    message(conv.id, { author: 'agent', authorName: 'Bob', text: 'Let me check.' }),
    message(conv.id, { author: 'system', text: 'Bob joined the conversation' }),
    message(conv.id, { text: '<img src=x onerror=alert(1)>' }),
  ];

  async function openMarie(extra: Handlers = {}) {
    const messages = history();
    const ctx = await renderSignedIn({
      'conversations:list': () => ({ conversations: [conv] }),
      'conversation:open': openConversationHandler({ [conv.id]: { summary: conv, messages } }),
      'message:send': sendHandler(),
      ...extra,
    });
    expect(screen.getByText('No conversation selected')).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: /Marie/ }));
    await screen.findByText('Hi, my order is late');
    return { ...ctx, messages };
  }

  it('opens a conversation and shows its messages as text', async () => {
    const { connection } = await openMarie();
    expect(connection.sent('conversation:open')).toEqual([{ conversationId: conv.id }]);
    expect(screen.getByRole('heading', { name: 'Marie' })).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Messages' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.className)).toEqual([
      'message message--visitor',
      'message message--agent',
      'message message--system',
      'message message--visitor',
    ]);
    expect(within(items[1]!).getByText('Bob')).toBeTruthy();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(list.querySelector('img')).toBeNull();

    // A live message is appended once, however often it arrives.
    const live = message(conv.id, { text: 'Any news?' });
    connection.push('message:new', live);
    connection.push('message:new', live);
    expect(screen.getAllByText('Any news?')).toHaveLength(1);
  });

  it('sends a reply on Enter with a client id, shows it pending, then delivered', async () => {
    let ack: (value: RequestResult<'message:send'>) => void = () => {};
    const { connection } = await openMarie({
      'message:send': () => new Promise((resolve) => (ack = resolve)),
    });
    const reply = screen.getByLabelText('Reply');
    expect(document.activeElement).toBe(reply);

    fireEvent.input(reply, { target: { value: 'Line one' } });
    fireEvent.keyDown(reply, { key: 'Enter', shiftKey: true });
    expect(connection.sent('message:send')).toHaveLength(0);

    fireEvent.input(reply, { target: { value: '  It ships today!  ' } });
    fireEvent.keyDown(reply, { key: 'Enter' });

    const [sent] = connection.sent('message:send');
    expect(sent).toMatchObject({ conversationId: conv.id, text: 'It ships today!' });
    expect(sent!.clientId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(reply).toHaveProperty('value', '');
    expect(connection.sent('typing:set')).toEqual([
      { conversationId: conv.id, typing: true },
      { conversationId: conv.id, typing: false },
    ]);

    const pending = screen.getByText('It ships today!').closest('li')!;
    expect(pending.classList.contains('is-pending')).toBe(true);
    expect(within(pending).getByText('Sending…')).toBeTruthy();
    expect(within(pending).getByText('Ada Agent')).toBeTruthy();

    ack({ message: message(conv.id, { ...sent!, author: 'agent', authorName: 'Ada Agent' }) });
    await waitFor(() => expect(screen.queryByText('Sending…')).toBeNull());
    const delivered = screen.getByText('It ships today!').closest('li')!;
    expect(delivered.className).toBe('message message--agent');
  });

  it('shows an error when a send fails and retries with the same client id', async () => {
    let fails = 1;
    const { connection } = await openMarie({
      'message:send': (payload) => {
        if (fails-- > 0) throw new AgentRequestError('timeout', 'The server did not answer in time.');
        return sendHandler()(payload);
      },
    });
    const reply = screen.getByLabelText('Reply');
    fireEvent.input(reply, { target: { value: 'Are you there?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    expect(await screen.findByText('Not sent: The server did not confirm this message.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByText(/Not sent/)).toBeNull());
    const [first, second] = connection.sent('message:send');
    expect(second!.clientId).toBe(first!.clientId);
    expect(screen.getAllByText('Are you there?')).toHaveLength(1);
  });

  it('queues a reply while offline and sends it after reconnecting', async () => {
    const { connection } = await openMarie();
    connection.setStatus('reconnecting');
    fireEvent.input(screen.getByLabelText('Reply'), { target: { value: 'Back soon' } });
    fireEvent.keyDown(screen.getByLabelText('Reply'), { key: 'Enter' });
    expect(screen.getByText('Sending…')).toBeTruthy();
    expect(screen.getByText(/replies will be sent when the connection is back/)).toBeTruthy();

    connection.setStatus('connected');
    await waitFor(() => expect(screen.queryByText('Sending…')).toBeNull());
    expect(connection.sent('message:send').map((p) => p.text)).toEqual(['Back soon']);
    // The conversation was re-opened on the new socket.
    expect(connection.sent('conversation:open')).toHaveLength(2);
  });

  it('shows the visitor typing indicator', async () => {
    const { connection } = await openMarie();
    expect(screen.queryByText('Visitor is typing…')).toBeNull();
    connection.push('typing:changed', { conversationId: conv.id, typing: true });
    expect(screen.getByText('Visitor is typing…')).toBeTruthy();
    connection.push('typing:changed', { conversationId: conv.id, typing: false });
    expect(screen.queryByText('Visitor is typing…')).toBeNull();

    // Typing elsewhere is not shown here; a visitor message ends it.
    connection.push('typing:changed', { conversationId: convId(99), typing: true });
    expect(screen.queryByText('Visitor is typing…')).toBeNull();
    connection.push('typing:changed', { conversationId: conv.id, typing: true });
    connection.push('message:new', message(conv.id, { text: 'done typing' }));
    expect(screen.queryByText('Visitor is typing…')).toBeNull();
  });

  it('leaves the previous conversation when switching', async () => {
    const other = summary(8, { visitorName: 'Alan' });
    const { connection } = await renderSignedIn({
      'conversations:list': () => ({ conversations: [conv, other] }),
      'conversation:open': openConversationHandler({
        [conv.id]: { summary: conv, messages: [message(conv.id, { text: 'from Marie' })] },
        [other.id]: { summary: other, messages: [message(other.id, { text: 'from Alan' })] },
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: /Marie/ }));
    await screen.findByText('from Marie');
    fireEvent.input(screen.getByLabelText('Reply'), { target: { value: 'draft for Marie' } });
    fireEvent.click(screen.getByRole('button', { name: /Alan/ }));
    await screen.findByText('from Alan');
    expect(screen.queryByText('from Marie')).toBeNull();
    expect(connection.sent('conversation:leave')).toEqual([{ conversationId: conv.id }]);
    expect(screen.getByLabelText('Reply')).toHaveProperty('value', '');

    fireEvent.click(screen.getByRole('button', { name: /Marie/ }));
    await screen.findByText('from Marie');
    expect(screen.getByLabelText('Reply')).toHaveProperty('value', 'draft for Marie');
  });
});

// ---- session -------------------------------------------------------------------------------------

describe('session', () => {
  it('signs out', async () => {
    const { api, connection } = await renderSignedIn();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(api.signOut).toHaveBeenCalled();
    // Preact runs effect cleanups after paint.
    await waitFor(() => expect(connection.closed).toBe(true));
  });

  it('returns to sign-in when the socket is refused as unauthorized', async () => {
    const { connection } = await renderSignedIn();
    connection.setStatus('unauthorized');
    expect(await screen.findByText('Your session has ended. Please sign in again.')).toBeTruthy();
    expect(screen.getByLabelText('Email')).toBeTruthy();
    await waitFor(() => expect(connection.closed).toBe(true));
  });
});
