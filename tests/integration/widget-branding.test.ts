// Issue 17: a site's branding, set in the console's settings, reaches the widget in `visitor:sync`
// with its colour made readable under white text; a logo must be an https image.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_BRANDING } from '../../shared/contract';
import { routes } from '../../shared/contract/routes';
import { readableAccent } from '../../shared/sites/accent-contrast';
import { call } from '../helpers/rest';
import { joinAsVisitor, signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer();
  cookie = await signIn(server);
});
afterAll(async () => {
  await server?.close();
});

const visitorSees = async () => {
  const { socket, session } = await joinAsVisitor(server);
  socket.close();
  return session.site.branding;
};

it('a site that never set branding: the defaults, in settings and in the widget', async () => {
  const read = await call(server, routes.settings.get, { cookie });
  expect(read.body.settings.branding).toEqual(DEFAULT_BRANDING);
  expect(await visitorSees()).toEqual(DEFAULT_BRANDING);
});

it('saved branding applies at once; a colour too light for white text reaches the widget darkened, and settings keep the chosen one', async () => {
  const branding = { color: '#FFCC00', logoUrl: 'https://shop.example/logo.png', position: 'left' } as const;
  const saved = await call(server, routes.settings.update, { cookie, body: { branding } });
  expect(saved.status).toBe(200);
  expect(saved.body.settings.branding).toEqual(branding);
  expect(await visitorSees()).toEqual({ ...branding, color: readableAccent('#ffcc00') });
  expect(readableAccent('#ffcc00')).not.toBe('#ffcc00');
});

it('refuses a logo that is not an https image address, and keeps what was saved', async () => {
  const before = (await call(server, routes.settings.get, { cookie })).body.settings.branding;
  for (const logoUrl of ['http://shop.example/logo.png', 'javascript:alert(1)']) {
    const refused = await call(server, routes.settings.update, { cookie, body: { branding: { ...DEFAULT_BRANDING, logoUrl } } });
    expect(refused.status).toBe(400);
  }
  expect((await call(server, routes.settings.get, { cookie })).body.settings.branding).toEqual(before);
});
