import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrivacyApi, type PrivacyApi } from '../../agent-console/api/privacy-api';
import { PrivacyActions } from '../../agent-console/visitor-panel/PrivacyActions';
import { VisitorLookup } from '../../agent-console/settings/VisitorLookup';
import type { EraseResponse, VisitorMatch } from '../../shared/contract/visitor-privacy';
import { enConsole } from '../../shared/i18n/catalogs/en';
import { translate } from '../../shared/i18n/translate';

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
    lookup: async () => [],
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

describe('settings: data requests (find a visitor by email)', () => {
  const i18n = {
    locale: 'en' as const,
    dir: 'ltr' as const,
    t: (key: string, vars?: Record<string, unknown>) => translate(enConsole, key as never, vars as never),
  };

  function lookupApi(answer: VisitorMatch[] | Error) {
    const asked: string[] = [];
    const api: PrivacyApi = {
      ...fakeApi({ status: 'erased' }).api,
      lookup: async (email) => {
        asked.push(email);
        if (answer instanceof Error) throw answer;
        return answer;
      },
    };
    return { api, asked };
  }

  async function search(api: PrivacyApi, email: string) {
    render(<VisitorLookup i18n={i18n} api={api} />);
    fireEvent.input(screen.getByLabelText('Email address'), { target: { value: ` ${email} ` } });
    fireEvent.click(screen.getByRole('button', { name: 'Find visitors' }));
  }

  it('lists each visitor stored with the address, with export and erase for each', async () => {
    const { api, asked } = lookupApi([
      { id: VISITOR, name: 'Erin', email: 'erin@example.com', lastSeenAt: '2026-11-30T10:00:00.000Z', conversations: 2 },
      { id: 'fedcba9876543210fedcba98', name: null, email: 'erin@example.com', lastSeenAt: null, conversations: 0 },
    ]);
    await search(api, 'erin@example.com');
    const items = await screen.findAllByRole('listitem');
    expect(asked).toEqual(['erin@example.com']);
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('Erin · last seen');
    expect(items[0]?.textContent).toContain('conversations: 2');
    expect(items[1]?.textContent).toContain('Unnamed visitor · last seen never');
    expect(screen.getAllByRole('link', { name: 'Export data' })[1]?.getAttribute('href')).toBe(
      '/api/visitors/fedcba9876543210fedcba98/export',
    );
    expect(screen.getAllByRole('button', { name: 'Erase visitor' })).toHaveLength(2);
  });

  it('says so when no visitor has the address, and shows a failure', async () => {
    await search(lookupApi([]).api, 'nobody@example.com');
    expect((await screen.findByRole('status')).textContent).toBe('No visitor of this site is stored with nobody@example.com.');
    cleanup();
    await search(lookupApi(new Error('You are signed out.')).api, 'erin@example.com');
    expect((await screen.findByRole('alert')).textContent).toBe('You are signed out.');
  });
});
