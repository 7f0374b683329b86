// The conversation page this server hosts for sites without a resume page of their own.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VISITOR_NAMESPACE } from '../../shared/contract/constants';
import { routes } from '../../shared/contract/routes';
import { RESUME_PARAM } from '../../shared/contract/constants';
import { resumeCatalogs } from '../../shared/i18n/catalogs/resume';
import { conversations } from '../../server/data';
import { call } from '../helpers/rest';
import { clientId, connected, joinAsVisitor, request, signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let link: string;

beforeAll(async () => {
  server = await startTestServer();
  const { socket } = await joinAsVisitor(server);
  const sent = await request<{ message: { conversationId: string } }>(socket, 'message:send', { clientId: clientId(), text: 'Hello' });
  socket.close();
  if (!sent.ok) throw new Error(sent.error.code);
  const conversation = await conversations.byId(sent.data.message.conversationId);
  if (!conversation) throw new Error('no conversation');
  link = await server.resumeLinks.link(conversation, Date.now());
});
afterAll(async () => {
  await server?.close();
});

const get = (url: string, language = 'en') => fetch(url, { headers: { 'accept-language': language } });

it("embeds the site's widget in the visitor's language, and spends nothing (the widget's handshake does)", async () => {
  for (let i = 0; i < 2; i++) {
    const res = await get(link, 'cs-CZ,cs;q=0.9');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = await res.text();
    expect(page).toContain(`<script src="/widget.js" data-site="${server.demoSiteKey}" async></script>`);
    expect(page).toContain('<html lang="cs" dir="ltr">');
    expect(page).toContain(resumeCatalogs.cs['resume.page'].replace('{site}', 'Demo Shop'));
  }
  expect((await (await get(link, 'fa')).text()).includes('<html lang="fa" dir="rtl">')).toBe(true);
});

it('answers a link this server did not sign, or none, with a page that explains it and embeds no widget', async () => {
  const token = new URL(link).searchParams.get(RESUME_PARAM) ?? '';
  const forged = new URL(link);
  forged.searchParams.set(RESUME_PARAM, `${token.slice(0, -3)}abc`);
  const bare = new URL(link);
  bare.search = '';
  for (const url of [forged.toString(), bare.toString(), `${bare}?${RESUME_PARAM}=<script>`]) {
    const res = await get(url, 'ru');
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain(resumeCatalogs.ru['resume.invalid']);
    expect(page).not.toContain('widget.js');
    expect(page).not.toContain('<script>');
  }
});

it("works for a site that lets only its own shop embed the widget: the server's own pages may always use it", async () => {
  const cookie = await signIn(server);
  expect((await call(server, routes.settings.update, { cookie, body: { allowedOrigins: ['https://shop.example'] } })).status).toBe(200);
  const handshake = (origin: string) => {
    const socket = io(`${server.url}${VISITOR_NAMESPACE}`, {
      auth: { siteKey: server.demoSiteKey },
      transports: ['websocket'],
      forceNew: true,
      extraHeaders: { origin },
    });
    return connected(socket)
      .then(
        () => 'accepted',
        (err: { data?: { code?: string } }) => err.data?.code,
      )
      .finally(() => socket.close());
  };
  try {
    expect(await handshake(new URL(server.url).origin)).toBe('accepted');
    expect(await handshake('https://shop.example')).toBe('accepted');
    expect(await handshake('https://elsewhere.example')).toBe('origin_not_allowed');
  } finally {
    await call(server, routes.settings.update, { cookie, body: { allowedOrigins: [] } });
  }
});
