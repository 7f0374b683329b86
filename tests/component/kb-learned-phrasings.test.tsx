import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KbApi } from '../../agent-console/api/kb-api';
import { LearnedPhrasings } from '../../agent-console/kb/LearnedPhrasings';
import { RestError } from '../../shared/client/rest-client';
import type { KbLearnedPhrasing } from '../../shared/contract';

afterEach(cleanup);

const ID = 'b'.repeat(24);
const learned: KbLearnedPhrasing[] = [
  {
    key: 'my parcel is stuck',
    text: 'my parcel is stuck',
    source: 'insert',
    counts: { insert: 2, helped: 1, handoff: 0 },
    lastAt: new Date().toISOString(),
    indexed: true,
  },
  {
    key: 'how long does shipping take to brno',
    text: 'how long does shipping take to Brno',
    source: 'helped',
    counts: { insert: 0, helped: 1, handoff: 1 },
    lastAt: new Date().toISOString(),
    indexed: false,
  },
];

function fakeApi(phrasings: KbLearnedPhrasing[]) {
  return {
    phrasings: vi.fn(async () => phrasings),
    removePhrasing: vi.fn(async () => undefined),
  } as unknown as KbApi & { phrasings: ReturnType<typeof vi.fn>; removePhrasing: ReturnType<typeof vi.fn> };
}

const items = () => screen.getAllByTestId('kb-phrasing');

describe('LearnedPhrasings (KB editor)', () => {
  it('shows each phrasing with its source and counts, notes the ones hand-offs took out of search, and removes one', async () => {
    const api = fakeApi(learned);
    render(<LearnedPhrasings api={api} articleId={ID} />);
    expect(screen.getByRole('heading', { name: 'Learned phrasings' })).toBeTruthy();
    await screen.findByText('my parcel is stuck');
    expect(api.phrasings).toHaveBeenCalledWith(ID);

    const [strong, lowered] = items() as [HTMLElement, HTMLElement];
    expect(strong.textContent).toContain("from an agent's reply · 2 agent replies · 1 'That helped'");
    expect(strong.textContent).not.toContain('not searched');
    expect(lowered.textContent).toContain("from 'That helped' · 1 'That helped' · 1 hand-off");
    expect(within(lowered).getByText(/not searched/).className).toContain('kb-phrasings__unsearched');

    fireEvent.click(within(lowered).getByRole('button', { name: 'Remove "how long does shipping take to Brno"' }));
    await waitFor(() => expect(screen.queryByText('how long does shipping take to Brno')).toBeNull());
    expect(api.removePhrasing).toHaveBeenCalledWith(ID, 'how long does shipping take to brno');
    expect(items()).toHaveLength(1);
  });

  it('shows an empty state, and a failed removal as an alert while keeping the phrasing', async () => {
    const empty = fakeApi([]);
    const { unmount } = render(<LearnedPhrasings api={empty} articleId={ID} />);
    await screen.findByText('No learned phrasings yet: questions this article answered appear here.');
    unmount();

    const api = fakeApi(learned.slice(0, 1));
    api.removePhrasing.mockRejectedValueOnce(
      new RestError('network', 'Could not reach the server. Check your connection and try again.', null),
    );
    render(<LearnedPhrasings api={api} articleId={ID} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove "my parcel is stuck"' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not reach the server. Check your connection and try again.');
    expect(screen.getByText('my parcel is stuck')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove "my parcel is stuck"' }).hasAttribute('disabled')).toBe(false);
  });

  it('reports a list that could not be loaded', async () => {
    const api = fakeApi([]);
    api.phrasings.mockRejectedValueOnce(new RestError('not_found', 'This article does not exist.', 404));
    render(<LearnedPhrasings api={api} articleId={ID} />);
    expect((await screen.findByRole('alert')).textContent).toBe('This article does not exist.');
  });
});
