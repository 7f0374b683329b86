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
    expect(screen.getByText('Wondering what shipping costs? We can work it out for you right now.')).toBeTruthy();
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

  it('shows the offline form instead of a person when no agent is online', async () => {
    const { client } = await mount({ open: false });
    await client.connectAndSync();
    client.push('prompt', prompt({ agentsOnline: false }));

    expect(screen.queryByRole('button', { name: 'Talk to a person' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'No one is online right now' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
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

describe('offline form', () => {
  const fill = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

  it('replaces the composer while no agent is online, keeps the draft, submits and confirms', async () => {
    localStorage.setItem('lifecycle-chat:pk_test_site:draft', 'Do you ship to Chisinau?');
    const { client } = await mount();
    await client.connectAndSync([], { agentsOnline: false });

    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect((screen.getByLabelText('Your question') as HTMLTextAreaElement).value).toBe('Do you ship to Chisinau?');
    fill('Your name', 'Ana Popescu');
    fill('Email', 'ana@example.com');
    fireEvent.submit(screen.getByRole('button', { name: 'Send question' }).closest('form')!);

    expect(screen.getByRole('button', { name: 'Sending…' })).toBeTruthy();
    expect(client.pending('offline:submit')[0]?.payload).toEqual({
      name: 'Ana Popescu',
      email: 'ana@example.com',
      question: 'Do you ship to Chisinau?',
    });
    await client.answer('offline:submit', { conversationId: 'c9' });
    expect(screen.getByRole('status').textContent).toBe('Thank you, Ana Popescu! We have your question and will reply to ana@example.com.');
    expect(document.activeElement).toBe(screen.getByRole('status'));
  });

  it('explains a failed submission and keeps what was typed', async () => {
    const { client } = await mount();
    await client.connectAndSync([], { agentsOnline: false });
    fill('Your name', 'Ana');
    fill('Email', 'ana@example.com');
    fill('Your question', 'Hello?');
    fireEvent.submit(screen.getByRole('button', { name: 'Send question' }).closest('form')!);
    await client.fail('offline:submit', new ChatError('unavailable', 'No answer from the server'));

    expect(screen.getByRole('alert').textContent).toBe('Your question was not sent (No answer from the server). Please try again.');
    expect((screen.getByLabelText('Your question') as HTMLTextAreaElement).value).toBe('Hello?');
  });

  it('follows agent availability, and never interrupts a conversation an agent has answered', async () => {
    const { client } = await mount();
    await client.connectAndSync();
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();

    client.push('availability', false);
    expect(screen.getByRole('heading', { name: 'No one is online right now' })).toBeTruthy();
    client.push('availability', true);
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();

    client.push('message', message({ seq: 0, text: 'Ana here' }));
    client.push('availability', false);
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
