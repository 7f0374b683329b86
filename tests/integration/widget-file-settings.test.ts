// The widget learns what files the site takes from `visitor:sync` (SitePublicInfo.attachments): it
// offers the Attach button and checks sizes and types before sending with these (issue 17, item 1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ATTACHMENTS, routes } from '../../shared/contract';
import { call } from '../helpers/rest';
import { joinAsVisitor, signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer();
  cookie = await signIn(server);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('the site’s file settings in visitor:sync', () => {
  it('carries the defaults, then what the admin saved', async () => {
    const first = await joinAsVisitor(server);
    expect(first.session.site.attachments).toEqual(DEFAULT_ATTACHMENTS);
    first.socket.close();

    const settings = await call(server, routes.settings.get, { cookie });
    const saved = { kinds: ['pdf' as const], maxMegabytes: 3 };
    expect((await call(server, routes.settings.update, { cookie, body: { ...settings.body.settings, attachments: saved } })).status).toBe(
      200,
    );
    try {
      await expect
        .poll(async () => {
          const { socket, session } = await joinAsVisitor(server);
          socket.close();
          return session.site.attachments;
        })
        .toEqual(saved);
    } finally {
      await call(server, routes.settings.update, { cookie, body: { ...settings.body.settings } });
    }
  });
});
