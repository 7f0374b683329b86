import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMetrics, sampleValue } from '../helpers/metrics';
import { clientId, connected, connectVisitor, request, startTestServer, type TestServer } from '../helpers/test-server';

const TOKEN = 'metrics-token-for-the-tests-0123456789';
// The server trusts X-Forwarded-For from loopback (a proxy on the same machine): this is a remote client.
const REMOTE = { 'x-forwarded-for': '203.0.113.7' };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ METRICS_TOKEN: TOKEN });
});
afterAll(async () => {
  await server?.close();
});

const scrape = async (headers: Record<string, string> = {}) => fetch(`${server.url}/metrics`, { headers });
const samples = async () => {
  const res = await scrape();
  expect(res.status).toBe(200);
  return parseMetrics(await res.text());
};

describe('GET /metrics', () => {
  it('serves every series in the Prometheus text format, and they move after a chat', async () => {
    const res = await scrape();
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const before = parseMetrics(await res.text());
    const names = new Set(before.map((s) => s.name));
    for (const name of [
      'lifecycle_chat_sockets_connected',
      'lifecycle_chat_queue_jobs',
      'lifecycle_chat_queue_job_failures_total',
      'lifecycle_chat_database_ping_seconds_count',
      'lifecycle_chat_redis_ping_seconds_count',
      'lifecycle_chat_event_loop_lag_seconds_count',
      'nodejs_eventloop_lag_seconds',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(sampleValue(before, 'lifecycle_chat_queue_jobs', { queue: 'reply-alert', state: 'waiting' })).toBe(0);
    const storedBefore = sampleValue(before, 'lifecycle_chat_messages_stored_total', { author: 'visitor' });

    const visitor = connectVisitor(server);
    await connected(visitor);
    const sent = await request(visitor, 'message:send', { clientId: clientId(), text: 'How long is delivery?' });
    expect(sent.ok).toBe(true);

    // Counted by listeners of `message.created` and `visitor.messaged`, which may finish after the ack.
    await expect
      .poll(async () => sampleValue(await samples(), 'lifecycle_chat_messages_stored_total', { author: 'visitor' }))
      .toBe(storedBefore + 1);
    // The visitor now waits for a reply: the reply alert is a delayed job.
    await expect
      .poll(async () => sampleValue(await samples(), 'lifecycle_chat_queue_jobs', { queue: 'reply-alert', state: 'delayed' }))
      .toBe(1);
    const after = await samples();
    expect(sampleValue(after, 'lifecycle_chat_sockets_connected', { namespace: '/visitor' })).toBe(1);
    expect(
      sampleValue(after, 'lifecycle_chat_socket_ack_seconds_count', { namespace: '/visitor', event: 'message:send', outcome: 'ok' }),
    ).toBe(1);
    expect(sampleValue(after, 'lifecycle_chat_message_delivery_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after, 'lifecycle_chat_database_ping_seconds_count')).toBeGreaterThan(
      sampleValue(before, 'lifecycle_chat_database_ping_seconds_count'),
    );
    expect(sampleValue(after, 'lifecycle_chat_redis_ping_seconds_count')).toBeGreaterThan(
      sampleValue(before, 'lifecycle_chat_redis_ping_seconds_count'),
    );

    visitor.close();
    await expect.poll(async () => sampleValue(await samples(), 'lifecycle_chat_sockets_connected', { namespace: '/visitor' })).toBe(0);
  });

  it('refuses a remote client without the token (401), with a wrong one (403), and serves the right bearer', async () => {
    const missing = await scrape(REMOTE);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect(await missing.text()).not.toContain('lifecycle_chat_');
    expect((await scrape({ ...REMOTE, authorization: 'Bearer not-the-token-at-all-0123456789' })).status).toBe(403);
    expect((await scrape({ ...REMOTE, authorization: `Basic ${TOKEN}` })).status).toBe(401);
    const allowed = await scrape({ ...REMOTE, authorization: `Bearer ${TOKEN}` });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('lifecycle_chat_messages_stored_total');
  });
});
