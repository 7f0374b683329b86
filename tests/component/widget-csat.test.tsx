import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { message, mountWidget, type Mounted } from './widget-harness';

let mounted: Mounted | undefined;
beforeEach(() => localStorage.clear());
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  cleanup();
});

describe('rating a closed conversation', () => {
  it('asks for 1–5 and a comment once an agent closes the chat, and thanks the visitor', async () => {
    mounted = await mountWidget({ open: true });
    const { client } = mounted;
    const conversationId = message({ seq: 0 }).conversationId;
    await client.connectAndSync([message({ seq: 0, author: 'agent', authorName: 'Ada', text: 'Anything else?' })]);
    expect(screen.queryByText('How did we do?')).toBeNull();

    client.push('closed', conversationId);
    // The rating is a lazily loaded view: it shows once its chunk is here.
    const send = (await screen.findByRole('button', { name: 'Send rating' })) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: '4 of 5' }));
    expect(screen.getByRole('radio', { name: '4 of 5' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.input(screen.getByLabelText('Anything to add? (optional)'), { target: { value: '  Fast, thanks  ' } });
    fireEvent.click(send);

    const request = client.pending('csat:submit')[0]!;
    expect(request.payload).toEqual({ conversationId, rating: 4, comment: 'Fast, thanks' });
    await client.answer('csat:submit', null);
    expect(screen.getByText('Thank you for your feedback!')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send rating' })).toBeNull();
  });

  it('says when the rating was not sent, lets the visitor retry, and reports what the visitor has read', async () => {
    mounted = await mountWidget({ open: true });
    const { client } = mounted;
    const first = message({ seq: 0, author: 'agent', authorName: 'Ada', text: 'Hello' });
    await client.connectAndSync([first]);
    expect(client.notified).toContainEqual({ event: 'conversation:read', payload: { seq: 0 } });

    client.push('closed', first.conversationId);
    fireEvent.click(screen.getByRole('radio', { name: '1 of 5' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    await act(async () => client.take('csat:submit').reject(new Error('offline')));
    expect(screen.getByRole('alert').textContent).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(client.pending('csat:submit')).toHaveLength(1);
  });

  it('marks the visitor’s last message read by an agent', async () => {
    mounted = await mountWidget({ open: true });
    const { client } = mounted;
    await client.connectAndSync([message({ seq: 0, author: 'visitor', authorName: null, text: 'Is it waterproof?' })]);
    expect(screen.queryByText('Read')).toBeNull();
    client.push('read', 0);
    expect(screen.getByText('Read')).toBeTruthy();
  });
});
