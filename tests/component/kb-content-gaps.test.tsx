import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KbApi } from '../../agent-console/api/kb-api';
import { ContentGaps } from '../../agent-console/kb/ContentGaps';
import { KbEditor } from '../../agent-console/kb/KbEditor';
import { RestError } from '../../shared/client/rest-client';
import type { KbArticle, KbGapGroup, User } from '../../shared/contract';

afterEach(cleanup);

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const groups: KbGapGroup[] = [
  {
    key: 'en:norwai+ship',
    locale: 'en',
    label: 'ship norway',
    count: 3,
    lastAt: ago(5),
    samples: [
      { text: 'do you ship to norway?', at: ago(5) },
      { text: 'Shipping to Norway, mail me at {email}', at: ago(60) },
    ],
    questionIds: ['a'.repeat(24), 'b'.repeat(24), 'c'.repeat(24)],
  },
  {
    key: 'en:gift+wrap',
    locale: 'en',
    label: 'gift wrapping',
    count: 1,
    lastAt: ago(180),
    samples: [{ text: 'is gift wrapping possible', at: ago(180) }],
    questionIds: ['d'.repeat(24)],
  },
];

const draft: KbArticle = {
  id: 'e'.repeat(24),
  key: 'k9',
  locale: 'en',
  title: 'Ship norway',
  category: 'Shipping',
  tags: [],
  status: 'draft',
  revision: 1,
  publishedRevision: null,
  hasUnpublishedChanges: false,
  updatedAt: new Date().toISOString(),
  updatedBy: { id: 'u2', name: 'Eve Editor' },
  publishedAt: null,
  body: '- do you ship to norway?\n- Shipping to Norway, mail me at {email}',
  html: '<ul><li>do you ship to norway?</li></ul>',
};

function fakeApi(listed: KbGapGroup[] = groups) {
  return {
    gaps: vi.fn(async () => ({ days: 30, groups: listed })),
    dismissGaps: vi.fn(async () => undefined),
    articleFromGaps: vi.fn(async () => draft),
    list: vi.fn(async () => []),
    get: vi.fn(async () => draft),
    preview: vi.fn(async () => draft.html),
    phrasings: vi.fn(async () => []),
    revisions: vi.fn(async () => []),
  } as unknown as KbApi & Record<'gaps' | 'dismissGaps' | 'articleFromGaps', ReturnType<typeof vi.fn>>;
}

const items = () => screen.getAllByTestId('kb-gap');

describe('ContentGaps (KB editor)', () => {
  it('lists each group with its count, language, age and sample questions, and dismisses one', async () => {
    const api = fakeApi();
    render(<ContentGaps api={api} onCreated={vi.fn()} />);
    expect(screen.getByRole('heading', { name: 'Content gaps' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Loading content gaps…');
    await screen.findByText('ship norway');

    const [shipping, gift] = items() as [HTMLElement, HTMLElement];
    expect(shipping.textContent).toContain('3 questions');
    expect(shipping.textContent).toContain('English · last asked 5m');
    expect(
      within(shipping)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['do you ship to norway?', 'Shipping to Norway, mail me at {email}']);
    expect(gift.textContent).toContain('1 question');

    fireEvent.click(within(gift).getByRole('button', { name: 'Dismiss: gift wrapping' }));
    await waitFor(() => expect(screen.queryByText('gift wrapping')).toBeNull());
    expect(api.dismissGaps).toHaveBeenCalledWith(['d'.repeat(24)]);
    expect(items()).toHaveLength(1);
  });

  it('shows the empty state, and a list that could not load with a retry', async () => {
    const { unmount } = render(<ContentGaps api={fakeApi([])} onCreated={vi.fn()} />);
    await screen.findByText('No unanswered questions in the last 30 days.');
    unmount();

    const api = fakeApi();
    api.gaps.mockRejectedValueOnce(new RestError('network', 'Could not reach the server. Check your connection and try again.', null));
    render(<ContentGaps api={api} onCreated={vi.fn()} />);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not reach the server.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('ship norway');
  });

  it('"Create article from these" hands the new draft on and takes the group off the list', async () => {
    const api = fakeApi();
    const onCreated = vi.fn();
    render(<ContentGaps api={api} onCreated={onCreated} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create article from these: ship norway' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(draft));
    expect(api.articleFromGaps).toHaveBeenCalledWith(groups[0]!.questionIds);
    expect(screen.queryByText('ship norway')).toBeNull();
    expect(items()).toHaveLength(1);
  });

  it('keeps a group whose article could not be created, and says why', async () => {
    const api = fakeApi();
    api.articleFromGaps.mockRejectedValueOnce(new RestError('not_found', 'These questions are no longer on the list.', 404));
    const onCreated = vi.fn();
    render(<ContentGaps api={api} onCreated={onCreated} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create article from these: ship norway' }));
    expect((await screen.findByRole('alert')).textContent).toBe('These questions are no longer on the list.');
    expect(items()).toHaveLength(2);
    expect(onCreated).not.toHaveBeenCalled();
  });
});

describe('KbEditor: content gaps', () => {
  const editor: User = { id: 'u2', siteId: 's1', email: 'eve@example.com', name: 'Eve Editor', role: 'editor' };

  it('"Create article from these" opens the new draft in the form, prefilled; "← Content gaps" goes back to the list', async () => {
    const api = fakeApi();
    render(<KbEditor api={api} user={editor} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create article from these: ship norway' }));
    const title = (await screen.findByLabelText('Title')) as HTMLInputElement;
    expect(api.articleFromGaps).toHaveBeenCalledWith(groups[0]!.questionIds);
    expect(title.value).toBe('Ship norway');
    expect((screen.getByLabelText('Body (Markdown)') as HTMLTextAreaElement).value).toBe(draft.body);
    expect(screen.getByRole('button', { name: /Ship norway/ })).toBeTruthy(); // in the article list

    fireEvent.click(screen.getByRole('button', { name: '← Content gaps' }));
    await screen.findByText('gift wrapping');
    expect(api.gaps).toHaveBeenCalledTimes(2);
  });

  it('is not shown to agents', async () => {
    const api = fakeApi();
    render(<KbEditor api={api} user={{ ...editor, role: 'agent' }} />);
    await screen.findByText(/Choose an article to edit it/);
    expect(screen.queryByRole('heading', { name: 'Content gaps' })).toBeNull();
    expect(api.gaps).not.toHaveBeenCalled();
  });
});
