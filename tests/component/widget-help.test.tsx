import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KbPublicArticle, KbSearchHit } from '../../shared/contract';
import { ChatError } from '../../widget/app/chat-client';
import { message, mountWidget, type Mounted } from './widget-harness';

const ID = 'b'.repeat(24);
const hit: KbSearchHit = {
  id: ID,
  title: 'Returns in 30 days',
  excerpt: 'Return anything unworn within 30 days.',
  category: 'returns',
  score: 3,
};
const article: KbPublicArticle = {
  id: ID,
  title: 'Returns in 30 days',
  html: '<p>Return anything <strong>unworn</strong> within 30 days.</p><ul><li>Free return label</li></ul>',
  excerpt: hit.excerpt,
  category: 'returns',
  tags: [],
  locale: 'en',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

let mounted: Mounted | undefined;
const mount = async (...args: Parameters<typeof mountWidget>) => (mounted = await mountWidget(...args));

beforeEach(() => localStorage.clear());
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  cleanup();
});

describe('help view', () => {
  it('searches after a pause in typing, in the widget language, and lists the hits', async () => {
    const { client, session } = await mount({ open: false, languages: ['ro-RO'] });
    await client.connectAndSync();
    act(() => session.openPanel('help'));
    const search = screen.getByRole('searchbox', { name: 'Căutați în articolele de ajutor' });

    fireEvent.input(search, { target: { value: 'ret' } });
    fireEvent.input(search, { target: { value: 'retur' } });
    expect(screen.getByText('Se caută…')).toBeTruthy();
    await waitFor(() => expect(client.pending('kb:search')).toHaveLength(1));
    expect(client.pending('kb:search')[0]!.payload).toEqual({ query: 'retur', locale: 'ro', limit: 8 });
    await client.answer('kb:search', { locale: 'ro', results: [hit] });
    expect(screen.getByRole('button', { name: /Returns in 30 days/ })).toBeTruthy();
  });

  it('says when nothing matches, and when search is unavailable', async () => {
    const { client, session } = await mount({ open: false });
    await client.connectAndSync();
    act(() => session.openPanel('help'));
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'teleport' } });
    await waitFor(() => expect(client.pending('kb:search')).toHaveLength(1));
    await client.answer('kb:search', { locale: 'en', results: [] });
    expect(screen.getByText('No article matches “teleport”. Try other words, or ask us in the chat.')).toBeTruthy();

    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'returns' } });
    await waitFor(() => expect(client.pending('kb:search')).toHaveLength(1));
    await client.fail('kb:search', new ChatError('unavailable', 'down'));
    expect(screen.getByText('Help articles could not be loaded. You can still chat with us.')).toBeTruthy();
  });

  it('reads an article (server-sanitized HTML inside the widget), takes a vote and hands over to a person with it', async () => {
    const { client, session } = await mount({ open: false });
    await client.connectAndSync();
    act(() => void session.openArticle(ID));
    expect(client.pending('kb:article')[0]!.payload).toEqual({ id: ID, locale: 'en' });
    await client.answer('kb:article', article);

    expect(screen.getByRole('heading', { name: 'Returns in 30 days' })).toBeTruthy();
    expect(screen.getByText('unworn').tagName).toBe('STRONG');
    expect(screen.getByText('Free return label').tagName).toBe('LI');

    fireEvent.click(screen.getByRole('button', { name: 'Yes' }));
    expect(client.pending('kb:vote')[0]!.payload).toEqual({ articleId: ID, helpful: true });
    expect(document.activeElement).toBe(screen.getByText('Thank you for your feedback!')); // keyboard users keep their place
    expect(screen.queryByRole('button', { name: 'No' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Talk to a person' }));
    expect(client.pending('escalation:request-person')[0]!.payload).toEqual({ articleId: ID });
    await client.answer('escalation:request-person', { conversationId: 'c1', agentsOnline: true });
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
    expect(await screen.findByText('We have asked a person to join. They will answer here shortly.')).toBeTruthy();
  });

  it('goes back from an article to the search', async () => {
    const { client, session } = await mount({ open: false });
    await client.connectAndSync();
    act(() => void session.openArticle(ID));
    await client.answer('kb:article', article);
    fireEvent.click(screen.getByRole('button', { name: 'Back to articles' }));
    expect(screen.getByRole('searchbox')).toBeTruthy();
  });

  it('offers matching articles while the visitor types a question, before sending', async () => {
    const { client } = await mount();
    await client.connectAndSync();
    fireEvent.input(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'can I return' } });
    await waitFor(() => expect(client.pending('kb:search')).toHaveLength(1), { timeout: 2000 });
    expect(client.pending('kb:search')[0]!.payload).toEqual({ query: 'can I return', locale: 'en', limit: 3, mode: 'suggest' });
    await client.answer('kb:search', { locale: 'en', results: [hit] });

    expect(screen.getByText('These articles may answer your question:')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Returns in 30 days/ }));
    expect(client.pending('kb:article')[0]!.payload.id).toBe(ID);
  });

  it('opens an article linked in an agent reply inside the widget', async () => {
    const { client } = await mount();
    await client.connectAndSync([message({ seq: 0, text: `Returns in 30 days\nSee https://chat.example.com/help/articles/${ID}` })]);
    fireEvent.click(screen.getByRole('button', { name: 'Read the full answer' }));
    expect(client.pending('kb:article')[0]!.payload.id).toBe(ID);
    expect(screen.getByRole('button', { name: 'Help' }).getAttribute('aria-pressed')).toBe('true');
  });
});
