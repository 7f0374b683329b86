import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, agentRequests, visitorRequests, type Ack, type KbArticle, type Message } from '../../shared/contract';
import { kbApi } from '../helpers/kb';
import {
  OPERATOR_STRINGS,
  OPERATOR_VALUES,
  reportAttacks,
  storedDocumentProblems,
  type validPayloads,
  attackTarget,
} from '../helpers/security';
import { postWebhook, siteSecret } from '../helpers/shop';
import { ADMIN, clientId, request, type AgentSocket, type TestServer, type VisitorSocket } from '../helpers/test-server';

/**
 * MongoDB operator injection: every field of every socket event and JSON body, and every query
 * string, receives `{"$gt": ""}` and friends. Each answer is a coded error or the value taken as
 * text; nothing matches more than it should, and nothing stored holds an operator.
 */
let server: TestServer;
let db: mongoose.Connection;
let visitor: VisitorSocket;
let agent: AgentSocket;
let cookie: string;
let samples: ReturnType<typeof validPayloads>;
let tried = 0;

let target: Awaited<ReturnType<typeof attackTarget>>;
beforeAll(async () => {
  target = await attackTarget();
  ({ server, db, agent, visitor, samples, cookie } = target);
});
afterAll(() => target?.close());

const CODES = new Set<string>(ErrorCode.options.filter((c) => c !== 'internal'));

interface Variant {
  payload: unknown;
  /** An operator object sits in a declared field (not a free-form map): the answer must be a refusal. */
  mustRefuse: boolean;
}

/** Free-form maps of the contract, where `$`-keys are just keys (custom track props, never queried). */
const FREE_FORM = new Set(['props']);

/**
 * Every variant of a valid payload with one field replaced by an operator (object or string), the
 * whole payload replaced, and operators beside it as foreign fields (which the schemas drop).
 */
function injected(sample: Record<string, unknown>): Variant[] {
  const variants: Variant[] = OPERATOR_VALUES.map((payload) => ({ payload, mustRefuse: false }));
  for (const field of Object.keys(sample)) {
    for (const value of OPERATOR_VALUES) variants.push({ payload: { ...sample, [field]: value }, mustRefuse: !FREE_FORM.has(field) });
    for (const value of OPERATOR_STRINGS) variants.push({ payload: { ...sample, [field]: value }, mustRefuse: false });
  }
  for (const extra of [{ $where: 'true' }, { siteId: { $ne: null } }, { 'a.b': 1 }, { visitorId: { $gt: '' } }, { _id: { $gt: '' } }]) {
    variants.push({ payload: { ...sample, ...extra }, mustRefuse: false });
  }
  return variants;
}

async function sendAll(socket: VisitorSocket | AgentSocket, table: Record<string, () => unknown>) {
  const answers: Array<{ event: string; payload: unknown; mustRefuse: boolean; ack: Ack<unknown> }> = [];
  for (const [event, sample] of Object.entries(table)) {
    for (const { payload, mustRefuse } of injected(sample() as Record<string, unknown>)) {
      answers.push({ event, payload, mustRefuse, ack: await request(socket, event, payload) });
      tried += 1;
    }
  }
  return answers;
}

describe('operator injection', () => {
  it('answers every socket event with a coded error or the literal value, for every field', async () => {
    expect(Object.keys(samples.visitor).sort()).toEqual(Object.keys(visitorRequests).sort());
    expect(Object.keys(samples.agent).sort()).toEqual(Object.keys(agentRequests).sort());
    const answers = [...(await sendAll(visitor, samples.visitor)), ...(await sendAll(agent, samples.agent))];
    const uncoded = answers.filter(({ ack }) => !ack.ok && !CODES.has(ack.error.code));
    expect(uncoded.map(({ event, payload, ack }) => `${event} ${JSON.stringify(payload)} → ${JSON.stringify(ack)}`)).toEqual([]);
    // An operator object never passes where the contract wants a string, number, boolean or id.
    const operatorAccepted = answers.filter(({ mustRefuse, ack }) => mustRefuse && ack.ok);
    expect(operatorAccepted.map(({ event, payload }) => `${event} ${JSON.stringify(payload)}`)).toEqual([]);
    console.log(
      `[security] operator injection over sockets: ${answers.length} payloads, ${answers.filter((a) => a.ack.ok).length} accepted as literal or with foreign fields dropped`,
    );
  });

  it('takes operator-looking strings literally', async () => {
    const literal = '{"$gt": ""}';
    const sent = await request<{ message: Message }>(visitor, 'message:send', { clientId: clientId(), text: literal });
    expect(sent.ok && sent.data.message.text).toBe(literal);
    // The visitor's search for an operator string finds nothing rather than everything.
    for (const query of ['{"$gt": ""}', '.*', '$where']) {
      const found = await request<{ results: unknown[] }>(visitor, 'kb:search', { query, locale: 'en', limit: 20 });
      expect(found.ok && found.data.results.length, query).toBe(0);
    }
    tried += 4;
  });

  it('refuses operators in every JSON body and query string of the API', async () => {
    const kb = kbApi(server.url, cookie);
    const article = { title: 'Injected?', body: 'text', category: 'General', tags: ['a'], locale: 'en' };
    const existing = ((await kb.list()).body.articles as KbArticle[])[0]!;
    const secret = await siteSecret(server.dbName);
    const bodies: Array<[string, string, Record<string, unknown>]> = [
      ['POST', '/api/auth/sign-in', ADMIN],
      ['POST', '/api/kb/articles', article],
      ['PUT', `/api/kb/articles/${existing.id}`, { title: existing.title, body: 'x', category: existing.category, tags: [] }],
      ['POST', '/api/kb/preview', { body: 'text' }],
      ['POST', '/demo/api/orders', { lines: [{ slug: 'trail-runner-shoes', qty: 1 }] }],
    ];
    const statuses: string[] = [];
    for (const [method, path, sample] of bodies) {
      for (const { payload: body, mustRefuse } of injected(sample)) {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const answer = (await res.json()) as { error?: { code: string } };
        statuses.push(`${res.status}`);
        tried += 1;
        if (res.ok) {
          expect(mustRefuse, `${method} ${path} accepted ${JSON.stringify(body)}`).toBe(false);
        } else {
          expect(CODES.has(answer.error?.code ?? 'none'), `${method} ${path} ${JSON.stringify(body)} → ${res.status}`).toBe(true);
        }
      }
    }
    // Sign-in with an operator never signs anyone in.
    for (const value of OPERATOR_VALUES) {
      for (const body of [
        { email: value, password: ADMIN.password },
        { email: ADMIN.email, password: value },
      ]) {
        const res = await fetch(`${server.url}/api/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(res.status).toBe(400);
        tried += 1;
      }
    }
    // The signed webhook: a valid signature over a body with operators still stores nothing odd.
    const visitorId = samples.agent['visitor:context']() as { visitorId: string };
    for (const { payload: body, mustRefuse } of injected({
      type: 'order',
      visitorId: visitorId.visitorId,
      orderId: 'I-1',
      total: 5,
      currency: 'EUR',
    })) {
      const res = await postWebhook(server, secret, body);
      tried += 1;
      if (res.ok) expect(mustRefuse, JSON.stringify(body)).toBe(false);
      else expect(CODES.has(((await res.json()) as { error: { code: string } }).error.code)).toBe(true);
    }
    console.log(`[security] operator injection over HTTP bodies: answers ${[...new Set(statuses)].sort().join('/')}`);
  });

  it('ignores or refuses operators in query strings and path parameters', async () => {
    const all = await fetch(`${server.url}/api/kb/articles`, { headers: { cookie } }).then(
      (r) => r.json() as Promise<{ articles: unknown[] }>,
    );
    const queries = [
      'status[$ne]=draft',
      'status[$gt]=',
      'locale[$regex]=.*',
      'status=$ne',
      'status=draft&status=published',
      'locale=%7B%22%24gt%22%3A%22%22%7D',
      'status[]=draft',
      '__proto__[polluted]=1',
      'constructor[prototype][polluted]=1',
    ];
    for (const query of queries) {
      const res = await fetch(`${server.url}/api/kb/articles?${query}`, { headers: { cookie } });
      tried += 1;
      if (res.status === 200)
        expect(((await res.json()) as { articles: unknown[] }).articles.length, query).toBeLessThanOrEqual(all.articles.length);
      else expect(res.status, query).toBe(400);
    }
    for (const query of ['days[$gt]=0', 'days=%7B%22%24gt%22%3A0%7D', 'days=1e400', 'days=-1', 'days[]=1']) {
      const res = await fetch(`${server.url}/api/kb/signals?${query}`, { headers: { cookie } });
      tried += 1;
      expect([200, 400], query).toContain(res.status);
    }
    for (const id of ['%7B%22%24gt%22%3A%22%22%7D', '%24ne', '000000000000000000000000%27%7C%7C1', '[$ne]']) {
      for (const path of [`/api/kb/articles/${id}`, `/help/articles/${id}`]) {
        const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
        tried += 1;
        expect([400, 404], path).toContain(res.status);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stored nothing that holds an operator or breaks the contract', async () => {
    expect(await storedDocumentProblems(db)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    reportAttacks('MongoDB operator injection', tried, 'socket events, JSON bodies, query strings and path parameters');
  });
});
