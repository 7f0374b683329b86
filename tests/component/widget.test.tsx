import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../../widget/app/chat-client';
import { message, mountWidget, OUTBOX_KEY, syncResult, type Mounted } from './widget-harness';

const XSS = '<img src=x onerror=alert(1)>';
const messageBox = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;

function typeAndPressEnter(text: string): void {
  fireEvent.input(messageBox(), { target: { value: text } });
  fireEvent.keyDown(messageBox(), { key: 'Enter' });
}

let mounted: Mounted | undefined;
const mount = async (...args: Parameters<typeof mountWidget>) => (mounted = await mountWidget(...args));

beforeEach(() => localStorage.clear());
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  cleanup();
});

describe('chat widget', () => {
  it('shows "Connecting…" and then the greeting as the empty state', async () => {
    const { client } = await mount();
    expect(client.connect).toHaveBeenCalledOnce();
    expect(screen.getByText('Connecting…')).toBeTruthy();

    await client.connectAndSync();

    expect(client.requests).toHaveLength(0);
    expect(screen.getByRole('heading', { name: 'Acme Support' })).toBeTruthy();
    expect(screen.getByText('Hi there! How can we help?')).toBeTruthy();
    expect(screen.queryByText('Connecting…')).toBeNull();
    expect(screen.getByRole('log').getAttribute('aria-live')).toBe('polite');
    expect(localStorage.getItem('lifecycle-chat:pk_test_site:token')).toBe('signed-token');
  });

  it('sends on Enter: pending as "Sending…", then sent once acknowledged', async () => {
    const { client } = await mount();
    await client.connectAndSync();

    fireEvent.input(messageBox(), { target: { value: 'first line' } });
    fireEvent.keyDown(messageBox(), { key: 'Enter', shiftKey: true });
    expect(client.pending('message:send')).toHaveLength(0);

    typeAndPressEnter('  Hello, I need help  ');
    expect(screen.getByText('Hello, I need help')).toBeTruthy();
    expect(screen.getByText('Sending…')).toBeTruthy();
    expect(messageBox().value).toBe('');
    const [send] = client.pending('message:send');
    expect(send?.payload.text).toBe('Hello, I need help');
    expect(send?.payload.clientId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(client.notified.filter((n) => n.event === 'typing:set').at(-1)?.payload).toEqual({ typing: false });

    await client.ackSend(1);

    expect(screen.queryByText('Sending…')).toBeNull();
    expect(screen.getAllByText('Hello, I need help')).toHaveLength(1);
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('shows "Reconnecting…" while disconnected, queues messages visibly and catches up from the last seq', async () => {
    const { client } = await mount();
    await client.connectAndSync([message({ seq: 0, text: 'Welcome back' })]);

    client.push('disconnect');
    expect(screen.getByRole('status').textContent).toMatch(/^Reconnecting…/);
    typeAndPressEnter('written in a tunnel');
    expect(screen.getByText('Queued, sends when you are back online')).toBeTruthy();
    expect(client.pending('message:send')).toHaveLength(0);

    client.push('connect');
    const sync = client.take('visitor:sync');
    expect(sync.payload).toEqual({ afterSeq: 0 });
    await act(async () => sync.resolve(syncResult([message({ seq: 1, text: 'Sent while you were away' })])));
    expect(screen.queryByText(/Reconnecting/)).toBeNull();
    expect(screen.getByText('Sent while you were away')).toBeTruthy();
    expect(client.pending('message:send').map((r) => r.payload.text)).toEqual(['written in a tunnel']);
    await client.ackSend(2);
    expect(screen.getAllByText('written in a tunnel')).toHaveLength(1);
    expect(screen.queryByText(/Queued/)).toBeNull();
  });

  it('shows a new conversation after the closed one and fetches it whole', async () => {
    const { client } = await mount();
    await client.connectAndSync([message({ seq: 0, text: 'old question' }), message({ seq: 1, text: 'old answer' })]);
    client.push('disconnect');
    client.push('connect');

    const newer = (seq: number) => message({ seq, id: `c2-${seq}`, conversationId: 'c2', text: `new ${seq}` });
    await client.answer('visitor:sync', syncResult([newer(2)], { conversationId: 'c2' }));
    expect(client.pending('visitor:sync')[0]?.payload).toEqual({ afterSeq: -1 });
    await client.answer('visitor:sync', syncResult([0, 1, 2].map(newer), { conversationId: 'c2' }));

    const texts = [...screen.getByRole('log').querySelectorAll('.message__text')].map((el) => el.textContent);
    expect(texts).toEqual(['Hi there! How can we help?', 'old question', 'old answer', 'new 0', 'new 1', 'new 2']);
  });

  it('renders agent messages with their name and the typing indicator', async () => {
    const { client } = await mount();
    await client.connectAndSync();

    client.push('typing', { conversationId: 'c1', name: 'Ana', typing: true });
    expect(screen.getByText('Ana is typing…')).toBeTruthy();
    client.push('typing', { conversationId: 'c1', name: 'Ben', typing: true });
    expect(screen.getByText('Ana and Ben are typing…')).toBeTruthy();

    client.push('message', message({ seq: 0, text: 'Hello! Ana here.' }));
    expect(screen.getByText('Hello! Ana here.')).toBeTruthy();
    expect(screen.getByText('Ana')).toBeTruthy();
    expect(screen.getByText('Ben is typing…')).toBeTruthy();
  });

  it('keeps the outbox and draft across a reload and re-sends after the next sync', async () => {
    const first = await mount();
    await first.client.connectAndSync();
    typeAndPressEnter('Are you there?');
    const { clientId } = first.client.pending('message:send')[0]!.payload;
    fireEvent.input(messageBox(), { target: { value: 'half-written' } });
    first.unmount();
    cleanup();
    expect(first.client.disconnect).toHaveBeenCalled();

    const { client } = await mount();
    expect(screen.getByText('Are you there?')).toBeTruthy();
    expect(screen.getByText('Queued, sends when you are back online')).toBeTruthy();
    expect(messageBox().value).toBe('half-written');

    await client.connectAndSync();
    expect(client.pending('message:send').map((r) => r.payload)).toEqual([{ clientId, text: 'Are you there?' }]);
    await client.ackSend(0);
    expect(screen.queryByText('Sending…')).toBeNull();
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('drops a pending message when its echo from another tab arrives first', async () => {
    const { client } = await mount();
    await client.connectAndSync();
    typeAndPressEnter('From this tab');
    const { clientId } = client.pending('message:send')[0]!.payload;

    client.push('message', message({ seq: 0, author: 'visitor', authorName: null, clientId, text: 'From this tab' }));
    expect(screen.queryByText('Sending…')).toBeNull();
    expect(screen.getAllByText('From this tab')).toHaveLength(1);
  });

  it('offers a retry when the server refuses a message', async () => {
    const { client } = await mount();
    await client.connectAndSync();
    typeAndPressEnter('Too much');

    await client.fail('message:send', new ChatError('payload_too_large', 'Too large'));
    expect(screen.getByText(/Not sent/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(client.pending('message:send').map((r) => r.payload.text)).toEqual(['Too much']);
  });

  it('retries a message the server turned away for sending too fast, instead of giving up', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { client } = await mount();
      await client.connectAndSync();
      typeAndPressEnter('one more');
      await client.fail('message:send', new ChatError('rate_limited', 'Too many messages in a short time.'));
      expect(screen.queryByText(/Not sent/)).toBeNull();
      expect(screen.getByText('Sending…')).toBeTruthy();

      await act(async () => {
        vi.advanceTimersByTime(3_000);
      });
      expect(client.pending('message:send').map((r) => r.payload.text)).toEqual(['one more']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets the tab that queued a message send it, and steps in only if that tab went away', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { client } = await mount();
      await client.connectAndSync();
      const fromOtherTab = (clientId: string, text: string) => {
        const entries = JSON.parse(localStorage.getItem(OUTBOX_KEY) ?? '[]') as unknown[];
        localStorage.setItem(OUTBOX_KEY, JSON.stringify([...entries, { clientId, text, createdAt: new Date().toISOString() }]));
        act(() => {
          window.dispatchEvent(new StorageEvent('storage', { key: OUTBOX_KEY }));
        });
      };

      fromOtherTab('othertab-0001', 'sent by the other tab');
      expect(screen.getByText('sent by the other tab')).toBeTruthy();
      client.push(
        'message',
        message({ seq: 0, author: 'visitor', authorName: null, clientId: 'othertab-0001', text: 'sent by the other tab' }),
      );
      await act(async () => {
        vi.advanceTimersByTime(5_000);
      });
      expect(client.pending('message:send')).toHaveLength(0);

      fromOtherTab('othertab-0002', 'left behind by a closed tab');
      await act(async () => {
        vi.advanceTimersByTime(3_000);
      });
      expect(client.pending('message:send')).toHaveLength(0);
      await act(async () => {
        vi.advanceTimersByTime(1_500);
      });
      expect(client.pending('message:send').map((r) => r.payload.clientId)).toEqual(['othertab-0002']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('renders message text literally, never as HTML', async () => {
    const { client } = await mount();
    await client.connectAndSync([message({ seq: 0, text: XSS })]);
    typeAndPressEnter(`visitor says ${XSS}`);

    expect(screen.getByText(XSS)).toBeTruthy();
    expect(screen.getByText(`visitor says ${XSS}`)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });

  it('explains a failed connection and disables the composer', async () => {
    const { client } = await mount();
    client.push('fail', new ChatError('site_unknown', 'Unknown site'));

    expect(screen.getByRole('alert').textContent).toMatch(/unknown site key/);
    expect(messageBox().disabled).toBe(true);
  });

  it('counts agent replies that arrive while the panel is closed, and clears them on open', async () => {
    localStorage.setItem('lifecycle-chat:pk_test_site:seen', 'c1:0'); // seq 0 was seen on an earlier page
    const { client, session } = await mount({ open: false });
    await client.connectAndSync([message({ seq: 0 })]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(session.state.unread).toBe(0);

    client.push('message', message({ seq: 1 }));
    client.push('message', message({ seq: 2 }));
    expect(session.state.unread).toBe(2);

    act(() => session.openPanel());
    expect(session.state.unread).toBe(0);
    expect(screen.getByText('message 2')).toBeTruthy();
  });

  it('closes on Escape and on the close button, moving nothing else', async () => {
    const { client, session } = await mount();
    await client.connectAndSync();
    const onClose = vi.fn();
    session.events.on('close', onClose);

    fireEvent.keyDown(messageBox(), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    act(() => session.openPanel());
    fireEvent.click(screen.getByRole('button', { name: 'Close chat' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('focuses the composer when the visitor opens the chat', async () => {
    const { client } = await mount();
    await client.connectAndSync();
    expect(document.activeElement).toBe(messageBox());
  });
});
