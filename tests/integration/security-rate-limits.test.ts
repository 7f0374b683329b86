import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../shared/contract';
import { EVENT_COST, SIGN_IN_LIMITS } from '../../server/edge/rate-limits';
import { openDb } from '../helpers/kb';
import { agentFrom, reportAttacks, syncedVisitor, visitorFrom } from '../helpers/security';
import { ADMIN, clientId, connected, request, signIn, startTestServer, type TestServer } from '../helpers/test-server';

// The defaults a deployment runs with.
const PER_SENDER = 60;
const PER_IP = 600;

let server: TestServer;
let db: mongoose.Connection;
beforeAll(async () => {
  server = await startTestServer();
  db = await openDb(server.dbName);
});
afterAll(async () => {
  await db?.close();
  await server?.close();
});

const codeOf = (ack: Ack<unknown>) => (ack.ok ? 'ok' : ack.error.code);

function signInFrom(ip: string, email: string, password: string) {
  return fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ email, password }),
  });
}

describe('rate limits', () => {
  // How fast the others' acks stay during the flood is measured by `npm run bench:rate-limits`.
  it('throttles a visitor flooding 1,000 messages in a second while other visitors are not refused', async () => {
    const flooder = await syncedVisitor(visitorFrom(server, '10.1.0.1'));
    const others = await Promise.all(['10.1.0.2', '10.1.0.3', '10.1.0.4'].map((ip) => syncedVisitor(visitorFrom(server, ip))));

    // The others chat in rounds (all three at once, every 100 ms): first alone, then during the flood.
    const othersCodes: string[] = [];
    const chat = async (rounds: number) => {
      for (let round = 0; round < rounds; round++) {
        await Promise.all(
          others.map(async ({ socket }) => {
            othersCodes.push(codeOf(await request(socket, 'message:send', { clientId: clientId(), text: `chatting ${round}` })));
          }),
        );
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await chat(4);

    // 1,000 sends paced over one second: 10 every 10 ms.
    const floodAcks: Array<Promise<Ack<unknown>>> = [];
    const duringFlood = chat(4);
    for (let batch = 0; batch < 100; batch++) {
      for (let i = 0; i < 10; i++) {
        floodAcks.push(request(flooder.socket, 'message:send', { clientId: clientId(), text: `flood ${batch}-${i}` }));
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const codes = (await Promise.all(floodAcks)).map(codeOf);
    await duringFlood;

    const accepted = codes.filter((c) => c === 'ok').length;
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThanOrEqual(PER_SENDER / EVENT_COST['message:send']!);
    expect(codes.filter((c) => c === 'rate_limited').length).toBe(1000 - accepted);
    // Nothing refused was stored: the database holds exactly the accepted messages.
    const stored = await db.collection('messages').countDocuments({ text: /^flood / });
    expect(stored).toBe(accepted);

    // Each of the others stays within its own budget (8 messages and a sync) and is never refused.
    expect(othersCodes).toEqual(Array(24).fill('ok'));
    reportAttacks('flooded socket events', 1000 - accepted, 'refused with rate_limited, none stored');
    for (const { socket } of [flooder, ...others]) socket.disconnect();
  });

  it('throttles one address across its visitors, not other addresses', async () => {
    const visitors = await Promise.all(Array.from({ length: 12 }, () => syncedVisitor(visitorFrom(server, '10.2.0.1'))));
    const codes = (
      await Promise.all(
        visitors.map(async ({ socket }) => {
          const acks: string[] = [];
          for (let i = 0; i < 55; i++) acks.push(codeOf(await request(socket, 'typing:set', { typing: i % 2 === 0 })));
          return acks;
        }),
      )
    ).flat();
    // 12 handshakes + 12 syncs + 660 events from one address against 600 per 10 s.
    expect(codes.filter((c) => c === 'rate_limited').length).toBe(12 + 12 + 660 - PER_IP);
    const elsewhere = await syncedVisitor(visitorFrom(server, '10.2.0.2'));
    expect(codeOf(await request(elsewhere.socket, 'typing:set', { typing: true }))).toBe('ok');
    // A new handshake from the throttled address is refused with the code, and creates no visitor.
    const visitorsBefore = await db.collection('visitors').countDocuments();
    const late = visitorFrom(server, '10.2.0.1');
    await expect(connected(late)).rejects.toMatchObject({ data: { code: 'rate_limited' } });
    expect(await db.collection('visitors').countDocuments()).toBe(visitorsBefore);
    for (const { socket } of [...visitors, elsewhere]) socket.disconnect();
    late.disconnect();
  });

  it('throttles an agent socket flooding events', async () => {
    const agent = agentFrom(server, await signIn(server), '10.3.0.1');
    await connected(agent);
    const codes = (await Promise.all(Array.from({ length: 200 }, () => request(agent, 'conversations:list', {})))).map(codeOf);
    expect(codes.filter((c) => c === 'ok').length).toBe(PER_SENDER);
    expect(codes.filter((c) => c === 'rate_limited').length).toBe(200 - PER_SENDER);
    agent.disconnect();
  });

  it('throttles REST calls per address with 429, a code and Retry-After', async () => {
    const me = (ip: string) => fetch(`${server.url}/api/auth/me`, { headers: { 'x-forwarded-for': ip } });
    const statuses: number[] = [];
    for (let i = 0; i < PER_IP / 50 + 1; i++)
      statuses.push(...(await Promise.all(Array.from({ length: 50 }, async () => (await me('10.4.0.1')).status))));
    expect(statuses.filter((s) => s === 401).length).toBe(PER_IP);
    expect(statuses.filter((s) => s === 429).length).toBe(50);
    const refused = await me('10.4.0.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await me('10.4.0.2')).status).toBe(401);
  });

  it('throttles password guessing per email and address, even with the right password after', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perEmailAndIp; i++) {
      expect((await signInFrom('10.5.0.1', ADMIN.email, `wrong-${i}`)).status).toBe(401);
    }
    const blocked = await signInFrom('10.5.0.1', ADMIN.email, ADMIN.password);
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // The same account from elsewhere, and another account from the same address, still work.
    expect((await signInFrom('10.5.0.2', ADMIN.email, ADMIN.password)).status).toBe(200);
    expect((await signInFrom('10.5.0.1', 'someone-else@example.com', 'wrong')).status).toBe(401);
    reportAttacks('sign-in guesses per email and address', SIGN_IN_LIMITS.perEmailAndIp + 1, 'the 6th refused with rate_limited');
  });

  it('counts parallel guesses too, and throttles one address spraying many emails', async () => {
    const parallel = await Promise.all(Array.from({ length: 12 }, (_, i) => signInFrom('10.6.0.1', ADMIN.email, `guess-${i}`)));
    expect(parallel.filter((r) => r.status === 401).length).toBe(SIGN_IN_LIMITS.perEmailAndIp);
    expect(parallel.filter((r) => r.status === 429).length).toBe(12 - SIGN_IN_LIMITS.perEmailAndIp);

    const spray: number[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.perIp + 1; i++)
      spray.push((await signInFrom('10.6.0.2', `user${i}@example.com`, 'password1')).status);
    expect(spray.slice(0, SIGN_IN_LIMITS.perIp)).toEqual(Array(SIGN_IN_LIMITS.perIp).fill(401));
    expect(spray.at(-1)).toBe(429);
    reportAttacks('sign-in guesses in parallel and sprayed over emails', 12 + SIGN_IN_LIMITS.perIp + 1);
  });
});
