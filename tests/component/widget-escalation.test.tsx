import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProactivePrompt } from '../../widget/app/chat-client';
import { ChatError } from '../../widget/app/chat-client';
import { message, mountWidget, type Mounted } from './widget-harness';

const ARTICLE_ID = 'a'.repeat(24);
const prompt = (patch: Partial<ProactivePrompt> = {}): ProactivePrompt => ({
  conversationId: 'c1',
  kind: 'shipping_loop',
  concern: 'shipping_cost',
  article: { id: ARTICLE_ID, title: 'Shipping costs', excerpt: 'Standard delivery is $4.90, free from $75.' },
  agentsOnline: true,
  ...patch,
});

let mounted: Mounted | undefined;
const mount = async (...args: Parameters<typeof mountWidget>) => (mounted = await mountWidget(...args));

beforeEach(() => localStorage.clear());
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  cleanup();
});

describe('proactive prompt', () => {
  it('opens by itself with the concern, the article excerpt and a person on offer, without taking focus', async () => {
    const { client, session } = await mount({ open: false });
    await client.connectAndSync();
    const escalated = vi.fn();
    const opened = vi.fn();
    session.events.on('escalated', escalated);
    session.events.on('open', opened);
    const hostField = document.body.appendChild(document.createElement('input'));
    hostField.focus();

    client.push('prompt', prompt());

    expect(screen.getByRole('dialog')).toBeTruthy();
    // The offer is a lazily loaded view: it shows once its chunk is here.
    expect(await screen.findByText('Wondering what shipping costs? We can work it out for you right now.')).toBeTruthy();
    expect(screen.getByText('Shipping costs')).toBeTruthy();
    expect(screen.getByText('Standard delivery is $4.90, free from $75.')).toBeTruthy();
    expect(document.activeElement).toBe(hostField);
    expect(opened).toHaveBeenCalledOnce();
    expect(escalated).toHaveBeenCalledWith({ conversationId: 'c1', source: 'proactive', concern: 'shipping_cost' });

    fireEvent.click(screen.getByRole('button', { name: 'Talk to a person' }));
    expect(client.pending('escalation:request-person')[0]?.payload).toEqual({});
    await client.answer('escalation:request-person', { conversationId: 'c1', agentsOnline: true });
    expect(screen.getByText('We have asked a person to join. They will answer here shortly.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Talk to a person' })).toBeNull();
    expect(escalated).toHaveBeenLastCalledWith({ conversationId: 'c1', source: 'visitor' });
    hostField.remove();
  });

  it('says it showed the prompt, and shows one sent again after a reconnect only once', async () => {
    const { client, session } = await mount({ open: false });
    await client.connectAndSync();
    const escalated = vi.fn();
    session.events.on('escalated', escalated);

    client.push('prompt', prompt());
    client.push('prompt', prompt());

    expect(client.notified.filter((n) => n.event === 'proactive:seen').map((n) => n.payload)).toEqual([
      { conversationId: 'c1' },
      { conversationId: 'c1' },
    ]);
    expect(escalated).toHaveBeenCalledOnce();
    expect(await screen.findAllByText('Wondering what shipping costs? We can work it out for you right now.')).toHaveLength(1);
  });

  it('names each concern in the visitor language', async () => {
    const { client } = await mount({ open: false, languages: ['cs'] });
    await client.connectAndSync();
    client.push('prompt', prompt({ concern: 'payment', article: null }));
    expect(screen.getByText('Potíže s platbou? Pomůžeme vám objednávku dokončit.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mluvit s člověkem' })).toBeTruthy();
  });

  it('opens the full article in the help view from the excerpt', async () => {
    const { client } = await mount({ open: false });
    await client.connectAndSync();
    client.push('prompt', prompt());
    fireEvent.click(screen.getByRole('button', { name: 'Read the full answer' }));
    expect(client.pending('kb:article')[0]?.payload).toEqual({ id: ARTICLE_ID, locale: 'en' });
  });

  it('promises no person when no agent is online, and keeps the message box', async () => {
    const { client } = await mount({ open: false });
    await client.connectAndSync();
    client.push('prompt', prompt({ agentsOnline: false }));

    expect(screen.queryByRole('button', { name: 'Talk to a person' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
  });

  it('says when asking for a person failed and lets the visitor try again', async () => {
    const { client } = await mount({ open: false });
    await client.connectAndSync();
    client.push('prompt', prompt());
    fireEvent.click(screen.getByRole('button', { name: 'Talk to a person' }));
    await client.fail('escalation:request-person', new ChatError('unavailable', 'timeout'));
    expect(screen.getByText(/Not sent/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Talk to a person' }));
    expect(client.pending('escalation:request-person')).toHaveLength(1);
  });
});

describe('no agent online: the visitor still writes (was the offline form)', () => {
  const fillEmail = async (value: string) => fireEvent.input(await screen.findByRole('textbox', { name: /Email/ }), { target: { value } });

  it('keeps the composer and the draft, sends the question, then asks for an email address and confirms it', async () => {
    localStorage.setItem('lifecycle-chat:pk_test_site:draft', 'Do you ship to Chisinau?');
    const { client } = await mount();
    await client.connectAndSync([], { agentsOnline: false });

    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    expect(box.value).toBe('Do you ship to Chisinau?');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(client.pending('message:send')[0]?.payload).toMatchObject({ text: 'Do you ship to Chisinau?' });
    await client.ackSend(0);

    await fillEmail('ana@example.com');
    fireEvent.submit(screen.getByRole('button', { name: 'Save' }).closest('form')!);
    expect(client.pending('visitor:contact')[0]?.payload).toEqual({ email: 'ana@example.com' });
    await client.answer('visitor:contact', { email: 'ana@example.com' });
    expect(screen.getByRole('status').textContent).toBe('Thank you! If you leave, we will reply to ana@example.com.');
    expect(document.activeElement).toBe(screen.getByRole('status'));
  });

  it('explains a failed save in its own words and keeps what was typed', async () => {
    const { client } = await mount();
    await client.connectAndSync([], { agentsOnline: false });
    fireEvent.input(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'Hello?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await fillEmail('ana@example.com');
    fireEvent.submit(screen.getByRole('button', { name: 'Save' }).closest('form')!);
    await client.fail('visitor:contact', new ChatError('unavailable', 'No answer from the server'));

    expect(screen.getByRole('alert').textContent).toBe('Your email address was not saved. Please try again.');
    expect((screen.getByRole('textbox', { name: /Email/ }) as HTMLInputElement).value).toBe('ana@example.com');
    // The question waits in the outbox, shown, until the server has it.
    expect(screen.getByText('Hello?')).toBeTruthy();
  });

  it('follows agent availability: the composer always stays, and no person is promised while none is online', async () => {
    const { client } = await mount();
    await client.connectAndSync();
    client.push('availability', false);
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
    client.push('message', message({ seq: 0, text: 'Ana here' }));
    client.push('availability', true);
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
  });
});

describe('lifecycle stage', () => {
  it('shows evaluation-stage visitors help first and purchase-stage visitors the chat', async () => {
    const { client, session } = await mount({ open: false });
    await client.connectAndSync([], { stage: 'evaluation' });
    act(() => session.openPanel());
    expect(screen.getByRole('searchbox', { name: 'Search help articles' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('searchbox'));
    act(() => session.close());

    client.push('stage', 'purchase');
    act(() => session.openPanel());
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Chat' }).getAttribute('aria-pressed')).toBe('true');
  });
});
