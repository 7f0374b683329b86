import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary, Message } from '../../shared/contract';
import {
  clientId,
  connectAgent,
  connectVisitor,
  connected,
  nextEvent,
  request,
  signIn,
  startTestServer,
  type TestServer,
} from '../helpers/test-server';

let server: TestServer;
let cookie: string;
beforeAll(async () => {
  server = await startTestServer({ REPLY_ALERT_SECONDS: '1' });
  cookie = await signIn(server);
});
afterAll(async () => server?.close());

describe('reply-alert queue (bull)', () => {
  it('alerts every online agent when a visitor waits past the limit', async () => {
    const agents = [connectAgent(server, cookie), connectAgent(server, cookie)];
    await Promise.all(agents.map(connected));
    const visitor = connectVisitor(server);
    await connected(visitor);
    const alerts = agents.map((a) => nextEvent<{ conversationId: string; waitingSeconds: number }>(a, 'conversation:waiting-alert', 5000));
    const sent = await request<{ message: Message }>(visitor, 'message:send', { clientId: clientId(), text: 'Anyone there?' });
    if (!sent.ok) throw new Error('send failed');
    for (const alert of await Promise.all(alerts)) {
      expect(alert.conversationId).toBe(sent.data.message.conversationId);
      expect(alert.waitingSeconds).toBeGreaterThanOrEqual(1);
    }
    for (const agent of agents) agent.disconnect();
    visitor.disconnect();
  });

  it('stays silent when an agent replies in time', async () => {
    const agent = connectAgent(server, cookie);
    await connected(agent);
    const visitor = connectVisitor(server);
    await connected(visitor);
    const upsert = nextEvent<ConversationSummary>(agent, 'conversation:upsert');
    await request(visitor, 'message:send', { clientId: clientId(), text: 'Quick question' });
    const conversation = await upsert;
    const alerts: unknown[] = [];
    agent.on('conversation:waiting-alert', (a) => alerts.push(a));
    const replied = nextEvent<ConversationSummary>(agent, 'conversation:upsert');
    await request(agent, 'message:send', { conversationId: conversation.id, clientId: clientId(), text: 'Hi!' });
    expect((await replied).waitingSince).toBeNull();
    // A visitor who writes later and gets no reply is alerted about after this one's alert would have come.
    const unanswered = connectVisitor(server);
    await connected(unanswered);
    const laterAlert = nextEvent<{ conversationId: string }>(agent, 'conversation:waiting-alert', 5000);
    const sent = await request<{ message: Message }>(unanswered, 'message:send', { clientId: clientId(), text: 'Hello?' });
    if (!sent.ok) throw new Error('send failed');
    expect((await laterAlert).conversationId).toBe(sent.data.message.conversationId);
    expect(alerts).toEqual([expect.objectContaining({ conversationId: sent.data.message.conversationId })]);
    agent.disconnect();
    visitor.disconnect();
    unanswered.disconnect();
  });
});
