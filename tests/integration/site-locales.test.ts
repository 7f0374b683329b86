import { afterAll, beforeAll, expect, it } from 'vitest';
import { joinAsVisitor, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { routes } from '../../shared/contract/routes';
import { call } from '../helpers/rest';

/** The widget learns the site's offered languages with every `visitor:sync`, as the admin sets them. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

it('tells the widget the offered languages and the default, changed without a restart', async () => {
  const before = await joinAsVisitor(server);
  before.socket.close();
  expect(before.session.site).toMatchObject({ locale: null, locales: ['en', 'ru', 'ro', 'fa', 'pl', 'cs'] });

  const cookie = await signIn(server);
  const saved = await call(server, routes.settings.update, { cookie, body: { locales: ['ro', 'en'], locale: 'ro' } });
  expect(saved.status).toBe(200);
  const after = await joinAsVisitor(server);
  after.socket.close();
  expect(after.session.site).toMatchObject({ locale: 'ro', locales: ['ro', 'en'] });
});
