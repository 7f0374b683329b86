import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  type AgentSocket,
  clientId,
  connectAgent,
  connected,
  joinAsVisitor,
  request,
  signIn,
  startTestServer,
  type TestServer,
} from '../helpers/test-server';
import { mailQueue, reply, visitorWithEmail } from '../helpers/mail';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp';

let smtp: SmtpReceiver;
let server: TestServer;
let agent: AgentSocket;
let queue: ReturnType<typeof mailQueue>;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'Demo shop <chat@shop.example>', REPLY_EMAIL_DELAY_SECONDS: '2' });
  agent = connectAgent(server, await signIn(server));
  await connected(agent);
  queue = mailQueue(server.dbName);
});
afterAll(async () => {
  agent?.disconnect();
  await queue?.close();
  await server?.close();
  await smtp?.close();
});

// Each test has a visitor, an address and a conversation of its own: they wait for their delays side by side.
describe.concurrent('replies by email', () => {
  it('sends nothing while a tab of the visitor is open, and mails the reply once the visitor has left', async ({ expect }) => {
    const visitor = await visitorWithEmail(server);
    await reply(agent, visitor.conversationId, 'Yes, we ship to Iceland.');
    // The reply's job ran while the tab was open, and sent nothing.
    await expect.poll(() => queue.outcomes(visitor.conversationId), { timeout: 10_000 }).toEqual(['present']);
    expect(smtp.to(visitor.email)).toHaveLength(0);

    const leftAt = Date.now();
    visitor.socket.disconnect();
    await expect.poll(() => smtp.to(visitor.email).length, { timeout: 10_000 }).toBe(1);
    const [mail] = smtp.to(visitor.email);
    expect(mail!.receivedAt).toBeGreaterThanOrEqual(leftAt);
    expect(mail!.parsed.text).toContain('Yes, we ship to Iceland.');
    // The link back into the conversation: a single-use resume link (server/resume).
    expect(mail!.parsed.text).toMatch(/Continue the conversation: http:\/\/127\.0\.0\.1:\d+\/conversation\?lc_resume=[\w.-]+/);
    expect(mail!.parsed.from?.value[0]).toMatchObject({ name: 'Demo shop', address: 'chat@shop.example' });
  });

  it('mails every reply of a quiet period in one mail, as plain text and HTML', async ({ expect }) => {
    const visitor = await visitorWithEmail(server);
    visitor.socket.disconnect();
    await reply(agent, visitor.conversationId, 'First: yes.');
    await reply(agent, visitor.conversationId, 'Second: shipping is 12 EUR.');
    await reply(agent, visitor.conversationId, 'Third: <b>it takes 5 days</b>.');
    await expect.poll(() => smtp.to(visitor.email).length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => queue.pending(visitor.conversationId), { timeout: 10_000 }).toBe(0);
    expect(smtp.to(visitor.email)).toHaveLength(1);
    const { parsed } = smtp.to(visitor.email)[0]!;
    expect(parsed.subject).toBe('New reply from Demo Shop');
    for (const text of ['First: yes.', 'Second: shipping is 12 EUR.', 'Third: <b>it takes 5 days</b>.', 'Do you ship to Iceland?']) {
      expect(parsed.text).toContain(text);
    }
    // Agent text is text in the HTML part too.
    expect(parsed.html).toContain('Third: &lt;b&gt;it takes 5 days&lt;/b&gt;.');

    // The next quiet period carries only what came after.
    await reply(agent, visitor.conversationId, 'Fourth: anything else?');
    await expect.poll(() => smtp.to(visitor.email).length, { timeout: 10_000 }).toBe(2);
    const second = smtp.to(visitor.email)[1]!.parsed;
    expect(second.subject).toBe('New reply from Demo Shop');
    expect(second.text?.split('— Latest messages')[0]).toContain('Fourth: anything else?');
    expect(second.text?.split('— Latest messages')[0]).not.toContain('First: yes.');
  });

  it("mails the address the widget's email step stored", async ({ expect }) => {
    const { socket } = await joinAsVisitor(server);
    await request(socket, 'message:send', { clientId: clientId(), text: 'Is the blue one in stock?' });
    const email = 'widget-step@example.com';
    expect(await request(socket, 'visitor:contact', { email })).toEqual({ ok: true, data: { email } });
    const synced = await request<{ conversationId: string }>(socket, 'visitor:sync', { afterSeq: -1 });
    if (!synced.ok) throw new Error(synced.error.code);
    const { conversationId } = synced.data;
    socket.disconnect();
    await reply(agent, conversationId, 'Yes, 3 left.');
    await expect.poll(() => smtp.to(email).length, { timeout: 10_000 }).toBe(1);
    expect(smtp.to(email)[0]!.parsed.text).toContain('Yes, 3 left.');
  });

  it('unsubscribes through the link and the one-click header; no mail follows', async ({ expect }) => {
    const visitor = await visitorWithEmail(server);
    visitor.socket.disconnect();
    await reply(agent, visitor.conversationId, 'Here is your answer.');
    await expect.poll(() => smtp.to(visitor.email).length, { timeout: 10_000 }).toBe(1);
    const { parsed } = smtp.to(visitor.email)[0]!;
    const header = parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    const link = /<(http[^>]+)>/.exec(header)?.[1];
    expect(link).toBeDefined();
    expect(parsed.text).toContain(link);
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );

    // The link asks first (a mail scanner that opens it unsubscribes nobody) …
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    // In the language of the browser that opens it (right to left for Persian).
    const persian = await (await fetch(link!, { headers: { 'accept-language': 'fa-IR,fa;q=0.9' } })).text();
    expect(persian).toContain('<html lang="fa" dir="rtl">');
    expect(persian).toContain('لغو اشتراک');
    // … and a tampered token is refused.
    expect((await fetch(`${link!.slice(0, -2)}xx`, { method: 'POST' })).status).toBe(400);
    // The one-click POST of a mail client (RFC 8058).
    const oneClick = await fetch(link!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('You are unsubscribed');

    await reply(agent, visitor.conversationId, 'One more thing.');
    await expect.poll(() => queue.outcomes(visitor.conversationId), { timeout: 10_000 }).toEqual(['sent', 'no-address']);
    expect(smtp.to(visitor.email)).toHaveLength(1);
  });
});
