import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
