import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientId,
  connectAgent,
  connectVisitor,
  connected,
  request,
  signIn,
  startTestServer,
  type TestServer,
} from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  // Sends many bad payloads in a row from one visitor: this file is about validation, not rate limits.
  server = await startTestServer({ RATE_LIMIT_PER_SENDER: '0' });
});
afterAll(async () => server?.close());

describe('invalid input', () => {
  it('rejects malformed visitor payloads with invalid_payload and stays up', async () => {
    const visitor = connectVisitor(server);
    await connected(visitor);
    const bad: unknown[] = [
      undefined,
      'just a string',
      42,
      [],
      { text: 'no client id' },
      { clientId: clientId() },
      { clientId: clientId(), text: '   ' },
      { clientId: clientId(), text: 'x'.repeat(5001) },
      { clientId: 'short', text: 'hi' },
      { clientId: clientId(), text: { $gt: '' } },
      { clientId: { $ne: null }, text: 'hi' },
    ];
    for (const payload of bad) {
      const ack = await request(visitor, 'message:send', payload);
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      expect(ack.ok === false && ack.error.message.length).toBeGreaterThan(10);
    }
    expect(await request(visitor, 'typing:set', { typing: 'yes' })).toMatchObject({ error: { code: 'invalid_payload' } });
    expect(await request(visitor, 'visitor:sync', { afterSeq: 'all' })).toMatchObject({ error: { code: 'invalid_payload' } });
    expect(await request(visitor, 'no:such:event', {})).toMatchObject({ error: { code: 'unknown_event' } });
    expect((await request(visitor, 'message:send', { clientId: clientId(), text: 'still works' })).ok).toBe(true);
    visitor.disconnect();
  });

  it('rejects malformed agent payloads and foreign conversation ids', async () => {
    const agent = connectAgent(server, await signIn(server));
    await connected(agent);
    expect(await request(agent, 'conversation:open', { conversationId: { $gt: '' } })).toMatchObject({
      error: { code: 'invalid_payload' },
    });
    expect(await request(agent, 'conversation:open', { conversationId: 'f'.repeat(24) })).toMatchObject({ error: { code: 'not_found' } });
    expect(await request(agent, 'message:send', { conversationId: 'f'.repeat(24), clientId: clientId(), text: 'hi' })).toMatchObject({
      error: { code: 'not_found' },
    });
    expect(await request(agent, 'conversations:list', { status: 'everything' })).toMatchObject({ error: { code: 'invalid_payload' } });
    agent.disconnect();
  });

  it('answers REST errors with a code', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': type }, body });
    const malformed = await post('{not json');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'invalid_payload' } });
    const injected = await post(JSON.stringify({ email: { $gt: '' }, password: { $gt: '' } }));
    expect(injected.status).toBe(400);
    expect(await injected.json()).toMatchObject({ error: { code: 'invalid_payload' } });
    const huge = await post(JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(100_000) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const missing = await fetch(`${server.url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
