import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
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

const DRAFT_KEY = OUTBOX_KEY.replace(/outbox$/, 'draft');

describe('a message with a card number', () => {
  it('is masked before the outbox stores or sends it, and the server’s masked copy replaces it once acknowledged', async () => {
    mounted = await mountWidget();
    const { client } = mounted;
    await client.connectAndSync();
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'My card 4111 1111 1111 1111 was declined' } });
    expect(localStorage.getItem(DRAFT_KEY)).toBeNull();
    fireEvent.keyDown(box, { key: 'Enter' });

    await waitFor(() => expect(client.pending('message:send')).toHaveLength(1));
    const send = client.take('message:send');
    expect(send.payload.text).toBe('My card •••• 1111 was declined');
    expect(localStorage.getItem(OUTBOX_KEY)).toContain('•••• 1111');
    expect(localStorage.getItem(OUTBOX_KEY)).not.toMatch(/4111 1111/);
    expect(screen.getByText('My card •••• 1111 was declined')).toBeTruthy();
    expect(screen.queryByText(/4111 1111 1111 1111/)).toBeNull();

    const stored = message({
      seq: 0,
      author: 'visitor',
      authorName: null,
      clientId: send.payload.clientId,
      text: send.payload.text,
      masked: ['card'],
    });
    await act(async () => send.resolve({ message: stored }));
    expect(screen.getByText('My card •••• 1111 was declined')).toBeTruthy();
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('keeps the order the visitor wrote in when a message without digits follows at once', async () => {
    mounted = await mountWidget();
    const { client } = mounted;
    await client.connectAndSync();
    act(() => {
      mounted?.session.send('IBAN RO49 AAAA 1B31 0075 9384 0000 please');
      mounted?.session.send('thanks');
    });
    await waitFor(() => expect(JSON.parse(localStorage.getItem(OUTBOX_KEY) ?? '[]')).toHaveLength(2));
    const texts = (JSON.parse(localStorage.getItem(OUTBOX_KEY) ?? '[]') as Array<{ text: string }>).map((e) => e.text);
    expect(texts[1]).toBe('thanks');
    expect(texts[0]).not.toContain('1B31 0075 9384');
    expect(texts[0]).toMatch(/^IBAN RO•+/);
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
