// "Continue the conversation" links (server/resume): a link opens its conversation once, in a browser
// with no stored state, as that conversation's visitor; a used, expired, altered or foreign link is
// refused with its code and never opens anyone's conversation.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { ErrorCode } from '../../shared/contract';
import { routes } from '../../shared/contract/routes';
import { conversations, type Conversation } from '../../server/data';
import { systemClock } from '../../server/infra/clock';
import { ResumeExchange } from '../../server/resume/resume-exchange';
import { RESUME_PARAM } from '../../shared/contract/constants';
import { HOSTED_PAGE_PATH } from '../../server/resume/resume-links';
import { ResumeTokens } from '../../server/resume/resume-tokens';
import { call } from '../helpers/rest';
import {
  clientId,
  connectAgent,
  connected,
  connectVisitor,
  joinAsVisitor,
  request,
  signIn,
  startTestServer,
  type TestServer,
  type VisitorSession,
} from '../helpers/test-server';

let server: TestServer;
let other: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  // The same database and site, another secret: a server of another deployment.
  other = await startTestServer({}, undefined, server.dbName);
});
afterAll(async () => {
  await Promise.all([server?.close(), other?.close()]);
});

const DAY_MS = 24 * 3600 * 1000;

/** A visitor who wrote once: their conversation and their own widget token. */
async function visitorWithConversation(text: string): Promise<{ conversation: Conversation; session: VisitorSession }> {
  const { socket, session } = await joinAsVisitor(server);
  const sent = await request<{ message: { conversationId: string } }>(socket, 'message:send', { clientId: clientId(), text });
  socket.close();
  if (!sent.ok) throw new Error(sent.error.code);
  const conversation = await conversations.byId(sent.data.message.conversationId);
  if (!conversation) throw new Error('no conversation');
  return { conversation, session };
}

function tokenOf(link: string): string {
  const token = new URL(link).searchParams.get(RESUME_PARAM);
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

/** Opens the widget's socket with a link's token, as a browser with (or without) a stored visitor token does. */
async function resume(token: string, stored?: string): Promise<VisitorSession> {
  const { socket, session } = await joinAsVisitor(server, { resume: token, ...(stored && { token: stored }) } as { token?: string });
  socket.close();
  return session;
}

/** The code a refused link's handshake answers. */
async function refusal(target: TestServer, token: string, stored?: string): Promise<ErrorCode> {
  const socket = connectVisitor(target, { resume: token, ...(stored && { token: stored }) } as { token?: string });
  try {
    await connected(socket);
    throw new Error('the handshake was accepted');
  } catch (err) {
    return (err as { data?: { code: ErrorCode } }).data?.code ?? (String(err) as ErrorCode);
  } finally {
    socket.close();
  }
}

describe('a valid link', () => {
  it("opens its conversation in a fresh browser as the conversation's visitor, and the token it gives keeps doing so", async () => {
    const { conversation, session: own } = await visitorWithConversation('Do you ship to Brno?');
    const link = await server.resumeLinks.link(conversation, Date.now());
    expect(link.startsWith(`${server.url}${HOSTED_PAGE_PATH}?${RESUME_PARAM}=`)).toBe(true);

    const resumed = await resume(tokenOf(link));
    expect(resumed.visitorId).toBe(own.visitorId);
    expect(resumed.conversationId).toBe(conversation._id.toHexString());
    expect(resumed.messages.map((m) => m.text)).toEqual(['Do you ship to Brno?']);

    // The widget stores the synced token: later page loads are that visitor without any link.
    const again = await joinAsVisitor(server, { token: resumed.token });
    expect(again.session.visitorId).toBe(own.visitorId);
    const reply = await request(again.socket, 'message:send', { clientId: clientId(), text: 'Thanks, following up here.' });
    expect(reply.ok).toBe(true);
    again.socket.close();
  });

  it("replaces the identity a browser had before (another visitor's) and opens the link's visitor, not the browser's", async () => {
    const { conversation, session: owner } = await visitorWithConversation('Is the blue one in stock?');
    const { session: stranger } = await visitorWithConversation('Something else entirely');
    const resumed = await resume(tokenOf(await server.resumeLinks.link(conversation, Date.now())), stranger.token);
    expect(resumed.visitorId).toBe(owner.visitorId);
    expect(resumed.messages.map((m) => m.text)).toEqual(['Is the blue one in stock?']);
  });
});

describe('a conversation closed before its link is opened', () => {
  it('shows that conversation, its reply included, and what the visitor writes there starts a new one linked to it', async () => {
    const { conversation } = await visitorWithConversation('Can I return opened socks?');
    const conversationId = conversation._id.toHexString();
    const agent = connectAgent(server, await signIn(server));
    await connected(agent);
    expect((await request(agent, 'conversation:open', { conversationId })).ok).toBe(true);
    expect((await request(agent, 'message:send', { conversationId, clientId: clientId(), text: 'Unworn, yes.' })).ok).toBe(true);
    expect((await request(agent, 'conversation:close', { conversationId, reason: 'resolved' })).ok).toBe(true);
    agent.close();

    const link = await server.resumeLinks.link(conversation, Date.now());
    const { socket, session } = await joinAsVisitor(server, { resume: tokenOf(link) } as { token?: string });
    expect(session.conversationId).toBe(conversationId);
    expect(session.messages.map((m) => m.text)).toEqual(expect.arrayContaining(['Can I return opened socks?', 'Unworn, yes.']));
    const followUp = await request<{ message: { conversationId: string } }>(socket, 'message:send', {
      clientId: clientId(),
      text: 'Even if the label is cut?',
      conversationId,
    });
    socket.close();
    expect(followUp.ok).toBe(true);
    const next = followUp.ok ? await conversations.byId(followUp.data.message.conversationId) : null;
    expect(next?._id.toHexString()).not.toBe(conversationId);
    expect(next?.previousConversationId?.toHexString()).toBe(conversationId);

    // Later page loads (no link) show what is open now, as usual.
    const again = await joinAsVisitor(server, { token: session.token });
    again.socket.close();
    expect(again.session.conversationId).toBe(next?._id.toHexString());
  });
});

describe('a link is refused with its code', () => {
  it('once used: resume_used in any other browser, while the browser it opened in keeps opening it', async () => {
    const { conversation } = await visitorWithConversation('Used link');
    const token = tokenOf(await server.resumeLinks.link(conversation, Date.now()));
    const first = await resume(token);
    expect(await refusal(server, token)).toBe('resume_used');
    const { session: someoneElse } = await visitorWithConversation('Another visitor');
    expect(await refusal(server, token, someoneElse.token)).toBe('resume_used');
    // The browser that used it already is that visitor: the link opens there again.
    expect((await resume(token, first.token)).conversationId).toBe(conversation._id.toHexString());
  });

  it('past its lifetime: resume_expired (RESUME_LINK_TTL_HOURS, 168 by default)', async () => {
    const { conversation } = await visitorWithConversation('Expired link');
    const signedAt = Date.now() - 7 * DAY_MS - 60_000;
    expect(await refusal(server, tokenOf(await server.resumeLinks.link(conversation, signedAt)))).toBe('resume_expired');
    const stillValid = Date.now() - 7 * DAY_MS + 3_600_000;
    expect((await resume(tokenOf(await server.resumeLinks.link(conversation, stillValid)))).conversationId).toBe(
      conversation._id.toHexString(),
    );
  });

  it('altered: resume_invalid, whether the signature, the payload (another conversation) or the whole token is changed', async () => {
    const { conversation } = await visitorWithConversation('Altered link');
    const { conversation: target } = await visitorWithConversation('Someone else’s conversation');
    const token = tokenOf(await server.resumeLinks.link(conversation, Date.now()));
    const [header, payload, signature] = token.split('.') as [string, string, string];

    const flipped = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const rescoped = Buffer.from(JSON.stringify({ ...claims, sub: target._id.toHexString() })).toString('base64url');
    for (const altered of [flipped, `${header}.${rescoped}.${signature}`, 'not-a-token', token.slice(0, 40)]) {
      expect(await refusal(server, altered)).toBe('resume_invalid');
    }
    // Untouched, it still opens (nothing above spent it).
    expect((await resume(token)).conversationId).toBe(conversation._id.toHexString());
  });

  it('signed by another deployment (another secret): resume_invalid', async () => {
    const { conversation } = await visitorWithConversation('Foreign link');
    const token = tokenOf(await server.resumeLinks.link(conversation, Date.now()));
    expect(await refusal(other, token)).toBe('resume_invalid');
  });

  it('scoped to a conversation its visitor does not own (signed with the right secret): resume_invalid, nothing spent', async () => {
    const secret = 'a-secret-of-this-test-only-0123456789abcdef';
    const tokens = new ResumeTokens(secret, 3600);
    const redis = new Redis(inject('redisUrl'), { keyPrefix: `${server.dbName}:` });
    const exchange = new ResumeExchange(tokens, redis, systemClock);
    try {
      const { conversation: mine, session: me } = await visitorWithConversation('Mine');
      const { conversation: theirs, session: them } = await visitorWithConversation('Theirs');
      const siteId = mine.siteId.toHexString();
      const sign = (conversationId: string, visitorId: string, site = siteId) =>
        tokens.sign({ siteId: site, conversationId, visitorId }, Date.now());
      const refused = (token: Promise<string>, site = siteId) =>
        token
          .then((t) => exchange.exchange(t, site, null))
          .then(
            () => 'accepted',
            (err: { code: string }) => err.code,
          );

      expect(await refused(sign(theirs._id.toHexString(), me.visitorId))).toBe('resume_invalid');
      expect(await refused(sign(mine._id.toHexString(), them.visitorId))).toBe('resume_invalid');
      expect(await refused(sign(mine._id.toHexString(), me.visitorId, '0123456789abcdef01234567'))).toBe('resume_invalid');
      expect(await refused(sign(mine._id.toHexString(), me.visitorId), '0123456789abcdef01234567')).toBe('resume_invalid');
      expect(await refused(sign('0123456789abcdef01234567', me.visitorId))).toBe('resume_invalid');
      expect(await refused(sign(mine._id.toHexString(), me.visitorId))).toBe('accepted');
    } finally {
      redis.disconnect();
    }
  });

  it('a refused link never changes who the browser is: without the link it connects as its own visitor', async () => {
    const { session: own } = await visitorWithConversation('My own question');
    expect(await refusal(server, 'forged.token.value', own.token)).toBe('resume_invalid');
    const { socket, session } = await joinAsVisitor(server, { token: own.token });
    socket.close();
    expect(session.visitorId).toBe(own.visitorId);
    expect(session.messages.map((m) => m.text)).toEqual(['My own question']);
  });
});

it("leads to the site's own resume page when the admin sets one (http or https only), keeping its query", async () => {
  const cookie = await signIn(server);
  const refused = await call(server, routes.settings.update, { cookie, body: { resumePageUrl: 'javascript:alert(1)' } });
  expect(refused.status).toBe(400);
  const saved = await call(server, routes.settings.update, { cookie, body: { resumePageUrl: 'https://shop.example/support?from=mail' } });
  expect(saved.status).toBe(200);
  expect(saved.body.settings.resumePageUrl).toBe('https://shop.example/support?from=mail');
  try {
    const { conversation } = await visitorWithConversation('Link to the shop');
    // The site directory caches a site for a few seconds.
    await expect
      .poll(async () => (await server.resumeLinks.link(conversation, Date.now())).split('&')[0])
      .toBe('https://shop.example/support?from=mail');
    const link = new URL(await server.resumeLinks.link(conversation, Date.now()));
    expect(link.searchParams.get('from')).toBe('mail');
    expect((await resume(tokenOf(link.toString()))).conversationId).toBe(conversation._id.toHexString());
  } finally {
    await call(server, routes.settings.update, { cookie, body: { resumePageUrl: null } });
  }
});
