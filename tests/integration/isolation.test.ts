import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/contract';
import {
  clientId,
  connectAgent,
  connectVisitor,
  connected,
  nextEvent,
  request,
  joinAsVisitor,
  startTestServer,
  type TestServer,
  type VisitorSession,
} from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe('isolation and access control', () => {
  it('never shows one visitor the conversation of another', async () => {
    const alice = connectVisitor(server);
    await connected(alice);
    await request(alice, 'visitor:sync', {});
    const sent = await request<{ message: Message }>(alice, 'message:send', { clientId: clientId(), text: 'my address is secret' });
    if (!sent.ok) throw new Error('send failed');

    const mallory = connectVisitor(server);
    await connected(mallory);
    const leaked: Message[] = [];
    mallory.on('message:new', (m: Message) => leaked.push(m));
    const sync = await request<VisitorSession>(mallory, 'visitor:sync', { afterSeq: -1 });
    expect(sync.ok && sync.data.conversationId).toBe(null);
    expect(sync.ok && sync.data.messages).toEqual([]);

    // Agent-only events do not exist on the visitor namespace.
    const open = await request(mallory, 'conversation:open', { conversationId: sent.data.message.conversationId });
    expect(open).toMatchObject({ ok: false, error: { code: 'unknown_event' } });

    await request(alice, 'message:send', { clientId: clientId(), text: 'still secret' });
    // Mallory's own message is pushed to her after anything pushed before it.
    const own = nextEvent<Message>(mallory, 'message:new');
    await request(mallory, 'message:send', { clientId: clientId(), text: 'hello' });
    expect((await own).text).toBe('hello');
    expect(leaked.map((m) => m.text)).toEqual(['hello']);
    alice.disconnect();
    mallory.disconnect();
  });

  it('treats a forged visitor token as a new visitor', async () => {
    const { socket: alice, session } = await joinAsVisitor(server);
    const [header, payload] = session.token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    const mallory = connectVisitor(server, { token: forged });
    await connected(mallory);
    const malSync = await request<VisitorSession>(mallory, 'visitor:sync', {});
    expect(malSync.ok && malSync.data.visitorId).not.toBe(session.visitorId);
    alice.disconnect();
    mallory.disconnect();
  });

  it('refuses an unknown site key with a code', async () => {
    const socket = connectVisitor(server, { siteKey: 'pk_does_not_exist' });
    await expect(connected(socket)).rejects.toMatchObject({ data: { code: 'site_unknown' } });
    socket.disconnect();
  });

  it('refuses /agent without a session and with a bogus one', async () => {
    for (const cookie of [undefined, 'lc_session=not-a-real-session']) {
      const socket = connectAgent(server, cookie);
      await expect(connected(socket)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
      socket.disconnect();
    }
  });
});
