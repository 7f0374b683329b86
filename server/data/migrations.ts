import type { Types } from 'mongoose';
import type { Logger } from '../infra/logger';
import { conversations } from './conversations';
import { insertOnce } from './insert-once';
import { MigrationModel } from './models/migration.model';

const BATCH = 500;

interface Migration {
  name: string;
  /** Idempotent: brings every old-shape document to the current shape; answers how many it changed. */
  run(): Promise<number>;
}

/**
 * Conversations stored before the inbox read closed conversations by day and agents' loads by
 * open assignee get `closedDay` and `openAssigneeId`; each through the conversation's own locked
 * update, which derives both, so a live update of the same conversation is never undone.
 */
const conversationBuckets: Migration = {
  name: 'conversation-closed-day-and-open-assignee',
  async run() {
    let changed = 0;
    let after: Types.ObjectId | null = null;
    for (;;) {
      const ids = await conversations.withoutDerivedFields(after, BATCH);
      for (const id of ids) {
        await conversations.deriveFields(id);
        changed += 1;
      }
      if (ids.length < BATCH) return changed;
      after = ids.at(-1)!;
    }
  },
};

const MIGRATIONS: Migration[] = [conversationBuckets];

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
