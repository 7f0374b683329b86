import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../shared/contract/routes';
import { call } from '../helpers/rest';
import { reply, visitorWithEmail } from '../helpers/mail';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp';
import {
  type AgentSocket,
  connectAgent,
  connected,
  joinAsVisitor,
  request,
  signIn,
  startTestServer,
  type TestServer,
} from '../helpers/test-server';

let smtp: SmtpReceiver;
let server: TestServer;
let cookie: string;
let agent: AgentSocket;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  server = await startTestServer({ SMTP_URL: smtp.url, REPLY_EMAIL_DELAY_SECONDS: '600' });
  cookie = await signIn(server);
  agent = connectAgent(server, cookie);
  await connected(agent);
});
afterAll(async () => {
  agent?.disconnect();
  await server?.close();
  await smtp?.close();
});

describe('transcripts by email', () => {
  it('mails the whole conversation when the visitor asks for it', async () => {
    const visitor = await visitorWithEmail(server);
    await reply(agent, visitor.conversationId, 'Yes, to Reykjavik in 4 days.');
    const asked = await request<{ email: string }>(visitor.socket, 'transcript:request', {});
    expect(asked).toEqual({ ok: true, data: { email: visitor.email } });
    await expect.poll(() => smtp.to(visitor.email).length).toBe(1);
    const { parsed } = smtp.to(visitor.email)[0]!;
    expect(parsed.subject).toBe('Your conversation with Demo Shop');
    expect(parsed.text).toContain('Do you ship to Iceland?');
    expect(parsed.text).toContain('Yes, to Reykjavik in 4 days.');
    expect(parsed.html).toContain('Yes, to Reykjavik in 4 days.');
    // Asking again at once sends no second mail.
    const again = await request(visitor.socket, 'transcript:request', { conversationId: visitor.conversationId });
    expect(again.ok ? null : again.error.code).toBe('rate_limited');
    visitor.socket.disconnect();
  });

  it("speaks the visitor's browser language where the site offers it", async () => {
    const visitor = await visitorWithEmail(server, { languages: 'ro-RO,ro;q=0.9,en;q=0.5' });
    await reply(agent, visitor.conversationId, 'Da, livrăm în Islanda.');
    await request(visitor.socket, 'transcript:request', {});
    await expect.poll(() => smtp.to(visitor.email).length).toBe(1);
    const { parsed } = smtp.to(visitor.email)[0]!;
    expect(parsed.subject).toBe('Conversația dumneavoastră cu Demo Shop');
    expect(parsed.html).toContain('<html lang="ro" dir="ltr">');
    visitor.socket.disconnect();
  });

  it('asks for an address first when the visitor has none', async () => {
    const { socket } = await joinAsVisitor(server);
    const asked = await request(socket, 'transcript:request', {});
    expect(asked.ok ? null : asked.error.code).toBe('invalid_payload');
    socket.disconnect();
  });

  it("mails a transcript when a conversation closes, when the site's setting says so", async () => {
    const quiet = await visitorWithEmail(server);
    await request(agent, 'conversation:close', { conversationId: quiet.conversationId, reason: 'resolved' });

    const on = await call(server, routes.settings.update, { cookie, body: { mail: { replyDelaySeconds: null, transcriptOnClose: true } } });
    expect(on.body.settings.mail).toEqual({ replyDelaySeconds: null, transcriptOnClose: true });
    const visitor = await visitorWithEmail(server);
    await reply(agent, visitor.conversationId, 'Done: your order ships tomorrow.');
    const closed = await request(agent, 'conversation:close', { conversationId: visitor.conversationId, reason: 'resolved' });
    expect(closed.ok).toBe(true);
    await expect.poll(() => smtp.to(visitor.email).length).toBe(1);
    expect(smtp.to(visitor.email)[0]!.parsed.text).toContain('Done: your order ships tomorrow.');
    // The conversation closed before the setting was on got none.
    expect(smtp.to(quiet.email)).toHaveLength(0);
  });
});
