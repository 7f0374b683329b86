import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrivacyApi, type PrivacyApi } from '../../agent-console/api/privacy-api';
import { PrivacyActions } from '../../agent-console/visitor-panel/PrivacyActions';
import type { EraseResponse } from '../../shared/contract/visitor-privacy';

const VISITOR = '0123456789abcdef01234567';

beforeEach(() => {
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['en'] });
});
afterEach(cleanup);

/** A fake privacy API: each erase call takes the next scripted answer. */
function fakeApi(...answers: Array<EraseResponse | Error>) {
  const calls: string[] = [];
  const api: PrivacyApi = {
    exportUrl: createPrivacyApi().exportUrl,
    erase: async (visitorId) => {
      calls.push(visitorId);
      const answer = answers.shift() ?? new Error('no more answers');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { api, calls };
}

describe('visitor panel: export and erase (admins)', () => {
  it('links the export download to the visitor', () => {
    render(<PrivacyActions visitorId={VISITOR} name="Erin" api={fakeApi().api} />);
    const link = screen.getByRole('link', { name: 'Export data' });
    expect(link.getAttribute('href')).toBe(`/api/visitors/${VISITOR}/export`);
    expect(link.hasAttribute('download')).toBe(true);
  });

  it('asks for a confirmation naming the visitor, can be cancelled, then erases and says so', async () => {
    const { api, calls } = fakeApi({ status: 'erased' });
    render(<PrivacyActions visitorId={VISITOR} name="Erin" api={api} />);
    fireEvent.click(screen.getByRole('button', { name: 'Erase visitor' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('Erase Erin and everything stored about them');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(calls).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Erase visitor' }));
    fireEvent.click(screen.getByRole('button', { name: 'Erase for good' }));
    expect(screen.getByRole('status').textContent).toBe('Erasing…');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Erin was erased.'));
    expect(calls).toEqual([VISITOR]);
  });

  it('shows an error when the erasure fails', async () => {
    const { api } = fakeApi({ status: 'failed' });
    render(<PrivacyActions visitorId={VISITOR} name="Erin" api={api} />);
    fireEvent.click(screen.getByRole('button', { name: 'Erase visitor' }));
    fireEvent.click(screen.getByRole('button', { name: 'Erase for good' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The erasure failed; try again.');
  });
});
