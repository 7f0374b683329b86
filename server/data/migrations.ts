import type { Types } from 'mongoose';
import type { Logger } from '../infra/logger';
import { conversations } from './conversations';
import { insertOnce } from './insert-once';
import { MigrationModel } from './models/migration.model';
import { VisitorModel } from './models/visitor.model';
import { visitors } from './visitors';

const BATCH = 500;

interface Migration {
  name: string;
  /** Idempotent: brings every old-shape document to the current shape; answers how many it changed. */
  run(): Promise<number>;
}

/** Calls `each` for every id `page` lists, a page at a time in id order; answers how many. */
async function inPages(
  page: (afterId: Types.ObjectId | null, limit: number) => Promise<Types.ObjectId[]>,
  each: (id: Types.ObjectId) => Promise<void>,
): Promise<number> {
  let changed = 0;
  let after: Types.ObjectId | null = null;
  for (;;) {
    const ids = await page(after, BATCH);
    for (const id of ids) {
      await each(id);
      changed += 1;
    }
    if (ids.length < BATCH) return changed;
    after = ids.at(-1)!;
  }
}

/**
 * Conversations stored before the inbox read closed conversations by day and agents' loads by
 * open assignee get `closedDay` and `openAssigneeId`; each through the conversation's own locked
 * update, which derives both, so a live update of the same conversation is never undone.
 */
const conversationBuckets: Migration = {
  name: 'conversation-closed-day-and-open-assignee',
  run: () => inPages(conversations.withoutDerivedFields, conversations.deriveFields),
};

/** Visitors stored before retention walked them by day get `lastSeenDay`, through the visitor's own locked update. */
const visitorLastSeenDay: Migration = {
  name: 'visitor-last-seen-day',
  run: () =>
    inPages(
      async (afterId, limit) => {
        const docs = await VisitorModel.find({ lastSeenDay: { $exists: false }, ...(afterId && { _id: { $gt: afterId } }) })
          .sort({ _id: 1 })
          .limit(limit)
          .select({ _id: 1 })
          .lean<Array<{ _id: Types.ObjectId }>>();
        return docs.map((d) => d._id);
      },
      async (id) => {
        await visitors.update(id, (v) => ({ ...v, lastSeenDay: v.lastSeenAt.toISOString().slice(0, 10) }));
      },
    ),
};

const MIGRATIONS: Migration[] = [conversationBuckets, visitorLastSeenDay];

/**
 * Brings a database written by an earlier version to the current shape, once: a finished migration
 * is recorded and skipped on later starts. Several processes starting at once may each run one;
 * every migration is idempotent.
 */
export async function runMigrations(log: Logger): Promise<void> {
  for (const migration of MIGRATIONS) {
    if (await MigrationModel.exists({ _id: migration.name })) continue;
    const started = Date.now();
    const changed = await migration.run();
    await insertOnce(MigrationModel, { _id: migration.name, finishedAt: new Date() });
    if (changed > 0) log.info({ migration: migration.name, changed, ms: Date.now() - started }, 'database migrated');
  }
}
