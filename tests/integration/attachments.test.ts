// Files in conversations (issue 17, item 1, server side): limits, type read from the bytes, images
// cleaned of EXIF, who may fetch a file, and the bytes coming back as sent.
import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Message, routes, type VisitorUploadResponse } from '../../shared/contract';
import { call } from '../helpers/rest';
import { secondTenant } from '../helpers/security';
import { clientId, joinAsVisitor, nextEvent, request, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { agentSocket } from '../helpers/workplace';

let server: TestServer;
let cookie: string;
let otherSite: Awaited<ReturnType<typeof secondTenant>>;
const sockets: Array<{ close(): unknown }> = [];

/** A visitor of the demo site with an open conversation: their token and conversation id. */
async function visitorInConversation() {
  const { socket, session } = await joinAsVisitor(server);
  sockets.push(socket);
  const sent = await request<{ message: Message }>(socket, 'message:send', { clientId: clientId(), text: 'Here is a file' });
  if (!sent.ok) throw new Error(sent.error.code);
  return { socket, token: session.token, conversationId: sent.data.message.conversationId };
}

function uploadAsVisitor(token: string, bytes: Buffer, name: string) {
  const query = new URLSearchParams({ name, clientId: clientId() });
  return fetch(`${server.url}/api/files/visitor?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: bytes,
  });
}

function uploadAsAgent(conversationId: string, bytes: Buffer, name: string, agentCookie = cookie) {
  const query = new URLSearchParams({ name, clientId: clientId() });
  return fetch(`${server.url}/api/files/conversations/${conversationId}?${query}`, {
    method: 'POST',
    headers: { cookie: agentCookie, 'content-type': 'application/octet-stream' },
    body: bytes,
  });
}

async function uploaded(res: Response): Promise<VisitorUploadResponse> {
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return (await res.json()) as VisitorUploadResponse;
}

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const png = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();

beforeAll(async () => {
  server = await startTestServer();
  cookie = await signIn(server);
  otherSite = await secondTenant(server);
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await otherSite?.db.close();
  await server?.close();
});

describe('limits', () => {
  it('refuses a file over the site limit with too_large, and stores nothing', async () => {
    const { socket, token } = await visitorInConversation();
    const res = await uploadAsVisitor(token, Buffer.alloc(10_000_001, 'a'), 'big.txt');
    expect([res.status, await errorCode(res)]).toEqual([413, 'too_large']);
    const history = await request<{ messages: Message[] }>(socket, 'visitor:sync', { afterSeq: -1 });
    expect(history.ok && history.data.messages.map((m) => m.text)).toEqual(['Here is a file']);
  });

  it('applies a lowered limit and the allowed kinds of the site settings', async () => {
    const settings = await call(server, routes.settings.get, { cookie });
    const update = await call(server, routes.settings.update, {
      cookie,
      body: { ...settings.body.settings, attachments: { kinds: ['images'], maxMegabytes: 1 } },
    });
    expect(update.status).toBe(200);
    try {
      const { token } = await visitorInConversation();
      const tooBig = await uploadAsVisitor(token, Buffer.alloc(1_000_001, 'a'), 'notes.txt');
      expect([tooBig.status, await errorCode(tooBig)]).toEqual([413, 'too_large']);
      const text = await uploadAsVisitor(token, Buffer.from('just words'), 'notes.txt');
      expect([text.status, await errorCode(text)]).toEqual([415, 'type_refused']);
      expect((await uploadAsVisitor(token, await png(), 'ok.png')).status).toBe(201);
    } finally {
      await call(server, routes.settings.update, { cookie, body: { ...settings.body.settings } });
    }
  });

  it('refuses settings outside the schema', async () => {
    const settings = await call(server, routes.settings.get, { cookie });
    for (const attachments of [
      { kinds: ['exe'], maxMegabytes: 10 },
      { kinds: ['pdf'], maxMegabytes: 500 },
    ]) {
      const res = await call(server, routes.settings.update, { cookie, body: { ...settings.body.settings, attachments } as never });
      expect(res.status).toBe(400);
    }
  });
});

describe('type read from the bytes', () => {
  it('refuses HTML named .png and an SVG carrying a script', async () => {
    const { token, conversationId } = await visitorInConversation();
    const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><circle r="4"/></svg>');
    for (const [bytes, name] of [
      [html, 'photo.png'],
      [svg, 'logo.svg'],
      [svg, 'logo.png'],
    ] as const) {
      const byVisitor = await uploadAsVisitor(token, bytes, name);
      expect([name, byVisitor.status, await errorCode(byVisitor)]).toEqual([name, 415, 'type_refused']);
      const byAgent = await uploadAsAgent(conversationId, bytes, name);
      expect([name, byAgent.status, await errorCode(byAgent)]).toEqual([name, 415, 'type_refused']);
    }
  });

  it('stores a PNG named .txt as an image, and text named .png as a text download, never inline', async () => {
    const { token } = await visitorInConversation();
    const image = await uploaded(await uploadAsVisitor(token, await png(), 'notes.txt'));
    expect(image.message.attachment).toMatchObject({ type: 'image/png', name: 'notes.txt.png', width: 64, height: 48 });
    const text = await uploaded(await uploadAsVisitor(token, Buffer.from('order 1234, size M'), 'photo.png'));
    expect(text.message.attachment).toMatchObject({ type: 'text/plain', name: 'photo.png.txt' });
    const res = await fetch(text.links.url);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('images', () => {
  it('removes EXIF (GPS) from a JPEG and makes a thumbnail', async () => {
    const { token } = await visitorInConversation();
    const withGps = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#cc6633' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'LeakyCam' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
      })
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const { message, links } = await uploaded(await uploadAsVisitor(token, withGps, 'holiday.jpg'));
    expect(message.attachment).toMatchObject({ type: 'image/jpeg', width: 800, height: 600 });
    const res = await fetch(links.url);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('content-disposition')).toMatch(/^inline;/);
    const served = Buffer.from(await res.arrayBuffer());
    expect((await sharp(served).metadata()).exif).toBeUndefined();
    expect(served.includes('LeakyCam')).toBe(false);
    expect(served.includes('GPS')).toBe(false);
    const thumbnail = await fetch(links.thumbnailUrl!);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    const preview = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect([preview.width, preview.height]).toEqual([320, 240]);
  });
});

describe('delivery and bytes', () => {
  it('delivers a visitor file to the agent in the conversation, who downloads the same bytes', async () => {
    const { token, conversationId } = await visitorInConversation();
    const agent = await agentSocket(server, cookie, sockets);
    const opened = await request(agent, 'conversation:open', { conversationId });
    expect(opened.ok).toBe(true);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(300_000), Buffer.from('\n%%EOF\n')]);
    const seen = nextEvent<Message>(agent, 'message:new');
    const { message } = await uploaded(await uploadAsVisitor(token, pdf, 'invoice.pdf'));
    expect((await seen).attachment).toEqual(message.attachment);
    const res = await fetch(`${server.url}/api/files/${message.attachment!.id}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(sha256(new Uint8Array(await res.arrayBuffer()))).toBe(sha256(pdf));
  });

  it('delivers an agent file to the visitor, who fetches it through a fresh signed link', async () => {
    const { socket, token, conversationId } = await visitorInConversation();
    const seen = nextEvent<Message>(socket, 'message:new');
    const res = await uploadAsAgent(conversationId, Buffer.from('Return label: ABC-123\n'), 'label.txt');
    expect(res.status).toBe(201);
    const { message } = (await res.json()) as { message: Message };
    expect(message.author).toBe('agent');
    expect((await seen).attachment?.id).toBe(message.attachment!.id);
    const linked = await fetch(`${server.url}/api/files/visitor/${message.attachment!.id}/links`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { links } = (await linked.json()) as VisitorUploadResponse;
    expect(await (await fetch(links.url)).text()).toBe('Return label: ABC-123\n');
  });
});

describe('a file sent first', () => {
  it('starts the conversation, as a first message does, and reaches the agents; a refused one starts nothing', async () => {
    const { socket, session } = await joinAsVisitor(server);
    sockets.push(socket);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>');
    const refused = await uploadAsVisitor(session.token, svg, 'logo.svg');
    expect([refused.status, await errorCode(refused)]).toEqual([415, 'type_refused']);
    const before = await request<{ conversationId: string | null }>(socket, 'visitor:sync', { afterSeq: -1 });
    expect(before.ok && before.data.conversationId).toBeNull();

    const agent = await agentSocket(server, cookie, sockets);
    const arrived = nextEvent<{ id: string; lastMessage: { text: string } | null }>(agent, 'conversation:upsert', 10_000);
    const sent = await uploaded(await uploadAsVisitor(session.token, await png(), 'photo.png'));
    expect(sent.message.attachment).toMatchObject({ type: 'image/png' });
    expect((await arrived).id).toBe(sent.message.conversationId);
    const history = await request<{ conversationId: string; messages: Message[] }>(socket, 'visitor:sync', { afterSeq: -1 });
    expect(history.ok && [history.data.conversationId, history.data.messages.map((m) => m.id)]).toEqual([
      sent.message.conversationId,
      [sent.message.id],
    ]);
  });
});

describe('access', () => {
  it('refuses another site, another visitor, no session, and a tampered link', async () => {
    const { token } = await visitorInConversation();
    const { message, links } = await uploaded(await uploadAsVisitor(token, await png(), 'mine.png'));
    const fileId = message.attachment!.id;
    const direct = `${server.url}/api/files/${fileId}`;

    const otherAgent = await fetch(direct, { headers: { cookie: otherSite.adminCookie } });
    expect([otherAgent.status, await errorCode(otherAgent)]).toEqual([404, 'not_found']);
    const nobody = await fetch(direct);
    expect([nobody.status, await errorCode(nobody)]).toEqual([401, 'unauthorized']);

    const other = await visitorInConversation();
    const othersLinks = await fetch(`${server.url}/api/files/visitor/${fileId}/links`, {
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect([othersLinks.status, await errorCode(othersLinks)]).toEqual([404, 'not_found']);
    // Nor can another site's agent post into this site's conversation.
    const intrude = await uploadAsAgent(message.conversationId, Buffer.from('hello'), 'x.txt', otherSite.adminCookie);
    expect([intrude.status, await errorCode(intrude)]).toEqual([404, 'not_found']);

    const url = new URL(links.url);
    const sig = url.searchParams.get('sig')!;
    const exp = Number(url.searchParams.get('exp'));
    const tampered = [
      `${direct}?exp=${exp}&sig=${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`,
      `${direct}?exp=${exp + 86_400}&sig=${sig}`,
      `${server.url}/api/files/${message.attachment!.thumbnailId}?exp=${exp}&sig=${sig}`,
      `${direct}?exp=${exp}`,
    ];
    for (const address of tampered) {
      const res = await fetch(address);
      expect([address, res.status, await errorCode(res)]).toEqual([address, 403, 'forbidden']);
    }
    expect((await fetch(links.url)).status).toBe(200);
  });

  it('refuses an upload without a valid visitor token, and from an origin the site does not allow', async () => {
    const { token } = await visitorInConversation();
    expect((await uploadAsVisitor(`${token}x`, Buffer.from('hi'), 'a.txt')).status).toBe(401);
    // The widget on the shop's page asks first (a cross-origin request with Authorization).
    const preflight = await fetch(`${server.url}/api/files/visitor`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    const settings = await call(server, routes.settings.get, { cookie });
    await call(server, routes.settings.update, { cookie, body: { ...settings.body.settings, allowedOrigins: ['https://shop.example'] } });
    try {
      const query = new URLSearchParams({ name: 'a.txt', clientId: clientId() });
      const res = await fetch(`${server.url}/api/files/visitor?${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example', 'content-type': 'application/octet-stream' },
        body: 'hi',
      });
      expect([res.status, await errorCode(res)]).toEqual([403, 'origin_not_allowed']);
    } finally {
      await call(server, routes.settings.update, { cookie, body: { ...settings.body.settings } });
    }
  });
});

describe('retention', () => {
  it("deletes a conversation's files (and thumbnails) with the conversation", async () => {
    const { token, conversationId } = await visitorInConversation();
    const { message } = await uploaded(await uploadAsVisitor(token, await png(), 'gone.png'));
    const agent = await agentSocket(server, cookie, sockets);
    const closed = await request(agent, 'conversation:close', { conversationId, reason: 'resolved' });
    expect(closed.ok).toBe(true);
    const settings = await call(server, routes.settings.get, { cookie });
    await call(server, routes.settings.update, {
      cookie,
      body: { ...settings.body.settings, retention: { conversationDays: 1, visitorDays: null, analyticsDailyDays: 400 } },
    });
    try {
      const stored = () =>
        fetch(`${server.url}/api/files/${message.attachment!.thumbnailId}`, { headers: { cookie } }).then((r) => r.status);
      expect(await stored()).toBe(200);
      await server.retention.runOnce(new Date(Date.now() + 3 * 86_400_000));
      expect(await stored()).toBe(404);
      expect((await fetch(`${server.url}/api/files/${message.attachment!.id}`, { headers: { cookie } })).status).toBe(404);
    } finally {
      await call(server, routes.settings.update, { cookie, body: { ...settings.body.settings } });
    }
  });
});

describe('canned responses with a file', () => {
  it('an admin attaches a file to a canned response; an agent sends a copy of it into a conversation', async () => {
    const created = await call(server, routes.canned.create, {
      cookie,
      body: { shortcut: 'sizes', title: 'Size chart', text: 'Here is our size chart.' },
    });
    expect(created.status).toBe(201);
    const chart = await png(400, 300);
    const attached = await fetch(`${server.url}/api/files/canned/sizes?name=size-chart.png`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/octet-stream' },
      body: chart,
    });
    expect(attached.status).toBe(200);
    const { response } = (await attached.json()) as { response: { attachment?: Message['attachment'] } };
    expect(response.attachment).toMatchObject({ name: 'size-chart.png', type: 'image/png', width: 400, height: 300 });
    const listed = await call(server, routes.canned.list, { cookie });
    expect(listed.body.responses.find((r) => r.shortcut === 'sizes')?.attachment?.id).toBe(response.attachment!.id);

    const { socket, token, conversationId } = await visitorInConversation();
    const seen = nextEvent<Message>(socket, 'message:new');
    const sent = await fetch(`${server.url}/api/files/conversations/${conversationId}/canned/sizes?clientId=${clientId()}`, {
      method: 'POST',
      headers: { cookie },
    });
    expect(sent.status).toBe(201);
    const { message } = (await sent.json()) as { message: Message };
    expect(message).toMatchObject({ author: 'agent', text: 'size-chart.png' });
    expect(message.attachment!.id).not.toBe(response.attachment!.id);
    expect((await seen).attachment?.id).toBe(message.attachment!.id);
    const linked = await fetch(`${server.url}/api/files/visitor/${message.attachment!.id}/links`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { links } = (await linked.json()) as VisitorUploadResponse;
    const copy = await sharp(Buffer.from(await (await fetch(links.url)).arrayBuffer())).metadata();
    expect([copy.format, copy.width, copy.height]).toEqual(['png', 400, 300]);
    // The canned response's own file is no visitor's to fetch.
    const cannedFile = await fetch(`${server.url}/api/files/visitor/${response.attachment!.id}/links`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(cannedFile.status).toBe(404);

    const detached = await fetch(`${server.url}/api/files/canned/sizes`, { method: 'DELETE', headers: { cookie } });
    expect(((await detached.json()) as { response: { attachment?: unknown } }).response.attachment).toBeUndefined();
    expect((await fetch(`${server.url}/api/files/${response.attachment!.id}`, { headers: { cookie } })).status).toBe(404);
    const again = await fetch(`${server.url}/api/files/conversations/${conversationId}/canned/sizes?clientId=${clientId()}`, {
      method: 'POST',
      headers: { cookie },
    });
    expect(again.status).toBe(404);
  });
});
