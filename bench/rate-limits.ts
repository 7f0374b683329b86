// What a flooding visitor costs everyone else: one visitor sends 1,000 messages in a second (10 every
// 10 ms) while other visitors, each from its own address, chat in rounds (all at once, every 100 ms);
// their ack latency during the flood against the same rounds without one. The server runs in this
// process with the default limits, as the rate-limit integration test runs it; that test checks who
// is refused and what is stored, this prints the latency.
// Usage: npm run bench:rate-limits [-- --json] [-- --others N]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import type { Ack } from '../shared/contract';
import { json, option, say } from './cli';
import { send, startBenchServer, visitorFrom } from './bench-server';

const OTHERS = option('--others', 10);
/** Rounds per phase: with the sync, two phases stay within one visitor's budget of 10 messages per 10 s. */
const ROUNDS = 4;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const { server, stop } = await startBenchServer('rate-limits');
const sockets: Socket[] = [];

/** A synced visitor socket that appears to come from `ip` (the server trusts X-Forwarded-For from loopback). */
async function syncedVisitorFrom(ip: string): Promise<Socket> {
  const socket = await visitorFrom(server, ip);
  sockets.push(socket);
  const sync = await send(socket, 'visitor:sync', { afterSeq: -1 });
  if (!sync.ok) throw new Error(`visitor:sync failed: ${sync.error.code}`);
  return socket;
}

/** Every other visitor sends one message per round, all at once; the sorted ack latencies. */
async function chat(others: Socket[]): Promise<number[]> {
  const latency: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await Promise.all(
      others.map(async (socket) => {
        const started = performance.now();
        const ack = await send(socket, 'message:send', { clientId: randomUUID(), text: `chatting ${round}` });
        if (!ack.ok) throw new Error(`another visitor was refused: ${ack.error.code}`);
        latency.push(performance.now() - started);
      }),
    );
    await sleep(100);
  }
  return latency.sort((a, b) => a - b);
}

try {
  say(`${OTHERS} visitors chat alone, then during a flood of 1,000 messages in a second from another …`);
  const flooder = await syncedVisitorFrom('10.9.0.1');
  const others = await Promise.all(Array.from({ length: OTHERS }, (_, i) => syncedVisitorFrom(`10.9.1.${i + 1}`)));
  const alone = await chat(others);

  const floodAcks: Array<Promise<Ack<unknown>>> = [];
  const duringFlood = chat(others);
  for (let batch = 0; batch < 100; batch++) {
    for (let i = 0; i < 10; i++) floodAcks.push(send(flooder, 'message:send', { clientId: randomUUID(), text: `flood ${batch}-${i}` }));
    await sleep(10);
  }
  const accepted = (await Promise.all(floodAcks)).filter((ack) => ack.ok).length;
  const flooded = await duringFlood;

  const summary = (sorted: number[]) => ({ p50: oneDecimal(percentile(sorted, 50)), p99: oneDecimal(percentile(sorted, 99)) });
  const result = {
    others: OTHERS,
    rounds: ROUNDS,
    flood: { sent: 1000, accepted },
    ackMs: { alone: summary(alone), duringFlood: summary(flooded) },
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`flood of 1,000 messages/s: ${accepted} accepted, ${1000 - accepted} rate_limited`);
    console.log(`other visitors' acks without a flood: p50 ${result.ackMs.alone.p50} ms, p99 ${result.ackMs.alone.p99} ms`);
    console.log(`other visitors' acks during the flood: p50 ${result.ackMs.duringFlood.p50} ms, p99 ${result.ackMs.duringFlood.p99} ms`);
  }
} finally {
  for (const socket of sockets) socket.close();
  await stop();
}
