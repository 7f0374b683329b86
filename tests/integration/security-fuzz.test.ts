import fc from 'fast-check';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, agentRequests, visitorRequests, type Ack } from '../../shared/contract';
import { attackTarget, reportAttacks, storedDocumentProblems, type validPayloads } from '../helpers/security';
import { clientId, request, type AgentSocket, type TestServer, type VisitorSocket } from '../helpers/test-server';

/**
 * Property: whatever a client sends on any inbound event — arbitrary values, valid payloads with
 * fields swapped for arbitrary ones, or valid-shaped payloads with arbitrary text — the server answers
 * `{ok:true}` or a coded error (never `internal`, never silence), keeps serving, and stores only
 * documents the contract allows. Runs are sized for CI: about 15 s on the 2-core machine.
 */
const RUNS = { visitor: 1200, agent: 800 };

let server: TestServer;
let db: mongoose.Connection;
let visitor: VisitorSocket;
let agent: AgentSocket;
let samples: ReturnType<typeof validPayloads>;
let target: Awaited<ReturnType<typeof attackTarget>>;
beforeAll(async () => {
  target = await attackTarget();
  ({ server, db, agent, visitor, samples } = target);
});
afterAll(() => target?.close());

const CODES = new Set<string>(ErrorCode.options.filter((c) => c !== 'internal'));

/** Text as clients may send it: any code units (lone surrogates, controls, RTL marks), and long. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }),
  fc.string({ maxLength: 6_000 }),
  fc.constantFrom('', ' ', '\u202e', '\u0000', '$gt', '__proto__', '<script>alert(1)</script>'),
);
const value = fc.oneof(
  { weight: 3, arbitrary: text },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 3 }) },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

/** Payloads for one event: arbitrary, a valid one with arbitrary fields, or a valid one with extra keys. */
function payloadFor(sample: () => unknown): fc.Arbitrary<unknown> {
  const base = sample() as Record<string, unknown>;
  const fields = Object.keys(base);
  const mutated = fc
    .record(Object.fromEntries(fields.map((f) => [f, fc.oneof(fc.constant(undefined), fc.constant(base[f]), value)])))
    .map((swapped) => ({ ...(sample() as object), ...Object.fromEntries(Object.entries(swapped).filter(([, v]) => v !== undefined)) }));
  const extra = fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 3 }).map((keys) => ({ ...keys, ...(sample() as object) }));
  return fc.oneof({ weight: 1, arbitrary: fc.anything() }, { weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: extra });
}

function eventAndPayload(table: Record<string, () => unknown>): fc.Arbitrary<[string, unknown]> {
  const known = Object.entries(table).map(([event, sample]) => payloadFor(sample).map((payload): [string, unknown] => [event, payload]));
  const unknown = fc.tuple(fc.string({ maxLength: 40 }), fc.anything());
  return fc.oneof({ weight: 12, arbitrary: fc.oneof(...known) }, { weight: 1, arbitrary: unknown });
}

async function fuzz(socket: VisitorSocket | AgentSocket, table: Record<string, () => unknown>, numRuns: number) {
  const codes = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(eventAndPayload(table), async ([event, payload]) => {
      const ack = (await request<unknown>(socket, event, payload)) as Ack<unknown>;
      const code = ack.ok ? 'ok' : ack.error.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      return ack.ok ? 'data' in ack : CODES.has(code) && typeof ack.error.message === 'string';
    }),
    { numRuns, endOnFailure: true },
  );
  return codes;
}

describe('property-based fuzz of every inbound socket event', () => {
  it('the visitor namespace answers every payload with ok or a coded error', async () => {
    expect(Object.keys(samples.visitor).sort()).toEqual(Object.keys(visitorRequests).sort());
    const codes = await fuzz(visitor, samples.visitor, RUNS.visitor);
    console.log(`[security] fuzz /visitor: ${RUNS.visitor} runs, answers ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(codes.get('ok') ?? 0).toBeGreaterThan(0);
  });

  it('the agent namespace answers every payload with ok or a coded error', async () => {
    expect(Object.keys(samples.agent).sort()).toEqual(Object.keys(agentRequests).sort());
    const codes = await fuzz(agent, samples.agent, RUNS.agent);
    console.log(`[security] fuzz /agent: ${RUNS.agent} runs, answers ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(codes.get('ok') ?? 0).toBeGreaterThan(0);
  });

  it('is still serving and stored only valid documents', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await request(visitor, 'message:send', { clientId: clientId(), text: 'after the fuzz' })).ok).toBe(true);
    expect(await storedDocumentProblems(db)).toEqual([]);
    reportAttacks(
      'fuzzed socket events (fast-check)',
      RUNS.visitor + RUNS.agent,
      'every answer ok or coded, server up, stored documents valid',
    );
  });
});
