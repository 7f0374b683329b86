import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/i18n';
import { privacyText } from '../../shared/i18n/catalogs/privacy';
import { message, mountWidget, OUTBOX_KEY, type Mounted } from './widget-harness';

let mounted: Mounted | undefined;

beforeEach(() => localStorage.clear());
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  cleanup();
});

describe('a message the server stored masked', () => {
  it('replaces what the visitor typed once acknowledged, and leaves the outbox', async () => {
    mounted = await mountWidget();
    const { client } = mounted;
    await client.connectAndSync();
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'My card 4111 1111 1111 1111 was declined' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.getByText('My card 4111 1111 1111 1111 was declined')).toBeTruthy();

    const send = client.take('message:send');
    const stored = message({
      seq: 0,
      author: 'visitor',
      authorName: null,
      clientId: send.payload.clientId,
      text: 'My card •••• 1111 was declined',
      masked: ['card'],
    });
    await act(async () => send.resolve({ message: stored }));

    expect(screen.getByText('My card •••• 1111 was declined')).toBeTruthy();
    expect(screen.queryByText(/4111 1111 1111 1111/)).toBeNull();
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
  });
});

describe.each(LOCALES)('in %s', (locale) => {
  it('says under the visitor’s masked message why its details are hidden, and nothing under an agent’s', async () => {
    mounted = await mountWidget({ languages: [locale] });
    const note = privacyText(locale)('masked.note');
    const masked = { text: 'Card •••• 4242', masked: ['card' as const] };
    await mounted.client.connectAndSync([
      message({ seq: 0, author: 'agent', authorName: 'Ana', ...masked }),
      message({ seq: 1, author: 'visitor', authorName: null, text: 'no details here' }),
    ]);
    expect(screen.queryByRole('note')).toBeNull();

    mounted.client.push('message', message({ seq: 2, author: 'visitor', authorName: null, ...masked }));
    const shown = await screen.findByRole('note');
    expect(shown.textContent).toBe(note);
    expect(screen.getByRole('dialog').getAttribute('dir')).toBe(locale === 'fa' ? 'rtl' : 'ltr');
  });
});
