// What a Prometheus scrape of `GET /metrics` costs: the server (in this process, on the embedded
// database and Redis) first carries some chat traffic, so every series has samples and the queues
// hold jobs; then 200 scrapes one after another, each timed from request to the last byte.
// Usage: npm run bench:metrics [-- --json] [-- --scrapes N] [-- --visitors N]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { json, option, say } from './cli';
import { send, startBenchServer, visitorFrom } from './bench-server';

const SCRAPES = option('--scrapes', 200);
const VISITORS = option('--visitors', 50);
/** Messages per visitor: within one sender's budget of 10 per 10 s. */
const MESSAGES = 5;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const twoDecimals = (n: number) => Math.round(n * 100) / 100;

const { server, stop } = await startBenchServer('metrics');
const sockets: Socket[] = [];

/** A visitor from an address of its own (the server trusts X-Forwarded-For from loopback) that sends its messages. */
async function chattingVisitor(n: number): Promise<void> {
  const socket = await visitorFrom(server, `10.8.${Math.floor(n / 250)}.${(n % 250) + 1}`);
  sockets.push(socket);
  for (let i = 0; i < MESSAGES; i++) {
    const ack = await send(socket, 'message:send', { clientId: randomUUID(), text: `Question ${i} about my order` });
    if (!ack.ok) throw new Error(`message:send failed: ${ack.error.code}`);
  }
}

try {
  say(`${VISITORS} visitors send ${MESSAGES} messages each, then ${SCRAPES} scrapes of /metrics …`);
  await Promise.all(Array.from({ length: VISITORS }, (_, n) => chattingVisitor(n)));
  const ms: number[] = [];
  let bytes = 0;
  let samples = 0;
  for (let i = 0; i < SCRAPES; i++) {
    const started = performance.now();
    const res = await fetch(`${server.url}/metrics`);
    const text = await res.text();
    ms.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
    bytes = Buffer.byteLength(text);
    samples = text.split('\n').filter((line) => line && !line.startsWith('#')).length;
  }
  ms.sort((a, b) => a - b);
  const result = {
    visitors: VISITORS,
    messages: VISITORS * MESSAGES,
    scrapes: SCRAPES,
    scrapeMs: { p50: twoDecimals(percentile(ms, 50)), p95: twoDecimals(percentile(ms, 95)), max: twoDecimals(ms.at(-1)!) },
    bytes,
    samples,
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(
      `/metrics with ${VISITORS} visitor sockets connected after ${result.messages} messages: ${bytes} bytes, ${samples} samples`,
    );
    console.log(
      `scrape time over ${SCRAPES} scrapes: p50 ${result.scrapeMs.p50} ms, p95 ${result.scrapeMs.p95} ms, max ${result.scrapeMs.max} ms`,
    );
  }
} finally {
  for (const socket of sockets) socket.close();
  await stop();
}
