import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../shared/contract';
import {
  ChatError,
  type ChatClient,
  type ChatClientEvents,
  type SyncResult,
} from '../../widget/app/chat-client';
import { ChatWidget } from '../../widget/app/ChatWidget';
import { Emitter } from '../../widget/app/emitter';

const SITE_KEY = 'pk_test_site';
const OUTBOX_KEY = `lifecycle-chat:${SITE_KEY}:outbox`;
const XSS = '<img src=x onerror=alert(1)>';

interface Pending<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** A ChatClient driven by the test: it records requests and the test answers them. */
class FakeChatClient implements ChatClient {
  private readonly events = new Emitter<ChatClientEvents>();
  readonly syncs: (Pending<SyncResult> & { afterSeq: number })[] = [];
  readonly sends: (Pending<Message> & { clientId: string; text: string })[] = [];
  readonly typing: boolean[] = [];
  readonly connect = vi.fn();
  readonly disconnect = vi.fn();

  on<E extends keyof ChatClientEvents>(event: E, listener: (...args: ChatClientEvents[E]) => void): () => void {
    return this.events.on(event, listener);
  }

  sync(afterSeq: number): Promise<SyncResult> {
    return new Promise((resolve, reject) => this.syncs.push({ afterSeq, resolve, reject }));
  }

  send(clientId: string, text: string): Promise<Message> {
    return new Promise((resolve, reject) => this.sends.push({ clientId, text, resolve, reject }));
  }

  setTyping(typing: boolean): void {
    this.typing.push(typing);
  }

  /** Server-side push or transport event. */
  push<E extends keyof ChatClientEvents>(event: E, ...args: ChatClientEvents[E]): void {
    act(() => this.events.emit(event, ...args));
  }

  /** Connects and answers the resulting visitor:sync. */
  async connectAndSync(messages: Message[] = []): Promise<void> {
    this.push('connect');
    const request = this.syncs.at(-1);
    if (!request) throw new Error('the session did not sync on connect');
    await act(async () => request.resolve(syncResult(messages)));
  }

  /** Acknowledges the oldest unanswered message:send as stored. */
  async ackSend(seq: number): Promise<Message> {
    const request = this.sends.shift();
    if (!request) throw new Error('nothing was sent');
    const stored = message({ seq, author: 'visitor', clientId: request.clientId, text: request.text });
    await act(async () => request.resolve(stored));
    return stored;
  }
}

function syncResult(messages: Message[]): SyncResult {
  return {
    visitorId: 'v1',
    token: 'signed-token',
    site: { name: 'Acme Support', greeting: 'Hi there! How can we help?' },
    conversationId: 'c1',
    messages,
  };
}

function message(patch: Partial<Message> & Pick<Message, 'seq'>): Message {
  return {
    id: `m${patch.seq}`,
    conversationId: 'c1',
    clientId: `client-${patch.seq}-xyz`,
    author: 'agent',
    authorName: 'Ana',
    text: `message ${patch.seq}`,
    createdAt: '2025-01-01T10:00:00.000Z',
    ...patch,
  };
}

function renderWidget(client: FakeChatClient, props: { open?: boolean; onUnreadChange?: (count: number) => void } = {}) {
  return render(
    <ChatWidget client={client} siteKey={SITE_KEY} open={props.open ?? true} onClose={() => {}} onUnreadChange={props.onUnreadChange} />,
  );
}

const messageBox = () => screen.getByRole('textbox', { name: 'Message' });

function typeAndPressEnter(text: string): void {
  fireEvent.input(messageBox(), { target: { value: text } });
  fireEvent.keyDown(messageBox(), { key: 'Enter' });
}

beforeEach(() => localStorage.clear());
afterEach(() => cleanup());

describe('chat widget', () => {
  it('shows "Connecting…" and then the greeting as the empty state', async () => {
    const client = new FakeChatClient();
    renderWidget(client);
    expect(client.connect).toHaveBeenCalledOnce();
    expect(screen.getByText('Connecting…')).toBeTruthy();

    await client.connectAndSync();

    expect(client.syncs[0]?.afterSeq).toBe(-1);
    expect(screen.getByRole('heading', { name: 'Acme Support' })).toBeTruthy();
    expect(screen.getByText('Hi there! How can we help?')).toBeTruthy();
    expect(screen.queryByText('Connecting…')).toBeNull();
    expect(screen.getByRole('log').getAttribute('aria-live')).toBe('polite');
  });

  it('sends on Enter: pending as "Sending…", then sent once acknowledged', async () => {
    const client = new FakeChatClient();
    renderWidget(client);
    await client.connectAndSync();

    fireEvent.input(messageBox(), { target: { value: 'first line' } });
    fireEvent.keyDown(messageBox(), { key: 'Enter', shiftKey: true });
    expect(client.sends).toHaveLength(0);

    typeAndPressEnter('  Hello, I need help  ');
    expect(screen.getByText('Hello, I need help')).toBeTruthy();
    expect(screen.getByText('Sending…')).toBeTruthy();
    expect((messageBox() as HTMLTextAreaElement).value).toBe('');
    expect(client.sends).toEqual([expect.objectContaining({ text: 'Hello, I need help' })]);
    expect(client.sends[0]?.clientId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(client.typing.at(-1)).toBe(false);

    await client.ackSend(1);

    expect(screen.queryByText('Sending…')).toBeNull();
    expect(screen.getAllByText('Hello, I need help')).toHaveLength(1);
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('shows a "Reconnecting…" banner while disconnected and catches up from the last seq', async () => {
    const client = new FakeChatClient();
    renderWidget(client);
    await client.connectAndSync([message({ seq: 0, text: 'Welcome back' })]);

    client.push('disconnect');
    expect(screen.getByText('Reconnecting…')).toBeTruthy();

    await client.connectAndSync([message({ seq: 1, text: 'Sent while you were away' })]);
    expect(client.syncs[1]?.afterSeq).toBe(0);
    expect(screen.queryByText('Reconnecting…')).toBeNull();
    expect(screen.getByText('Sent while you were away')).toBeTruthy();
  });

  it('shows a new conversation after the closed one and fetches it whole', async () => {
    const client = new FakeChatClient();
    renderWidget(client);
    await client.connectAndSync([message({ seq: 0, text: 'old question' }), message({ seq: 1, text: 'old answer' })]);
    client.push('disconnect');
    client.push('connect');

    const newer = (seq: number) => message({ seq, id: `c2-${seq}`, conversationId: 'c2', text: `new ${seq}` });
    await act(async () => client.syncs[1]!.resolve({ ...syncResult([newer(2)]), conversationId: 'c2' }));
    expect(client.syncs[2]?.afterSeq).toBe(-1);
    await act(async () => client.syncs[2]!.resolve({ ...syncResult([0, 1, 2].map(newer)), conversationId: 'c2' }));

    const texts = [...screen.getByRole('log').querySelectorAll('.message__text')].map((el) => el.textContent);
    expect(texts).toEqual(['Hi there! How can we help?', 'old question', 'old answer', 'new 0', 'new 1', 'new 2']);
  });

  it('renders agent messages with their name and the typing indicator', async () => {
    const client = new FakeChatClient();
    renderWidget(client);
    await client.connectAndSync();

    client.push('typing', { conversationId: 'c1', name: 'Ana', typing: true });
    expect(screen.getByText('Ana is typing…')).toBeTruthy();

    client.push('message', message({ seq: 0, text: 'Hello! Ana here.' }));
    expect(screen.getByText('Hello! Ana here.')).toBeTruthy();
    expect(screen.getByText('Ana')).toBeTruthy();
    expect(screen.queryByText('Ana is typing…')).toBeNull();
  });

  it('keeps the outbox across a remount and re-sends it after the next sync', async () => {
    const first = new FakeChatClient();
    const view = renderWidget(first);
    await first.connectAndSync();
    typeAndPressEnter('Are you there?');
    const { clientId } = first.sends[0]!;
    fireEvent.input(messageBox(), { target: { value: 'half-written' } });
    act(() => {
      view.unmount(); // Preact runs effect cleanups after paint; act flushes them
    });
    expect(first.disconnect).toHaveBeenCalled();

    const second = new FakeChatClient();
    renderWidget(second);
    expect(screen.getByText('Are you there?')).toBeTruthy();
    expect(screen.getByText('Sending…')).toBeTruthy();
    expect((messageBox() as HTMLTextAreaElement).value).toBe('half-written');
    expect(second.sends).toHaveLength(0);

    await second.connectAndSync();
    expect(second.sends).toEqual([expect.objectContaining({ clientId, text: 'Are you there?' })]);

    await second.ackSend(0);
    expect(screen.queryByText('Sending…')).toBeNull();
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('drops a pending message when its echo arrives first', async () => {
    const client = new FakeChatClient();
    renderWidget(client);
    await client.connectAndSync();
    typeAndPressEnter('From this tab');
    const { clientId } = client.sends[0]!;

    client.push('message', message({ seq: 0, author: 'visitor', authorName: null, clientId, text: 'From this tab' }));
    expect(screen.queryByText('Sending…')).toBeNull();
    expect(screen.getAllByText('From this tab')).toHaveLength(1);
  });

  it('offers a retry when the server refuses a message', async () => {
    const client = new FakeChatClient();
    renderWidget(client);
    await client.connectAndSync();
    typeAndPressEnter('Too much');

    await act(async () => client.sends.shift()!.reject(new ChatError('payload_too_large', 'Too large')));
    expect(screen.getByText(/Not sent/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(client.sends).toEqual([expect.objectContaining({ text: 'Too much' })]);
  });

  it('renders message text literally, never as HTML', async () => {
    const client = new FakeChatClient();
    const { container } = renderWidget(client);
    await client.connectAndSync([message({ seq: 0, text: XSS })]);
    typeAndPressEnter(`visitor says ${XSS}`);

    expect(screen.getByText(XSS)).toBeTruthy();
    expect(screen.getByText(`visitor says ${XSS}`)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it('explains a failed connection and disables the composer', () => {
    const client = new FakeChatClient();
    renderWidget(client);

    client.push('fail', new ChatError('site_unknown', 'Unknown site'));

    expect(screen.getByRole('alert').textContent).toMatch(/unknown site key/);
    expect((messageBox() as HTMLTextAreaElement).disabled).toBe(true);
  });

  it('counts agent replies that arrive while the panel is closed', async () => {
    const client = new FakeChatClient();
    const onUnreadChange = vi.fn();
    const view = renderWidget(client, { open: false, onUnreadChange });
    await client.connectAndSync([message({ seq: 0 })]);
    expect(screen.queryByRole('dialog')).toBeNull();

    client.push('message', message({ seq: 1 }));
    client.push('message', message({ seq: 2 }));
    expect(onUnreadChange).toHaveBeenLastCalledWith(2);

    view.rerender(<ChatWidget client={client} siteKey={SITE_KEY} open onClose={() => {}} onUnreadChange={onUnreadChange} />);
    await waitFor(() => expect(onUnreadChange).toHaveBeenLastCalledWith(0));
    expect(screen.getByText('message 2')).toBeTruthy();
  });
});
