// Client-side pieces shared by the load benches (bench/load.ts, bench/cluster.ts): connecting many
// sockets, the agents they talk to, acknowledged requests and latency percentiles.
import type { Db } from 'mongodb';
import type { Socket } from 'socket.io-client';
import type { Ack } from '../../shared/contract';
import { hashPassword } from '../../server/agents/passwords';

const CONNECT_CONCURRENCY = 100;
export const AGENT_PASSWORD = 'load-agent-password';

export interface Latencies {
  p50: number;
  p95: number;
  p99: number;
}
export const percentiles = (values: number[]): Latencies => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN) * 10) / 10;
  return { p50: at(50), p95: at(95), p99: at(99) };
};

/** Runs `run(0 … count-1)`, at most CONNECT_CONCURRENCY at a time, and keeps the results in order. */
export async function inBatches<T>(count: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECT_CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await run(i);
      }
    }),
  );
  return results;
}

export function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** A request event's data, or an error naming the event and the code it failed with. */
export const ask = <T>(socket: Socket, event: string, payload: unknown): Promise<T> =>
  (socket.timeout(30_000).emitWithAck(event, payload) as Promise<Ack<T>>).then((res) => {
    if (!res.ok) throw new Error(`${event}: ${res.error.code}`);
    return res.data;
  });

/** Retried like the widget and the console do on `unavailable` (e.g. the embedded database busy). */
export async function retried<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt === 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** Adds `count` online agents (agent<j>@load.example, AGENT_PASSWORD) to the database's first site; answers its public key. */
export async function seedAgents(db: Db, count: number): Promise<string> {
  const site = await db.collection('sites').findOne({});
  const passwordHash = await hashPassword(AGENT_PASSWORD);
  await db.collection('users').insertMany(
    Array.from({ length: count }, (_, j) => ({
      siteId: site!._id,
      email: `agent${j}@load.example`,
      name: `Agent ${j}`,
      role: 'agent',
      passwordHash,
      active: true,
      availability: 'online',
      capacity: 1000,
    })),
  );
  return site!.publicKey as string;
}

/** Signs agent `j` in at `url` and answers the session cookie (`name=value`). */
export async function signInAgent(url: string, j: number): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `agent${j}@load.example`, password: AGENT_PASSWORD }),
  });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** Starts visitor `i`'s conversation with a first message and has `agent` open it. */
export async function startConversation(sender: Socket, agent: Socket, i: number): Promise<void> {
  const { message } = await retried(() =>
    ask<{ message: { conversationId: string } }>(sender, 'message:send', { clientId: `start${i}xx`, text: 'Hello!' }),
  );
  await retried(() => ask(agent, 'conversation:open', { conversationId: message.conversationId }));
}

/** Of the acked client ids, how many the database holds no visitor message for, and how many it holds twice or more. */
export async function lostAndDuplicated(db: Db, ackedIds: Iterable<string>): Promise<{ lost: number; duplicated: number }> {
  const stored = await db
    .collection('messages')
    .aggregate<{ _id: string; n: number }>([{ $match: { author: 'visitor' } }, { $group: { _id: '$clientId', n: { $sum: 1 } } }])
    .toArray();
  const counts = new Map(stored.map((row) => [row._id, row.n]));
  let lost = 0;
  let duplicated = 0;
  for (const id of ackedIds) {
    const n = counts.get(id) ?? 0;
    if (n === 0) lost++;
    if (n > 1) duplicated++;
  }
  return { lost, duplicated };
}
