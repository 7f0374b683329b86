// Seeds a data folder with a shop's history through the data layer's bulk import: about 15 messages per
// conversation, one conversation per visitor, a visitor in three with an order, 2 % of conversations
// open (they are from today; the rest spread over the past year). The folder must have had a first
// start of the server (it creates the demo site and the admin). Used by bench:scale and bench:backup.
import { Types } from 'mongoose';
import { accounts, connectData, sites } from '../server/data';
import { bulkImport } from '../server/data/bulk-import';
import { spawnUntilReady, type ManagedProcess } from '../server/infra/child-process';
import { startEmbeddedMongo } from '../server/infra/embedded-mongo';
import { startEmbeddedRedis } from '../server/infra/embedded-redis';
import { createLogger } from '../server/infra/logger';
import { say } from './cli';

const PER_CONVERSATION = 15;
const BATCH = 2_000;
const DAY_MS = 86_400_000;
/** The admin the benches start the server with (the seeded agent replies are theirs). */
export const ADMIN = { email: 'admin@example.com', password: 'scale-bench-password' };

export interface Seeded {
  siteId: string;
  visitors: Types.ObjectId[];
  conversations: Types.ObjectId[];
  /** Visitors whose conversation is open (they send the timed messages). */
  openVisitors: Types.ObjectId[];
}

export async function seedHistory(dataDir: string, messageCount: number): Promise<Seeded> {
  const [mongo, redisServer] = await Promise.all([startEmbeddedMongo(dataDir, say), startEmbeddedRedis(dataDir)]);
  const data = await connectData({
    mongoUri: `${mongo.uri.replace(/\/$/, '')}/lifecycle_chat`,
    redisUrl: redisServer.url,
    redisPrefix: 'lc',
    log: createLogger('silent'),
  });
  try {
    await new Promise((r) => setTimeout(r, 2_000)); // the launcher gives the new indexes their GIN twins
    const site = await sites.first();
    const admin = await accounts.byEmail(ADMIN.email);
    if (!site || !admin) throw new Error('the first start created no demo site or admin');
    const conversationCount = Math.ceil(messageCount / PER_CONVERSATION);
    const now = Date.now();
    const seeded: Seeded = { siteId: site._id.toHexString(), visitors: [], conversations: [], openVisitors: [] };
    let lastReport = 0;
    for (let from = 0; from < conversationCount; from += BATCH / PER_CONVERSATION) {
      const to = Math.min(conversationCount, from + BATCH / PER_CONVERSATION);
      const visitors = [],
        conversations = [],
        claims = [],
        messages = [],
        orders = [];
      for (let c = from; c < to; c++) {
        const visitorId = new Types.ObjectId();
        const conversationId = new Types.ObjectId();
        const open = c % 50 === 0;
        // Spread over the past year, newest last; the open ones are from today.
        const startedAt = new Date(open ? now - 3_600_000 : now - 365 * DAY_MS + (c / conversationCount) * 364 * DAY_MS);
        const count = Math.min(PER_CONVERSATION, messageCount - c * PER_CONVERSATION);
        const lastAt = new Date(startedAt.getTime() + count * 60_000);
        visitors.push({
          _id: visitorId,
          siteId: site._id,
          name: `Visitor ${c}`,
          email: `visitor${c}@example.com`,
          lastSeenAt: lastAt,
          createdAt: startedAt,
          updatedAt: lastAt,
        });
        conversations.push({
          _id: conversationId,
          siteId: site._id,
          visitorId,
          visitorName: `Visitor ${c}`,
          status: open ? ('open' as const) : ('closed' as const),
          assigneeId: admin._id,
          openAssigneeId: open ? admin._id : null,
          lastMessage: { seq: count - 1, text: `message ${count - 1}`, author: 'agent', createdAt: lastAt },
          closedAt: open ? null : lastAt,
          closedDay: open ? null : lastAt.toISOString().slice(0, 10),
          closeReason: open ? null : 'resolved',
          agentReadSeq: count - 1,
          visitorReadSeq: count - 1,
          createdAt: startedAt,
          updatedAt: lastAt,
        });
        if (open) claims.push({ _id: visitorId.toHexString(), conversationId, createdAt: startedAt });
        for (let seq = 0; seq < count; seq++) {
          const author = seq % 2 === 0 ? ('visitor' as const) : ('agent' as const);
          const clientId = `seed${seq}${'x'.repeat(4)}`;
          messages.push({
            _id: `${conversationId.toHexString()}:${clientId}`,
            siteId: site._id,
            conversationId,
            clientId,
            seq,
            author,
            authorId: author === 'agent' ? admin._id : null,
            authorName: author === 'agent' ? admin.name : null,
            text:
              author === 'visitor'
                ? `Question ${seq}: how long does delivery to Brno take, and can I return the shoes?`
                : `Answer ${seq}: 2–3 working days; returns are free within 30 days.`,
            createdAt: new Date(startedAt.getTime() + seq * 60_000),
          });
        }
        if (c % 3 === 0)
          orders.push({
            _id: new Types.ObjectId(),
            siteId: site._id,
            orderId: `order-${c}`,
            visitorId,
            total: 59.9,
            currency: 'EUR',
            createdAt: lastAt,
          });
        seeded.visitors.push(visitorId);
        seeded.conversations.push(conversationId);
        if (open) seeded.openVisitors.push(visitorId);
      }
      await Promise.all([
        bulkImport.visitors(visitors),
        bulkImport.conversations(conversations),
        bulkImport.openConversations(claims),
        bulkImport.messages(messages),
        orders.length ? bulkImport.orders(orders) : undefined,
      ]);
      const done = Math.min(messageCount, to * PER_CONVERSATION);
      if (done - lastReport >= messageCount / 10 || done === messageCount) {
        say(`  seeded ${done.toLocaleString('en')} / ${messageCount.toLocaleString('en')} messages`);
        lastReport = done;
      }
    }
    return seeded;
  } finally {
    await data.close();
    await Promise.all([mongo.stop(), redisServer.stop()]);
  }
}

/** `npm start`'s server on `dataDir`, without rate limits, with the benches' admin. */
function startServer(dataDir: string, secret: string, port: number): Promise<ManagedProcess> {
  const { MONGODB_URI: _m, REDIS_URL: _r, ...env } = process.env;
  return spawnUntilReady(process.execPath, ['--import', 'tsx', 'server/main.ts'], (l) => l.includes('Lifecycle Chat is running'), 600_000, {
    ...env,
    PORT: String(port),
    DATA_DIR: dataDir,
    APP_SECRET: secret,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_IP: '0',
    RATE_LIMIT_PER_SENDER: '0',
  });
}

/** Milliseconds from spawning the server on `dataDir` until /healthz answers 200. */
export async function timedStart(dataDir: string, secret: string, port: number): Promise<{ server: ManagedProcess; startMs: number }> {
  const started = performance.now();
  const server = await startServer(dataDir, secret, port);
  while ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status !== 200) await new Promise((r) => setTimeout(r, 20));
  return { server, startMs: Math.round(performance.now() - started) };
}
