import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ArticleSuggestions } from '../../agent-console/kb/ArticleSuggestions';
import { KbConnectionContext } from '../../agent-console/kb/kb-context';
import { KbEditor } from '../../agent-console/kb/KbEditor';
import type { KbApi } from '../../agent-console/api/kb-api';
import { RestError } from '../../shared/client/rest-client';
import type { KbArticle, KbRevision, User } from '../../shared/contract';
import { AgentRequestError } from '../../agent-console/agent-socket';
import { FakeConnection } from './console-harness';

afterEach(cleanup);

const hit = { id: 'a'.repeat(24), title: 'Returns within 30 days', excerpt: 'Send it back for free.', category: 'Returns', score: 4.2 };

function withConnection(connection: FakeConnection, ui: preact.ComponentChildren) {
  return render(<KbConnectionContext.Provider value={connection}>{ui}</KbConnectionContext.Provider>);
}

describe('ArticleSuggestions', () => {
  it("suggests articles for the visitor's latest message and inserts excerpt + link", async () => {
    const connection = new FakeConnection({
      'kb:suggest': () => ({ query: 'can I return it', locale: 'en', results: [hit] }),
      'kb:insert': () => ({
        id: hit.id,
        title: hit.title,
        excerpt: hit.excerpt,
        url: 'https://x/help/articles/a',
        text: 'Returns…\nhttps://x/help/articles/a',
      }),
    });
    const onInsert = vi.fn();
    withConnection(
      connection,
      <ArticleSuggestions conversationId={'c'.repeat(24)} latestVisitorText="can I return it" onInsert={onInsert} />,
    );
    await screen.findByText('Returns within 30 days');
    expect(connection.requests[0]).toEqual({ event: 'kb:suggest', payload: { conversationId: 'c'.repeat(24), limit: 3 } });
    fireEvent.click(screen.getByRole('button', { name: 'Insert “Returns within 30 days” into the reply' }));
    await waitFor(() => expect(onInsert).toHaveBeenCalledWith('Returns…\nhttps://x/help/articles/a'));
  });

  it('shows nothing before the visitor has written, an empty state, and a retryable error', async () => {
    const connection = new FakeConnection({ 'kb:suggest': () => ({ query: 'x', locale: 'en', results: [] }) });
    const { rerender } = withConnection(connection, <ArticleSuggestions conversationId="c1" latestVisitorText={null} onInsert={vi.fn()} />);
    expect(screen.queryByLabelText('Suggested articles')).toBeNull();
    rerender(
      <KbConnectionContext.Provider value={connection}>
        <ArticleSuggestions conversationId="c1" latestVisitorText="hello" onInsert={vi.fn()} />
      </KbConnectionContext.Provider>,
    );
    await screen.findByText("No article matches the visitor's last message.");

    let fail = true;
    const flaky = new FakeConnection({
      'kb:suggest': () => {
        if (fail) throw new AgentRequestError('unavailable', 'down');
        return { query: 'x', locale: 'en', results: [hit] };
      },
    });
    withConnection(flaky, <ArticleSuggestions conversationId="c2" latestVisitorText="hi" onInsert={vi.fn()} />);
    await screen.findByText('Could not load suggested articles.');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('Returns within 30 days');
  });
});

const editorUser: User = { id: 'u2', siteId: 's1', email: 'eve@example.com', name: 'Eve Editor', role: 'editor' };
const agentUser: User = { ...editorUser, id: 'u3', name: 'Ada Agent', role: 'agent' };

function storedArticle(patch: Partial<KbArticle> = {}): KbArticle {
  return {
    id: 'b'.repeat(24),
    key: 'k1',
    locale: 'en',
    title: 'Shipping times',
    category: 'Shipping',
    tags: ['delivery'],
    status: 'published',
    revision: 2,
    publishedRevision: 2,
    hasUnpublishedChanges: false,
    updatedAt: new Date().toISOString(),
    updatedBy: { id: 'u2', name: 'Eve Editor' },
    publishedAt: new Date().toISOString(),
    body: 'Ships in **2 days**.',
    html: '<p>Ships in <strong>2 days</strong>.</p>',
    ...patch,
  };
}

function fakeKbApi(article = storedArticle()): KbApi & Record<keyof KbApi, ReturnType<typeof vi.fn>> {
  const revisions: KbRevision[] = [
    {
      id: 'r2',
      number: 2,
      action: 'published',
      changed: [],
      restoredFrom: null,
      title: article.title,
      body: article.body,
      category: article.category,
      tags: article.tags,
      author: { id: 'u2', name: 'Eve Editor' },
      createdAt: new Date().toISOString(),
    },
    {
      id: 'r1',
      number: 1,
      action: 'created',
      changed: ['title', 'body', 'category', 'tags'],
      restoredFrom: null,
      title: article.title,
      body: 'Old text',
      category: article.category,
      tags: [],
      author: { id: 'u3', name: 'Ada Agent' },
      createdAt: new Date().toISOString(),
    },
  ];
  return {
    list: vi.fn(async () => [article]),
    get: vi.fn(async () => article),
    create: vi.fn(async () => article),
    update: vi.fn(async (_id: string, content: Pick<KbArticle, 'title' | 'body' | 'category' | 'tags'>) => ({
      ...article,
      ...content,
      revision: 3,
      hasUnpublishedChanges: true,
    })),
    publish: vi.fn(async () => ({ ...article, revision: 4 })),
    unpublish: vi.fn(async () => ({ ...article, status: 'draft' as const })),
    revisions: vi.fn(async () => revisions),
    restore: vi.fn(async () => ({ ...article, body: 'Old text', revision: 3, hasUnpublishedChanges: true })),
    preview: vi.fn(async (body: string) => `<p>${body.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}</p>`),
    phrasings: vi.fn(async () => []),
    removePhrasing: vi.fn(async () => undefined),
    gaps: vi.fn(async () => ({ days: 30, groups: [] })),
    dismissGaps: vi.fn(async () => undefined),
    articleFromGaps: vi.fn(async () => article),
  };
}

describe('KbEditor', () => {
  it('lists articles, edits with a live server preview and publishes (editor)', async () => {
    const api = fakeKbApi();
    render(<KbEditor api={api} user={editorUser} />);
    fireEvent.click(await screen.findByRole('button', { name: /Shipping times/ }));
    const body = await screen.findByLabelText('Body (Markdown)');
    expect(screen.getByTestId('kb-preview').innerHTML).toContain('<strong>2 days</strong>');
    // The open article's learned phrasings, below the form.
    await screen.findByText('No learned phrasings yet: questions this article answered appear here.');
    expect(api.phrasings).toHaveBeenCalledWith('b'.repeat(24));
    fireEvent.input(body, { target: { value: 'Ships in **1 day**.' } });
    await waitFor(() => expect(screen.getByTestId('kb-preview').innerHTML).toContain('<strong>1 day</strong>'));
    expect(api.preview).toHaveBeenCalledWith('Ships in **1 day**.');

    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await screen.findByText('Published: visitors see it now.');
    expect(api.update).toHaveBeenCalledWith('b'.repeat(24), {
      title: 'Shipping times',
      body: 'Ships in **1 day**.',
      category: 'Shipping',
      tags: ['delivery'],
    });
    expect(api.publish).toHaveBeenCalledWith('b'.repeat(24));
  });

  it('lets an agent save a draft but not publish, and restores a revision from the history', async () => {
    const api = fakeKbApi();
    render(<KbEditor api={api} user={agentUser} />);
    fireEvent.click(await screen.findByRole('button', { name: /Shipping times/ }));
    await screen.findByLabelText('Body (Markdown)');
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Save draft' }).hasAttribute('disabled')).toBe(true);

    await screen.findByText(/#1 Created/);
    fireEvent.click(screen.getByRole('button', { name: 'Restore #1' }));
    await screen.findByText('Revision #1 is back in the draft.');
    expect(api.restore).toHaveBeenCalledWith('b'.repeat(24), 1);
    expect((screen.getByLabelText('Body (Markdown)') as HTMLTextAreaElement).value).toBe('Old text');
  });

  it('says clearly when the list cannot load, and retries', async () => {
    const api = fakeKbApi();
    api.list.mockRejectedValueOnce(new RestError('network', 'Could not reach the server. Check your connection and try again.', null));
    render(<KbEditor api={api} user={editorUser} />);
    await screen.findByText('Could not reach the server. Check your connection and try again.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('button', { name: /Shipping times/ });
  });
});
