import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { message, minutesAgo, openConversationHandler, renderSignedIn, summary } from './console-harness';

afterEach(cleanup);

/** A name stored before names dropped bidi controls: unisolated, U+202E reverses the text after it. */
const OVERRIDING = '\u202EMallory';
const PERSIAN = 'مریم رضایی';

/** Every text node holding `name` sits in a `<bdi>` holding nothing but the name. */
function expectIsolated(name: string, atLeast: number): void {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let found = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.includes(name)) continue;
    found += 1;
    const bdi = node.parentElement?.closest('bdi');
    expect(bdi?.textContent, `"${node.parentElement?.outerHTML}" is not isolated`).toBe(name);
  }
  expect(found).toBeGreaterThanOrEqual(atLeast);
}

describe('names in the console', () => {
  it('isolates visitor names in the inbox, the header, messages, alerts and offers', async () => {
    const overriding = summary(1, { visitorName: OVERRIDING, waitingSince: minutesAgo(6) });
    const persian = summary(2, { visitorName: PERSIAN });
    const { connection } = await renderSignedIn({
      'conversations:list': () => ({ conversations: [overriding, persian] }),
      'conversation:open': openConversationHandler({
        [overriding.id]: { summary: overriding, messages: [message(overriding.id, { text: 'Hello?' })] },
      }),
    });
    await screen.findByText(PERSIAN);
    expectIsolated(PERSIAN, 1);

    fireEvent.click(screen.getByRole('button', { name: /Mallory/ }));
    await screen.findByText('Hello?');
    connection.push('conversation:waiting-alert', { conversationId: overriding.id, visitorName: OVERRIDING, waitingSeconds: 360 });
    connection.push('escalation:offer', { conversation: overriding, expiresAt: null });
    // The inbox item, the header, the message's author, the alert and the offer.
    expectIsolated(OVERRIDING, 5);
    expect(screen.getByRole('alert').textContent).toContain('has been waiting 6 min for a reply.');
  });

  it('isolates agent names on messages', async () => {
    const conv = summary(3);
    await renderSignedIn({
      'conversations:list': () => ({ conversations: [conv] }),
      'conversation:open': openConversationHandler({
        [conv.id]: { summary: conv, messages: [message(conv.id, { author: 'agent', authorName: PERSIAN, text: 'سلام' })] },
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: /Visitor 3/ }));
    await screen.findByText('سلام');
    expectIsolated(PERSIAN, 1);
  });
});
